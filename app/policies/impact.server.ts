import { SIZE_LABELS } from "~/companies/labels";
import { prisma } from "~/db.server";
import { compilePolicy, evaluatePolicy, type ClauseOutcome } from "~/matching/evaluate";
import { explainConditions, explanationToChinese, nearMisses } from "~/matching/explain";
import { registryFacts, type CompanyFacts } from "~/matching/registry-facts.server";
import { factInstant } from "~/utils/dates";
import { conditionsOf, readPolicyFile } from "./policy-file";
import { pageOf } from "~/utils/paging";

/**
 * 发布前测算: a version run against the whole registry on an evaluation date, beside the version
 * in force, so an officer sees who qualifies, who newly qualifies, who no longer does, and what
 * it costs, split by district and by size, before asking for review.
 */
export interface ImpactRow {
  id: string;
  name: string;
  uscc: string;
  district: string | null;
  sizeClass: string | null;
  amount: number;
  clauses: ClauseOutcome[];
  before: { amount: number; clauses: string[] } | null;
  change: "new" | "lost" | "kept";
}

export interface Impact {
  versionId: string;
  number: number;
  on: string;
  evaluated: number;
  qualified: number;
  totalAmount: number;
  clauses: { key: string; name: string; delivery: string; qualified: number; paid: number; amount: number }[];
  byDistrict: { name: string; qualified: number; amount: number }[];
  bySize: { name: string; qualified: number; amount: number }[];
  compare: { number: number; qualified: number; totalAmount: number; newly: number; lost: number } | null;
  rows: ImpactRow[];
  elapsedMs: number;
}

// Recent results, so paging and filtering a list do not re-run the registry.
const cache = new Map<string, { at: number; impact: Impact }>();
const CACHE_MS = 5 * 60_000;

export async function computeImpact(versionId: string, on: string): Promise<Impact | null> {
  const version = await prisma.policyVersion.findUnique({ where: { id: versionId }, include: { policy: { select: { currentVersionId: true } } } });
  if (!version) return null;
  const compareId = version.policy.currentVersionId && version.policy.currentVersionId !== version.id ? version.policy.currentVersionId : null;
  const key = `${version.id}|${version.updatedAt.getTime()}|${compareId}|${on}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.impact;

  const started = performance.now();
  const draft = compilePolicy(readPolicyFile(version.document).policy!);
  const inForce = compareId ? await prisma.policyVersion.findUniqueOrThrow({ where: { id: compareId }, select: { number: true, document: true } }) : null;
  const previous = inForce ? compilePolicy(readPolicyFile(inForce.document).policy!) : null;
  const districts = new Map((await prisma.gridNode.findMany({ where: { depth: 1 }, select: { id: true, name: true } })).map((g) => [g.id, g.name]));

  const rows: ImpactRow[] = [];
  let evaluated = 0;
  for await (const batch of registryFacts(factInstant(on))) {
    evaluated += batch.length;
    for (const c of batch) {
      const now = evaluatePolicy(draft, c.facts, on);
      const was = previous ? evaluatePolicy(previous, c.facts, on) : null;
      if (!now.clauses.length && !was?.clauses.length) continue;
      const districtId = c.gridPath?.split("/")[2];
      rows.push({
        id: c.id, name: c.name, uscc: c.uscc, sizeClass: c.sizeClass,
        district: districtId ? districts.get(districtId) ?? null : null,
        amount: now.amount, clauses: now.clauses,
        before: was ? { amount: was.amount, clauses: was.clauses.map((x) => x.key) } : null,
        change: !was ? "new" : now.clauses.length && was.clauses.length ? "kept" : now.clauses.length ? "new" : "lost",
      });
    }
  }
  rows.sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, "zh-CN"));

  const current = rows.filter((r) => r.clauses.length);
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
  const tally = (label: (r: ImpactRow) => string) => {
    const out = new Map<string, { name: string; qualified: number; amount: number }>();
    for (const r of current) {
      const name = label(r);
      const t = out.get(name) ?? out.set(name, { name, qualified: 0, amount: 0 }).get(name)!;
      t.qualified++;
      t.amount += r.amount;
    }
    return [...out.values()].map((t) => ({ ...t, amount: Math.round(t.amount * 100) / 100 })).sort((a, b) => b.qualified - a.qualified);
  };
  const impact: Impact = {
    versionId: version.id,
    number: version.number,
    on,
    evaluated,
    qualified: current.length,
    totalAmount: sum(current.map((r) => r.amount)),
    clauses: draft.policy.clauses.map((c) => {
      const outcomes = current.map((r) => r.clauses.find((x) => x.key === c.id)).filter((x): x is ClauseOutcome => !!x);
      const paid = outcomes.filter((o) => !o.excludedBy);
      return { key: c.id, name: c.name, delivery: c.delivery, qualified: outcomes.length, paid: paid.length, amount: sum(paid.map((o) => o.amount ?? 0)) };
    }),
    byDistrict: tally((r) => r.district ?? "待分配网格"),
    bySize: tally((r) => (r.sizeClass ? SIZE_LABELS[r.sizeClass] ?? r.sizeClass : "未划型")),
    compare: inForce
      ? {
          number: inForce.number,
          qualified: rows.filter((r) => r.before?.clauses.length).length,
          totalAmount: sum(rows.map((r) => r.before?.amount ?? 0)),
          newly: rows.filter((r) => r.change === "new").length,
          lost: rows.filter((r) => r.change === "lost").length,
        }
      : null,
    rows,
    elapsedMs: Math.round(performance.now() - started),
  };
  cache.set(key, { at: Date.now(), impact });
  for (const k of [...cache.keys()].slice(0, Math.max(0, cache.size - 6))) cache.delete(k);
  return impact;
}

export type ImpactFilter = "all" | "new" | "lost";

export function impactPage(impact: Impact, filter: ImpactFilter, page: number, size = 20) {
  const rows = impact.rows.filter((r) => (filter === "all" ? r.change !== "lost" : r.change === filter));
  const { page: p, pages, skip } = pageOf(rows.length, size, page);
  return { rows: rows.slice(skip, skip + size), total: rows.length, page: p, pages };
}

/** 测算单个企业: find companies by USCC or name, and explain one against each clause. */
export async function findCompaniesForTest(query: string) {
  const q = query.trim().slice(0, 60);
  if (!q) return [];
  return prisma.company.findMany({
    where: /^[0-9A-Z]{18}$/i.test(q) ? { uscc: q.toUpperCase() } : { name: { contains: q } },
    select: { id: true, name: true, uscc: true },
    orderBy: { name: "asc" },
    take: 8,
  });
}

export async function explainCompany(versionId: string, companyId: string, on: string) {
  return (await explainCompanies(versionId, [companyId], on))[0] ?? null;
}

/** Clause-by-clause explanations for a page of companies, their facts read in one batch. */
export async function explainCompanies(versionId: string, companyIds: string[], on: string) {
  const version = await prisma.policyVersion.findUnique({ where: { id: versionId }, select: { document: true } });
  if (!version || !companyIds.length) return [];
  const policy = readPolicyFile(version.document).policy!;
  const compiled = compilePolicy(policy);
  const found = new Map<string, CompanyFacts>();
  for await (const batch of registryFacts(factInstant(on), { ids: companyIds })) for (const c of batch) found.set(c.id, c);
  return companyIds.flatMap((id) => {
    const company = found.get(id);
    if (!company) return [];
    const outcome = evaluatePolicy(compiled, company.facts, on);
    return [{
      company: { id: company.id, name: company.name, uscc: company.uscc },
      amount: outcome.amount,
      clauses: policy.clauses.map((c) => {
        const o = outcome.clauses.find((x) => x.key === c.id);
        const tree = explainConditions(conditionsOf(c), company.facts);
        return {
          key: c.id,
          name: c.name,
          qualifies: !!o,
          amount: o?.amount ?? null,
          excludedBy: o?.excludedBy ? policy.clauses.find((x) => x.id === o.excludedBy)?.name ?? o.excludedBy : null,
          lines: explanationToChinese(tree),
          nearMisses: o ? [] : nearMisses(conditionsOf(c), company.facts).map((l) => l.sentence),
        };
      }),
    }];
  });
}
