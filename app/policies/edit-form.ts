import type { PolicyFile } from "./policy-file";

/**
 * The policy editor's form ↔ a policy document. Field names are flat ("c0.name", "c0.p1.from")
 * so the form posts without JavaScript; what only the document has (situations, attachments,
 * clause exclusions) is kept from the version being edited. Numbers and dates are checked here
 * with messages by field; everything else by the policy file's own validation.
 */
export const MAX_CLAUSES = 30;
export const NEW_PARAMETER_ROWS = 2;

type Form = { get(name: string): FormDataEntryValue | null };

export interface FormProblem {
  field: string;
  message: string;
}

const text = (form: Form, name: string) => String(form.get(name) ?? "").trim();
const list = (value: string) => value.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function policyFromForm(form: Form, base: PolicyFile): { policy: PolicyFile; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const date = (name: string, label: string, optional = false): string | undefined => {
    const v = text(form, name);
    if (!v && optional) return undefined;
    if (!DATE.test(v)) problems.push({ field: name, message: `${label}应为日期，如 2026-01-31` });
    return v;
  };
  const count = Math.min(Number(text(form, "clauseCount")) || 0, MAX_CLAUSES);
  const clauses: PolicyFile["clauses"] = [];
  for (let i = 0; i < count; i++) {
    const p = `c${i}.`;
    if (form.get(`${p}delete`)) continue;
    const id = text(form, `${p}id`);
    const original = base.clauses.find((c) => c.id === id);
    let conditions: unknown;
    try {
      conditions = JSON.parse(text(form, `${p}conditions`) || "null");
    } catch {
      problems.push({ field: `${p}conditions`, message: "条件不是有效的 JSON" });
    }
    const kind = text(form, `${p}kind`);
    const parameters: Record<string, { from: string; value: number; reference?: string }[]> = {};
    const rows = Number(text(form, `${p}paramCount`)) || 0;
    for (let j = 0; j < Math.min(rows, 50); j++) {
      const q = `${p}p${j}.`;
      const name = text(form, `${q}name`);
      const from = text(form, `${q}from`);
      const raw = text(form, `${q}value`);
      if (!name && !from && !raw) continue; // an unused new row
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push({ field: `${q}name`, message: "参数名用英文字母、数字和下划线，如 amount、rate" });
      if (!DATE.test(from)) problems.push({ field: `${q}from`, message: "生效日期应为日期，如 2026-01-01" });
      const value = Number(raw);
      if (raw === "" || !Number.isFinite(value)) problems.push({ field: `${q}value`, message: "取值应为数字" });
      const reference = text(form, `${q}reference`);
      (parameters[name] ??= []).push({ from, value, ...(reference ? { reference } : {}) });
    }
    for (const values of Object.values(parameters)) values.sort((a, b) => a.from.localeCompare(b.from));
    const description = text(form, `${p}description`);
    const benefit: PolicyFile["clauses"][number]["benefit"] =
      kind === "none" ? { kind: "none", description }
      : kind === "formula" ? { kind: "formula", unit: "万元", formula: text(form, `${p}formula`), ...(text(form, `${p}cap`) ? { cap: text(form, `${p}cap`) } : {}), parameters, description }
      : { kind: "fixed", unit: "万元", parameters, description };
    const delivery = text(form, `${p}delivery`) as "免申即享" | "申报";
    const materials = list(String(form.get(`${p}materials`) ?? "").replace(/\n/g, "；"));
    const group = text(form, `${p}exclusiveGroup`);
    clauses.push({
      id,
      name: text(form, `${p}name`),
      delivery,
      ...(delivery === "申报" && materials.length ? { materials } : {}),
      ...(group ? { exclusiveGroup: group } : {}),
      ...(original?.excludes ? { excludes: original.excludes } : {}),
      conditions,
      benefit,
    });
  }
  if (!clauses.length) problems.push({ field: "clauses", message: "至少要有一个条款" });
  const ids = clauses.map((c) => c.id);
  const expiresOn = date("expiresOn", "有效期至", true);
  const policy: PolicyFile = {
    id: base.id,
    title: text(form, "title"),
    docNumber: text(form, "docNumber"),
    issuer: text(form, "issuer"),
    level: text(form, "level") as PolicyFile["level"],
    region: text(form, "region"),
    publishedOn: date("publishedOn", "发布日期")!,
    effectiveFrom: date("effectiveFrom", "施行日期")!,
    ...(expiresOn ? { expiresOn } : {}),
    ...(text(form, "source") ? { source: text(form, "source") } : {}),
    ...(base.attachments ? { attachments: base.attachments } : {}),
    tags: list(text(form, "tags")),
    industries: list(text(form, "industries")),
    summary: text(form, "summary"),
    text: String(form.get("text") ?? "").trim(),
    clauses,
    // Situations of deleted clauses no longer apply; the rest are kept as they are.
    situations: base.situations
      .map((s) => ({ ...s, expect: Object.fromEntries(Object.entries(s.expect).filter(([k]) => ids.includes(k))) }))
      .filter((s) => Object.keys(s.expect).length > 0),
  };
  if (policy.expiresOn && policy.expiresOn < policy.effectiveFrom) problems.push({ field: "expiresOn", message: "有效期至不能早于施行日期" });
  return { policy, problems };
}

/** A new clause appended by "添加条款": a unique id and a simple rule to shape. */
export function newClause(existing: readonly string[], today: string): PolicyFile["clauses"][number] {
  let n = existing.length + 1;
  while (existing.includes(`tiaokuan-${n}`)) n++;
  return {
    id: `tiaokuan-${n}`,
    name: "新条款",
    delivery: "免申即享",
    conditions: { all: [{ fact: "registeredYears", operator: "greaterThanInclusive", value: 1 }] },
    benefit: { kind: "fixed", unit: "万元", parameters: { amount: [{ from: today, value: 1 }] }, description: "（请填写扶持内容）" },
  };
}
