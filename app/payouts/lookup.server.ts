import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

/**
 * Names for ids that payouts and applications carry without relations (the tables keep plain
 * ids so a policy version or a company can change without touching the money records).
 */
type Db = Prisma.TransactionClient;

/** Large id lists in pieces, under every engine's limit on bound parameters. */
export async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>, size = 5000): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await read(ids.slice(i, i + size))));
  return out;
}

/** A policy's title: the version in force, else its newest version. */
export async function policyTitles(ids: string[], db: Db = prisma): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const versions = await db.policyVersion.findMany({
    where: { policyId: { in: unique } },
    orderBy: { number: "asc" },
    select: { policyId: true, title: true, status: true },
  });
  const published = new Map<string, string>();
  const newest = new Map<string, string>();
  for (const v of versions) {
    newest.set(v.policyId, v.title);
    if (v.status === "PUBLISHED") published.set(v.policyId, v.title);
  }
  return new Map(unique.filter((id) => newest.has(id)).map((id) => [id, published.get(id) ?? newest.get(id)!]));
}

export async function clauseInfo(ids: string[], db: Db = prisma) {
  const unique = [...new Set(ids)];
  const rows = await inChunks(unique, (chunk) => db.policyClause.findMany({
    where: { id: { in: chunk } },
    select: { id: true, key: true, name: true, delivery: true, version: { select: { policyId: true, title: true } } },
  }));
  return new Map(rows.map((c) => [c.id, { key: c.key, name: c.name, delivery: c.delivery, policyId: c.version.policyId, policyTitle: c.version.title }]));
}

/** District nodes (depth 1 under the city): id → name. */
export async function districtNames(db: Db = prisma): Promise<Map<string, string>> {
  const rows = await db.gridNode.findMany({ where: { depth: 1 }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  return new Map(rows.map((g) => [g.id, g.name]));
}

/** The district a grid path lies in: "/<city>/<district>/…" (as the impact check reads it). */
export function districtIdOf(path: string | null | undefined): string | null {
  return path?.split("/")[2] || null;
}

export interface CompanyInfo {
  name: string;
  uscc: string;
  district: string | null;
  contactEmail: string | null;
}

/** Companies with the district their grid (or park) lies in. */
export async function companyInfo(ids: string[], db: Db = prisma): Promise<Map<string, CompanyInfo>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const [rows, districts] = await Promise.all([
    inChunks(unique, (chunk) => db.company.findMany({
      where: { id: { in: chunk } },
      select: { id: true, name: true, uscc: true, contactEmail: true, grid: { select: { path: true } }, parkGrid: { select: { path: true } } },
    })),
    districtNames(db),
  ]);
  return new Map(rows.map((c) => {
    const districtId = districtIdOf(c.grid?.path ?? c.parkGrid?.path);
    return [c.id, { name: c.name, uscc: c.uscc, contactEmail: c.contactEmail, district: districtId ? districts.get(districtId) ?? null : null }];
  }));
}

export async function userNames(ids: (string | null | undefined)[], db: Db = prisma): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  return new Map(rows.map((u) => [u.id, u.displayName]));
}
