import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { classifySize } from "~/companies/size";
import { insertRows } from "~/utils/bulk-insert.server";
import type { PlacementIndex } from "~/grids/placement";
import type { CompanyRecord } from "./validate";

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Profile fields an import sets. Contact fields too: the registry is the office's master copy. */
const FIELDS = [
  "name", "legalRep", "registeredAt", "registeredCapital", "address", "contactName", "contactPhone",
  "contactEmail", "industryCode", "businessScope", "districtCode", "streetCode", "communityCode",
] as const;
type Field = (typeof FIELDS)[number];

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/**
 * Writes one batch of validated records in a single transaction: a company is written with its
 * indicators, qualifications, tags, placement and audit record, or not at all. Matching is by
 * USCC, so running the same file again changes nothing (and records nothing).
 */
export async function applyBatch(
  records: CompanyRecord[],
  context: { actorId: string; placement: PlacementIndex; source: string },
): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0 };
  if (!records.length) return result;
  await prisma.$transaction(
    async (tx) => {
      const existing = new Map(
        (await tx.company.findMany({
          where: { uscc: { in: records.map((r) => r.uscc) } },
          include: { qualifications: true, tags: true, indicators: true },
        })).map((c) => [c.uscc, c]),
      );
      const audits: { actorId: string; action: string; entityType: string; entityId: string; detail: string }[] = [];
      const newCompanies: Prisma.CompanyCreateManyInput[] = [];
      const now = new Date();
      const ids = new Map<string, string>();
      const writeIndicator = new Set<string>();

      for (const r of records) {
        const place = context.placement.place(r);
        const values: Record<Field, unknown> = {
          name: r.name, legalRep: r.legalRep, registeredAt: r.registeredAt, registeredCapital: r.registeredCapital,
          address: r.address, contactName: r.contactName, contactPhone: r.contactPhone, contactEmail: r.contactEmail,
          industryCode: r.industryCode, businessScope: r.businessScope,
          districtCode: place.districtCode, streetCode: place.streetCode, communityCode: place.communityCode,
        };
        const before = existing.get(r.uscc);
        if (!before) {
          const id = randomUUID();
          ids.set(r.uscc, id);
          // Every column, in one order: rows of a multi-row INSERT must have the same keys.
          newCompanies.push({
            id, uscc: r.uscc, ...(values as object), gridId: place.gridId, parkGridId: place.parkGridId,
            sizeClass: sizeOf(r.industryCode, r.indicator), status: "ACTIVE", lastVisitAt: null, createdAt: now, updatedAt: now,
          } as Prisma.CompanyCreateManyInput);
          if (r.indicator) writeIndicator.add(r.uscc);
          audits.push({ actorId: context.actorId, action: "company.create", entityType: "Company", entityId: id, detail: JSON.stringify({ source: context.source, placement: place.how }) });
          result.created++;
          continue;
        }
        ids.set(r.uscc, before.id);
        // Only what the file actually states is compared: an empty cell keeps the stored value.
        const changes: Record<string, [unknown, unknown]> = {};
        for (const f of FIELDS) {
          if (values[f] !== null && !same(before[f], values[f])) changes[f] = [before[f], values[f]];
        }
        // A new placement replaces the old one only when the file places the company.
        if (place.gridId && place.gridId !== before.gridId) changes.gridId = [before.gridId, place.gridId];
        if (place.parkGridId && place.parkGridId !== before.parkGridId) changes.parkGridId = [before.parkGridId, place.parkGridId];
        const indicatorChanged = r.indicator && !sameIndicator(before.indicators.find((i) => i.year === r.indicator!.year), r.indicator);
        const newQuals = r.qualifications.filter((q) => !before.qualifications.some((b) => b.kind === q.kind && same(b.issuedAt, q.issuedAt) && same(b.expiresAt, q.expiresAt)));
        const newTags = r.tags.filter((t) => !before.tags.some((b) => b.tag === t));
        if (!Object.keys(changes).length && !indicatorChanged && !newQuals.length && !newTags.length) {
          result.unchanged++;
          continue;
        }
        if (indicatorChanged) writeIndicator.add(r.uscc);
        // Size follows the newest year on file, whether this row brings it or not.
        const years = [...(r.indicator ? [r.indicator] : []), ...before.indicators].sort((a, b) => b.year - a.year);
        const latest = years[0] ?? null;
        const sizeClass = sizeOf((values.industryCode as string | null) ?? before.industryCode, latest);
        if (sizeClass !== before.sizeClass) changes.sizeClass = [before.sizeClass, sizeClass];
        await tx.company.update({
          where: { id: before.id },
          data: Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])),
        });
        // Cases carry the company's name for the queue's search (Case.companyName).
        if (changes.name) await tx.case.updateMany({ where: { companyId: before.id }, data: { companyName: values.name as string } });
        audits.push({
          actorId: context.actorId, action: "company.update", entityType: "Company", entityId: before.id,
          detail: JSON.stringify({
            source: context.source, changes,
            ...(indicatorChanged ? { indicatorYear: r.indicator!.year } : {}),
            ...(newQuals.length ? { qualificationsAdded: newQuals.map((q) => q.kind) } : {}),
            ...(newTags.length ? { tagsAdded: newTags } : {}),
          }),
        });
        result.updated++;
      }

      await insertRows(tx, "Company", newCompanies as Record<string, unknown>[]);
      const withIndicator = records.filter((r) => writeIndicator.has(r.uscc));
      for (const year of new Set(withIndicator.map((r) => r.indicator!.year))) {
        const ofYear = withIndicator.filter((r) => r.indicator!.year === year);
        await tx.companyIndicator.deleteMany({ where: { year, companyId: { in: ofYear.map((r) => ids.get(r.uscc)!) } } });
        await insertRows(tx, "CompanyIndicator", ofYear.map((r) => ({ ...r.indicator!, companyId: ids.get(r.uscc)! })));
      }
      const quals = records.flatMap((r) => {
        const had = existing.get(r.uscc)?.qualifications ?? [];
        return r.qualifications
          .filter((q) => !had.some((b) => b.kind === q.kind && same(b.issuedAt, q.issuedAt)))
          .map((q) => ({ ...q, companyId: ids.get(r.uscc)! }));
      });
      await insertRows(tx, "CompanyQualification", quals.map((q) => ({ id: randomUUID(), companyId: q.companyId, kind: q.kind, certificateNo: null, issuedAt: q.issuedAt, expiresAt: q.expiresAt, createdAt: now })));
      // A re-import may correct the expiry of a qualification it listed before.
      for (const r of records) {
        for (const b of existing.get(r.uscc)?.qualifications ?? []) {
          const q = r.qualifications.find((x) => x.kind === b.kind && same(x.issuedAt, b.issuedAt));
          if (q && !same(q.expiresAt, b.expiresAt)) {
            await tx.companyQualification.update({ where: { id: b.id }, data: { expiresAt: q.expiresAt } });
          }
        }
      }
      const tags = records.flatMap((r) => {
        const had = existing.get(r.uscc)?.tags ?? [];
        return r.tags.filter((t) => !had.some((b) => b.tag === t)).map((tag) => ({ companyId: ids.get(r.uscc)!, tag }));
      });
      await insertRows(tx, "CompanyTag", tags);
      await insertRows(tx, "AuditLog", audits.map((a) => ({ ...a, at: now, ip: null })));
    },
    { timeout: 120_000 },
  );
  return result;
}

function sizeOf(industryCode: string | null, indicator: { employees: number | null; revenue: number | null; totalAssets: number | null } | null) {
  if (!industryCode || !indicator) return null;
  return classifySize({
    industryCode,
    employees: indicator.employees ?? undefined,
    revenue: indicator.revenue ?? undefined,
    totalAssets: indicator.totalAssets ?? undefined,
  }).size;
}

function sameIndicator(a: object | undefined, b: object): boolean {
  const left = a as Record<string, unknown> | undefined;
  return !!left && Object.entries(b).every(([k, v]) => same(left[k], v));
}
