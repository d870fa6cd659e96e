import { z } from "zod";
import { findCategory, URGENCIES } from "./categories";

/**
 * The filing form, checked the same way in the browser and on the server; every message is the
 * Chinese one shown next to its field.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export const filingSchema = z.object({
  categoryCode: z.string({ required_error: "请选择诉求分类" }).refine((c) => findCategory(c)?.leaf === true, "请选择诉求分类（具体到小类）"),
  title: z.string().trim().min(4, "标题至少 4 个字").max(50, "标题不超过 50 个字"),
  description: z.string().trim().min(10, "请把情况说清楚，至少 10 个字").max(2000, "描述不超过 2000 字"),
  urgency: z.enum(URGENCIES, { errorMap: () => ({ message: "请选择紧急程度" }) }),
  contactName: z.string().trim().min(1, "请填写联系人").max(20, "联系人不超过 20 个字"),
  contactPhone: z.string().trim().refine((p) => MOBILE.test(p) || LANDLINE.test(p), "请填写 11 位手机号或带区号的固定电话"),
  contactEmail: z.union([z.literal(""), z.string().trim().email("邮箱格式不正确")]).optional(),
  address: z.string().trim().max(100, "地址不超过 100 个字").optional(),
  suggestedCode: z.string().max(20).optional(),
});

export type FilingInput = z.infer<typeof filingSchema>;

export interface FilingErrors {
  [field: string]: string[];
}

export function parseFiling(values: Record<string, unknown>): { ok: true; data: FilingInput } | { ok: false; errors: FilingErrors } {
  const result = filingSchema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: result.error.flatten().fieldErrors as FilingErrors };
}
