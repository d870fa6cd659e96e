import { z } from "zod";
import { AccountForm } from "~/matching/my-policies.server";

/** The 申报 form: its fields, what is kept of a submission, and the parsing with Chinese errors per field. */
export const ApplicationFields = z.object({
  contactName: z.string().trim().min(2, "请填写联系人姓名").max(50, "联系人姓名过长"),
  contactPhone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, "请填写手机号或固定电话，如 13800000001 或 0371-67169000"),
  contactEmail: z.union([z.literal(""), z.string().trim().email("邮箱格式不正确").max(100, "邮箱过长")]).optional(),
  note: z.string().trim().max(1000, "补充说明不超过 1000 字").optional(),
  promise: z.literal("1", { errorMap: () => ({ message: "请阅读并勾选承诺后再提交" }) }),
});
export type ApplicationInput = z.infer<typeof ApplicationFields> & { account?: { name: string; bank: string; number: string } };

/** What was submitted, kept as the officer sees it (Application.form). */
export interface ApplicationForm {
  company: { name: string; uscc: string; address: string | null };
  contact: { name: string; phone: string; email: string | null };
  account: { name: string; bank: string; number: string } | null;
  amount: number | null;
  benefit: string;
  basis: string[];
  evaluatedOn: string;
  note: string | null;
  /** 核定金额: set by the officer on approval, at most `amount` (the ceiling the rule computed). */
  approvedAmount?: number | null;
}

/** Parses the text fields; account fields are required when the benefit is money. */
export function parseApplicationFields(form: FormData, needsAccount: boolean): { input?: ApplicationInput; errors: Record<string, string[]> } {
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = ApplicationFields.safeParse(raw);
  const errors: Record<string, string[]> = parsed.success ? {} : (parsed.error.flatten().fieldErrors as Record<string, string[]>);
  let account: ApplicationInput["account"];
  if (needsAccount) {
    const a = AccountForm.safeParse({ name: raw.accountName ?? "", bank: raw.bank ?? "", number: (raw.accountNumber ?? "").replace(/\s/g, "") });
    if (a.success) account = a.data;
    else {
      const e = a.error.flatten().fieldErrors;
      if (e.name) errors.accountName = e.name;
      if (e.bank) errors.bank = e.bank;
      if (e.number) errors.accountNumber = e.number;
    }
  }
  return parsed.success && !Object.keys(errors).length ? { input: { ...parsed.data, account }, errors } : { errors };
}
