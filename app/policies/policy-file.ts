import { parse, stringify } from "yaml";
import { z } from "zod";
import { FACTS_BY_KEY } from "~/companies/facts";
import type { TopCondition } from "~/rules/conditions";
import { FormulaError, formulaNames, parseFormula } from "~/rules/formula";
import { validateConditions } from "~/rules/validate";

/**
 * A policy as code (rules/<id>.yaml, after the OpenFisca country template): metadata, clauses with
 * their json-rules-engine conditions, benefits with dated parameters, and named test situations.
 * Files are kept in the canonical form `serializePolicy` writes, so import → export is a no-op
 * and an officer's edit reviews as a plain diff.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 2025-01-31");

const datedValue = z.object({
  from: date,
  value: z.number(),
  reference: z.string().optional(),
});

const benefit = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), unit: z.literal("万元"), parameters: z.record(z.array(datedValue).min(1)), description: z.string() }),
  z.object({
    kind: z.literal("formula"),
    unit: z.literal("万元"),
    formula: z.string().min(1),
    cap: z.string().optional(),
    parameters: z.record(z.array(datedValue).min(1)),
    description: z.string(),
  }),
  z.object({ kind: z.literal("none"), description: z.string() }),
]);

const clause = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "条款编号只能用小写字母、数字和连字符"),
  name: z.string().min(2),
  delivery: z.enum(["免申即享", "申报"]),
  materials: z.array(z.string()).optional(),
  exclusiveGroup: z.string().regex(/^[a-z0-9-]+$/, "互斥组编号只能用小写字母、数字和连字符").optional(),
  /** 不重复补助: not paid to a company that gets the named benefit at another level. */
  excludes: z
    .array(z.object({ policy: z.string().regex(/^[a-z0-9-]+$/), clause: z.string().regex(/^[a-z0-9-]+$/).optional(), reason: z.string().min(2) }))
    .optional(),
  conditions: z.unknown(),
  benefit,
});

const situation = z.object({
  name: z.string().min(4),
  on: date,
  facts: z.record(z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])),
  expect: z.record(z.object({ qualifies: z.boolean(), amount: z.number().nullable().optional() })),
});

export const PolicyFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "政策编号只能用小写字母、数字和连字符"),
  title: z.string().min(4),
  docNumber: z.string().min(2),
  issuer: z.string().min(2),
  level: z.enum(["国家", "省", "市", "区"]),
  region: z.string().regex(/^\d{2,6}$/, "适用地区应为行政区划代码"),
  publishedOn: date,
  effectiveFrom: date,
  expiresOn: date.optional(),
  source: z.string().url().optional(),
  attachments: z.array(z.object({ name: z.string().min(1), url: z.string().url("附件链接应为网址") })).optional(),
  tags: z.array(z.string()),
  industries: z.array(z.string()),
  summary: z.string(),
  text: z.string(),
  clauses: z.array(clause).min(1),
  /** Named test situations; every file in rules/ has some (rules/policies.test.ts), a new draft may not yet. */
  situations: z.array(situation),
});

const FIELD_NAMES: Record<string, string> = {
  id: "编号", title: "标题", docNumber: "文号", issuer: "发文单位", level: "层级", region: "适用地区", publishedOn: "发布日期",
  effectiveFrom: "施行日期", expiresOn: "有效期至", source: "原文链接", summary: "摘要", text: "政策原文", clauses: "条款",
  name: "名称", delivery: "申享方式", conditions: "条件", benefit: "扶持内容", kind: "扶持方式", description: "说明",
  formula: "公式", cap: "上限", parameters: "参数", from: "生效日期", value: "取值", materials: "申报材料", situations: "测试情形",
};

/** zod's messages in Chinese, naming the field (officers read these next to the form). */
const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  const key = [...issue.path].reverse().find((p) => typeof p === "string") as string | undefined;
  const field = key ? FIELD_NAMES[key] ?? key : "该项";
  switch (issue.code) {
    case "invalid_type":
      return { message: issue.received === "undefined" ? `缺少${field}` : `${field}的类型不正确` };
    case "too_small":
      return { message: issue.type === "array" ? `${field}至少要有 ${issue.minimum} 项` : `${field}至少 ${issue.minimum} 个字` };
    case "invalid_enum_value":
      return { message: `${field}应为 ${issue.options.join("、")} 之一` };
    case "invalid_union_discriminator":
      return { message: `${field}应为 ${issue.options.map(String).join("、")} 之一` };
    case "invalid_string":
      return { message: issue.validation === "url" ? `${field}应为网址` : `${field}格式不正确` };
    case "unrecognized_keys":
      return { message: `不支持的字段：${issue.keys.join("、")}` };
    default:
      return { message: ctx.defaultError };
  }
};

export type PolicyFile = z.infer<typeof PolicyFileSchema>;
export type ClauseSpec = PolicyFile["clauses"][number];
export type BenefitSpec = ClauseSpec["benefit"];

export interface PolicyProblem {
  where: string;
  message: string;
}

/** Reads a policy file and lists every problem in it, in Chinese; null policy if unusable. */
export function readPolicyFile(text: string): { policy: PolicyFile | null; problems: PolicyProblem[] } {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    return { policy: null, problems: [{ where: "", message: `文件不是有效的 YAML：${(error as Error).message.split("\n")[0]}` }] };
  }
  const parsed = PolicyFileSchema.safeParse(data, { errorMap: zhErrorMap });
  if (!parsed.success) {
    return { policy: null, problems: parsed.error.issues.map((i) => ({ where: i.path.join("."), message: i.message })) };
  }
  const policy = parsed.data;
  const problems: PolicyProblem[] = [];
  const ids = new Set<string>();
  for (const c of policy.clauses) {
    const where = `clauses.${c.id}`;
    if (ids.has(c.id)) problems.push({ where, message: "条款编号重复" });
    ids.add(c.id);
    for (const p of validateConditions(c.conditions)) problems.push({ where: `${where}.conditions${p.path ? `.${p.path}` : ""}`, message: p.message });
    problems.push(...checkBenefit(c.benefit, where));
    for (const x of c.excludes ?? []) {
      if (x.policy === policy.id) problems.push({ where, message: "同一政策内的不重复享受请用互斥组（exclusiveGroup）表示" });
    }
    if (c.delivery === "申报" && !c.materials?.length) problems.push({ where, message: "申报类条款应列出申报材料" });
  }
  for (const s of policy.situations) {
    for (const key of Object.keys(s.facts)) if (!FACTS_BY_KEY.has(key)) problems.push({ where: `situations.${s.name}`, message: `未知的企业指标“${key}”` });
    for (const id of Object.keys(s.expect)) if (!ids.has(id)) problems.push({ where: `situations.${s.name}`, message: `没有编号为“${id}”的条款` });
  }
  return { policy, problems };
}

function checkBenefit(b: BenefitSpec, where: string): PolicyProblem[] {
  if (b.kind === "none") return [];
  const problems: PolicyProblem[] = [];
  for (const [name, values] of Object.entries(b.parameters)) {
    if (FACTS_BY_KEY.has(name)) problems.push({ where, message: `参数名“${name}”与企业指标重名` });
    const dates = values.map((v) => v.from);
    if ([...dates].sort().join() !== dates.join()) problems.push({ where, message: `参数“${name}”的取值应按生效日期先后排列` });
  }
  if (b.kind === "fixed") {
    if (!b.parameters.amount) problems.push({ where, message: "定额奖补应有参数 amount（万元）" });
    return problems;
  }
  for (const [label, text] of [["公式", b.formula], ["上限", b.cap]] as const) {
    if (text === undefined) continue;
    try {
      for (const name of formulaNames(parseFormula(text))) {
        if (!FACTS_BY_KEY.has(name) && !(name in b.parameters)) problems.push({ where, message: `${label}中的“${name}”既不是企业指标也不是参数` });
      }
    } catch (error) {
      if (error instanceof FormulaError) problems.push({ where, message: `${label}有误：${error.message}` });
      else throw error;
    }
  }
  return problems;
}

/** The canonical text of a policy file. */
export function serializePolicy(policy: PolicyFile): string {
  return stringify(policy, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
}

export function conditionsOf(c: ClauseSpec): TopCondition {
  return c.conditions as TopCondition;
}
