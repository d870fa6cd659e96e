import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companyWhere, subtreeScope, type GridScope } from "~/auth/scope.server";
import { seesWholeCity } from "~/auth/scope";
import { getGridNode } from "~/grids/grid.server";
import { divisionsOfSection } from "~/companies/industry-sections";
import type { CompanyFilters } from "~/companies/filters";

/** One company, if the actor may see it; null otherwise (callers answer 404, not 403). */
export async function getCompany({ actor, id }: { actor: Actor; id: string }) {
  return prisma.company.findFirst({
    where: { AND: [{ id }, await companyWhere(actor)] },
    include: { grid: { select: { id: true, name: true } }, parkGrid: { select: { id: true, name: true } } },
  });
}

export async function countCompanies({ actor }: { actor: Actor }) {
  return prisma.company.count({ where: await companyWhere(actor) });
}

/** Every filter given, except the grid scope (listParts adds that). */
function filterWhere(f: CompanyFilters, now: Date): Prisma.CompanyWhereInput[] {
  const and: Prisma.CompanyWhereInput[] = [];
  if (f.q) {
    const q = f.q.trim();
    and.push({ OR: [{ name: { contains: q } }, { uscc: { startsWith: q.toUpperCase() } }] });
  }
  if (f.industry) {
    // A range of codes ("13" ≤ code < "44" for 制造业), which the industryCode indexes answer.
    const divisions = /^[A-T]$/.test(f.industry) ? divisionsOfSection(f.industry) : [f.industry];
    const last = divisions[divisions.length - 1];
    and.push({ industryCode: { gte: divisions[0], lt: String(Number(last) + 1).padStart(2, "0") } });
  }
  if (f.size?.length) and.push({ sizeClass: { in: f.size } });
  if (f.qualification) {
    and.push({
      qualifications: {
        some: { kind: f.qualification, issuedAt: { lte: now }, OR: [{ expiresAt: null }, { expiresAt: { gte: now } }] },
      },
    });
  }
  if (f.tag) and.push({ tags: { some: { tag: f.tag } } });
  if (f.noVisitDays) {
    const since = new Date(now.getTime() - f.noVisitDays * 86_400_000);
    and.push({ OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: since } }] });
  }
  if (f.unplaced) and.push({ gridId: null });
  return and;
}

/**
 * The list as disjoint parts whose union is what the actor may see under the filters: for a grid
 * scope, companies by community grid, plus park companies not already counted by their grid.
 */
export async function listParts(actor: Actor, f: CompanyFilters, now = new Date()): Promise<Prisma.CompanyWhereInput[]> {
  const filters = filterWhere(f, now);
  let scope: GridScope | null = null;
  if (f.gridId) {
    // A grid outside the actor's scope is simply not found: it narrows to nothing, never widens.
    const node = await getGridNode({ actor, id: f.gridId });
    scope = node ? await subtreeScope([node.path]) : { gridIds: [], parkIds: [] };
  } else if (seesWholeCity(actor)) {
    return [{ AND: filters }];
  } else if (actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") {
    scope = await subtreeScope(actor.gridPaths);
  } else {
    return [{ AND: [await companyWhere(actor), ...filters] }];
  }
  const parts: Prisma.CompanyWhereInput[] = [];
  if (scope.gridIds.length) parts.push({ AND: [{ gridId: { in: scope.gridIds } }, ...filters] });
  if (scope.parkIds.length) {
    parts.push({
      AND: [{ parkGridId: { in: scope.parkIds } }, { OR: [{ gridId: null }, { gridId: { notIn: scope.gridIds } }] }, ...filters],
    });
  }
  return parts;
}

const ORDER: Record<CompanyFilters["sort"], (dir: "asc" | "desc") => Prisma.CompanyOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { id: "asc" }],
  registeredAt: (dir) => [{ registeredAt: dir }, { id: "asc" }],
  lastVisitAt: (dir) => [{ lastVisitAt: dir }, { id: "asc" }],
  updatedAt: (dir) => [{ updatedAt: dir }, { id: "asc" }],
};

const LIST_SELECT = {
  id: true, uscc: true, name: true, industryCode: true, sizeClass: true, registeredAt: true, lastVisitAt: true,
  contactName: true, contactPhone: true, address: true,
  grid: { select: { name: true } }, parkGrid: { select: { name: true } },
  tags: { select: { tag: true } },
  qualifications: { select: { kind: true, issuedAt: true, expiresAt: true } },
} satisfies Prisma.CompanySelect;

/** A page of the companies the actor may see, filtered and sorted, with the total for paging. */
export async function listCompanies({ actor, filters }: { actor: Actor; filters: CompanyFilters }) {
  const parts = await listParts(actor, filters);
  const skip = (filters.page - 1) * filters.pageSize;
  const [counts, ids] = await Promise.all([
    Promise.all(parts.map((where) => prisma.company.count({ where }))),
    pageIds(parts, filters, skip, filters.pageSize),
  ]);
  // Then just those rows in full: sorting narrow index entries, not wide rows, finds the page.
  const rows = await prisma.company.findMany({ where: { id: { in: ids } }, select: LIST_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: counts.reduce((a, b) => a + b, 0), rows: ids.flatMap((id) => byId.get(id) ?? []) };
}

/** Every matching company (for export), in the list's order, up to `limit`. */
export async function exportCompanyRows({ actor, filters, limit }: { actor: Actor; filters: CompanyFilters; limit: number }) {
  const parts = await listParts(actor, filters);
  const [counts, ids] = await Promise.all([
    Promise.all(parts.map((where) => prisma.company.count({ where }))),
    pageIds(parts, filters, 0, limit),
  ]);
  const rows = await prisma.company.findMany({
    where: { id: { in: ids } },
    select: { ...LIST_SELECT, legalRep: true, registeredCapital: true, contactEmail: true, businessScope: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: counts.reduce((a, b) => a + b, 0), rows: ids.flatMap((id) => byId.get(id) ?? []) };
}

/** Ids of one page across the parts, in the list's order (parts are merged like SQL would sort). */
async function pageIds(parts: Prisma.CompanyWhereInput[], f: CompanyFilters, skip: number, take: number): Promise<string[]> {
  const orderBy = ORDER[f.sort](f.order);
  if (parts.length === 1) {
    return (await prisma.company.findMany({ where: parts[0], orderBy, skip, take, select: { id: true } })).map((r) => r.id);
  }
  const key = f.sort;
  const select: Prisma.CompanySelect = { id: true, [key]: true };
  const heads = await Promise.all(parts.map((where) => prisma.company.findMany({ where, orderBy, take: skip + take, select })));
  const rows = heads.flat() as unknown as ({ id: string } & Record<string, unknown>)[];
  rows.sort((a, b) => compareSortKey(a[key], b[key], f.order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.slice(skip, skip + take).map((r) => r.id);
}

/** SQL's order: NULLs first ascending and last descending; strings by code point, as SQLite's BINARY. */
function compareSortKey(a: unknown, b: unknown, order: "asc" | "desc"): number {
  if (a == null || b == null) {
    if (a == null && b == null) return 0;
    const nullFirst = a == null ? -1 : 1;
    return order === "asc" ? nullFirst : -nullFirst;
  }
  const x = a instanceof Date ? a.getTime() : (a as string | number);
  const y = b instanceof Date ? b.getTime() : (b as string | number);
  const c = x < y ? -1 : x > y ? 1 : 0;
  return order === "asc" ? c : -c;
}
