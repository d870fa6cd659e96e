import { conditionsToChinese } from "~/rules/render-zh";
import { conditionsOf, type PolicyFile } from "./policy-file";
import { benefitSummary } from "./present";

/**
 * What a new version changes, in words a reviewer reads: fields, and clause by clause the
 * conditions and benefits before and after (the YAML line diff is shown beside it).
 */
export interface Change {
  what: string;
  before: string | null;
  after: string | null;
}

const FIELDS: [keyof PolicyFile, string][] = [
  ["title", "标题"], ["docNumber", "文号"], ["issuer", "发文单位"], ["level", "层级"], ["region", "适用地区"],
  ["publishedOn", "发布日期"], ["effectiveFrom", "施行日期"], ["expiresOn", "有效期至"], ["source", "原文链接"],
  ["summary", "摘要"], ["text", "政策原文"], ["tags", "标签"], ["industries", "适用行业"],
];

const show = (v: unknown) => (v === undefined || v === null ? null : Array.isArray(v) ? v.join("、") || null : String(v));

export function comparePolicies(before: PolicyFile, after: PolicyFile, on: string): Change[] {
  const changes: Change[] = [];
  for (const [key, label] of FIELDS) {
    const a = show(before[key]), b = show(after[key]);
    if (a !== b) changes.push({ what: label, before: a, after: b });
  }
  const old = new Map(before.clauses.map((c) => [c.id, c]));
  for (const c of after.clauses) {
    const o = old.get(c.id);
    if (!o) {
      changes.push({ what: `新增条款“${c.name}”`, before: null, after: `${conditionsToChinese(conditionsOf(c))}；${benefitSummary(c.benefit, on)}` });
      continue;
    }
    old.delete(c.id);
    const name = `条款“${c.name}”`;
    if (o.name !== c.name) changes.push({ what: `${name}名称`, before: o.name, after: c.name });
    if (o.delivery !== c.delivery) changes.push({ what: `${name}申享方式`, before: o.delivery, after: c.delivery });
    const [ca, cb] = [conditionsToChinese(conditionsOf(o)), conditionsToChinese(conditionsOf(c))];
    if (JSON.stringify(o.conditions) !== JSON.stringify(c.conditions)) changes.push({ what: `${name}条件`, before: ca, after: cb });
    if (JSON.stringify(o.benefit) !== JSON.stringify(c.benefit)) {
      const [ba, bb] = [benefitSummary(o.benefit, on), benefitSummary(c.benefit, on)];
      changes.push({ what: `${name}扶持内容`, before: ba === bb ? `${ba}（参数或说明有调整）` : ba, after: bb });
    }
    if ((o.exclusiveGroup ?? null) !== (c.exclusiveGroup ?? null)) changes.push({ what: `${name}互斥组`, before: o.exclusiveGroup ?? null, after: c.exclusiveGroup ?? null });
    if (show(o.materials) !== show(c.materials)) changes.push({ what: `${name}申报材料`, before: show(o.materials), after: show(c.materials) });
  }
  for (const o of old.values()) changes.push({ what: `删除条款“${o.name}”`, before: conditionsToChinese(conditionsOf(o)), after: null });
  if (before.situations.length !== after.situations.length || JSON.stringify(before.situations) !== JSON.stringify(after.situations)) {
    changes.push({ what: "测试情形", before: `${before.situations.length} 个`, after: `${after.situations.length} 个（有调整）` });
  }
  return changes;
}
