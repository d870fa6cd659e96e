import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companiesInGrids, companyWhere, subtreeGridIds } from "~/auth/scope.server";
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

/** The query for a filtered list: the actor's scope AND every filter given. */
export async function companyListWhere(actor: Actor, f: CompanyFilters, now = new Date()): Promise<Prisma.CompanyWhereInput> {
  const and: Prisma.CompanyWhereInput[] = [await companyWhere(actor)];
  if (f.q) {
    const q = f.q.trim();
    and.push({ OR: [{ name: { contains: q } }, { uscc: { startsWith: q.toUpperCase() } }] });
  }
  if (f.gridId) {
    // A grid outside the actor's scope filters to nothing rather than widening the scope.
    const node = await getGridNode({ actor, id: f.gridId });
    and.push(companiesInGrids(node ? await subtreeGridIds([node.path]) : []));
  }
  if (f.industry) {
    // A range of codes ("13" ≤ code < "44" for 制造业), which the industryCode index answers.
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
  return { AND: and };
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
  const where = await companyListWhere(actor, filters);
  // Two steps: the page's ids first (sorting narrow rows), then just those rows in full.
  // Sorting full rows to show 20 cost 11.5 ms against 7.8 ms at 120,000 companies (SQL only).
  const [total, page] = await Promise.all([
    prisma.company.count({ where }),
    prisma.company.findMany({
      where,
      orderBy: ORDER[filters.sort](filters.order),
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: { id: true },
    }),
  ]);
  const rows = await prisma.company.findMany({ where: { id: { in: page.map((p) => p.id) } }, select: LIST_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total, rows: page.flatMap((p) => byId.get(p.id) ?? []) };
}

/** Every matching company (for export), in the list's order, up to `limit`. */
export async function exportCompanyRows({ actor, filters, limit }: { actor: Actor; filters: CompanyFilters; limit: number }) {
  const where = await companyListWhere(actor, filters);
  const total = await prisma.company.count({ where });
  const rows = await prisma.company.findMany({
    where,
    orderBy: ORDER[filters.sort](filters.order),
    take: limit,
    select: { ...LIST_SELECT, legalRep: true, registeredCapital: true, contactEmail: true, businessScope: true },
  });
  return { total, rows };
}
