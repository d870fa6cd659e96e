import { serializePolicy, type PolicyFile } from "./policy-file";

/** A new policy's first draft: metadata from the form and one clause for the officer to shape. */
export function skeletonPolicy(input: { id: string; title: string; issuer: string; level: PolicyFile["level"]; region: string; today: string }): string {
  return serializePolicy({
    id: input.id,
    title: input.title,
    docNumber: "待核对原件文号",
    issuer: input.issuer,
    level: input.level,
    region: input.region,
    publishedOn: input.today,
    effectiveFrom: input.today,
    tags: [],
    industries: [],
    summary: "（请填写政策摘要）",
    text: "（请粘贴政策原文）",
    clauses: [
      {
        id: "tiaokuan-1",
        name: "（请填写条款名称）",
        delivery: "免申即享",
        conditions: { all: [{ fact: "registeredYears", operator: "greaterThanInclusive", value: 1 }] },
        benefit: { kind: "fixed", unit: "万元", parameters: { amount: [{ from: input.today, value: 1 }] }, description: "（请填写扶持内容）" },
      },
    ],
    situations: [],
  });
}
