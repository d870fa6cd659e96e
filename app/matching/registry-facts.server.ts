import { computeFacts, type FactValue } from "~/companies/facts";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The registry as facts: every active company's fact values on one date, read in id-ordered
 * batches so memory stays flat at 120,000 companies. Matching, impact checks and explanations
 * all read facts from here, so they agree with the profile page (same computeFacts).
 */
export interface CompanyFacts {
  id: string;
  name: string;
  uscc: string;
  gridId: string | null;
  gridPath: string | null;
  sizeClass: string | null;
  facts: Record<string, FactValue>;
}

const BATCH = 2000;

export async function* registryFacts(on: Date, where: Prisma.CompanyWhereInput = {}): AsyncGenerator<CompanyFacts[]> {
  // Only the two years the catalogue reads ("上年度" and the year before, for growth).
  const years = [on.getUTCFullYear() - 1, on.getUTCFullYear() - 2];
  let cursor: string | undefined;
  for (;;) {
    const companies = await prisma.company.findMany({
      where: { AND: [{ status: "ACTIVE" }, where] },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true, name: true, uscc: true, gridId: true, parkGridId: true, sizeClass: true, industryCode: true,
        registeredAt: true, registeredCapital: true, districtCode: true, streetCode: true,
        grid: { select: { path: true } },
      },
    });
    if (!companies.length) return;
    cursor = companies[companies.length - 1].id;
    const ids = companies.map((c) => c.id);
    const [qualifications, indicators, tags] = await Promise.all([
      prisma.companyQualification.findMany({ where: { companyId: { in: ids } }, select: { companyId: true, kind: true, issuedAt: true, expiresAt: true } }),
      prisma.companyIndicator.findMany({ where: { companyId: { in: ids }, year: { in: years } } }),
      prisma.companyTag.findMany({ where: { companyId: { in: ids } } }),
    ]);
    const group = <T extends { companyId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) (map.get(r.companyId) ?? map.set(r.companyId, []).get(r.companyId)!).push(r);
      return map;
    };
    const q = group(qualifications), ind = group(indicators), t = group(tags);
    yield companies.map((c) => ({
      id: c.id,
      name: c.name,
      uscc: c.uscc,
      gridId: c.gridId,
      gridPath: c.grid?.path ?? null,
      sizeClass: c.sizeClass,
      facts: computeFacts(
        {
          registeredAt: c.registeredAt, registeredCapital: c.registeredCapital, districtCode: c.districtCode, streetCode: c.streetCode,
          industryCode: c.industryCode, sizeClass: c.sizeClass, parkGridId: c.parkGridId,
          tags: (t.get(c.id) ?? []).map((x) => x.tag),
          qualifications: q.get(c.id) ?? [],
          indicators: ind.get(c.id) ?? [],
        },
        on,
      ),
    }));
    if (companies.length < BATCH) return;
  }
}

/** One company's facts on a date (for "test one company" and explanations). */
export async function companyFacts(companyId: string, on: Date): Promise<CompanyFacts | null> {
  for await (const batch of registryFacts(on, { id: companyId })) return batch[0] ?? null;
  return null;
}
