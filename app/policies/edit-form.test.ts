import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newClause, policyFromForm } from "./edit-form";
import { readPolicyFile, serializePolicy, type PolicyFile } from "./policy-file";

const base = readPolicyFile(readFileSync(path.resolve(__dirname, "../../rules/zhuanjingtexin-rending-jiangli.yaml"), "utf8")).policy!;

/** The fields the edit page posts for a policy, as a browser would send them. */
function formOf(p: PolicyFile, extra: Record<string, string> = {}) {
  const f = new Map<string, string>(Object.entries({
    title: p.title, docNumber: p.docNumber, issuer: p.issuer, level: p.level, region: p.region,
    publishedOn: p.publishedOn, effectiveFrom: p.effectiveFrom, expiresOn: p.expiresOn ?? "", source: p.source ?? "",
    tags: p.tags.join("、"), industries: p.industries.join("、"), summary: p.summary, text: p.text, clauseCount: String(p.clauses.length),
  }));
  p.clauses.forEach((c, i) => {
    const k = `c${i}.`;
    f.set(`${k}id`, c.id).set(`${k}name`, c.name).set(`${k}delivery`, c.delivery).set(`${k}exclusiveGroup`, c.exclusiveGroup ?? "");
    f.set(`${k}conditions`, JSON.stringify(c.conditions)).set(`${k}kind`, c.benefit.kind).set(`${k}description`, c.benefit.description);
    f.set(`${k}materials`, (c.materials ?? []).join("\n"));
    if (c.benefit.kind === "formula") f.set(`${k}formula`, c.benefit.formula).set(`${k}cap`, c.benefit.cap ?? "");
    const rows = c.benefit.kind === "none" ? [] : Object.entries(c.benefit.parameters).flatMap(([name, vs]) => vs.map((v) => ({ name, ...v })));
    rows.forEach((r, j) => f.set(`${k}p${j}.name`, r.name).set(`${k}p${j}.from`, r.from).set(`${k}p${j}.value`, String(r.value)).set(`${k}p${j}.reference`, r.reference ?? ""));
    f.set(`${k}paramCount`, String(rows.length + 2)); // two blank rows, as on the page
  });
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  return { get: (name: string) => f.get(name) ?? null };
}

describe("policy edit form", () => {
  it("gives back the same document when nothing was changed", () => {
    const { policy, problems } = policyFromForm(formOf(base), base);
    expect(problems).toEqual([]);
    expect(serializePolicy(policy)).toBe(serializePolicy(base));
  });

  it("says which field is wrong, in Chinese", () => {
    const { problems } = policyFromForm(formOf(base, { effectiveFrom: "2024/1/1", "c0.p0.value": "二百", "c0.conditions": "{all:" }), base);
    expect(problems).toEqual([
      { field: "c0.conditions", message: "条件不是有效的 JSON" },
      { field: "c0.p0.value", message: "取值应为数字" },
      { field: "effectiveFrom", message: "施行日期应为日期，如 2026-01-31" },
    ]);
  });

  it("adds a dated value as a new row, and deleting a clause drops its situations", () => {
    const { policy } = policyFromForm(formOf(base, { "c0.p1.name": "amount", "c0.p1.from": "2027-01-01", "c0.p1.value": "150", "c1.delete": "1" }), base);
    expect(policy.clauses.map((c) => c.id)).toEqual([base.clauses[0].id]);
    const b = policy.clauses[0].benefit as { parameters: Record<string, { from: string; value: number }[]> };
    expect(b.parameters.amount.map((v) => [v.from, v.value])).toEqual([[base.publishedOn, 200], ["2027-01-01", 150]]);
    expect(policy.situations.every((s) => Object.keys(s.expect).every((k) => k === base.clauses[0].id))).toBe(true);
    expect(readPolicyFile(serializePolicy(policy)).problems).toEqual([]);
  });

  it("appends a new clause with an id not yet used", () => {
    expect(newClause(["tiaokuan-2"], "2026-11-23").id).toBe("tiaokuan-3");
    expect(newClause(["a", "tiaokuan-3"], "2026-11-23").id).toBe("tiaokuan-4");
  });
});
