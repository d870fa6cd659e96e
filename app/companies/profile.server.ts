import { z } from "zod";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { audit } from "~/audit.server";
import { industryPath } from "~/companies/industry";
import { classifySize } from "~/companies/size";
import { computeFacts, FACTS, type FactDefinition, type FactValue } from "~/companies/facts";

/** Everything the profile page shows, if the actor may see the company; null otherwise. */
export async function getCompanyProfile({ actor, id }: { actor: Actor; id: string }) {
  const company = await prisma.company.findFirst({
    where: { AND: [{ id }, await companyWhere(actor)] },
    include: {
      grid: { select: { id: true, name: true, path: true } },
      parkGrid: { select: { id: true, name: true } },
      qualifications: { orderBy: { issuedAt: "desc" } },
      indicators: { orderBy: { year: "desc" } },
      tags: { select: { tag: true } },
      visits: { orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }], take: 50, include: { visitor: { select: { displayName: true } } } },
    },
  });
  if (!company) return null;
  // The grid's ancestors, for a 郑州市 / 高新区 / 枫杨街道 / … breadcrumb.
  const ids = company.grid?.path.split("/").filter(Boolean) ?? [];
  const ancestors = ids.length
    ? await prisma.gridNode.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, depth: true }, orderBy: { depth: "asc" } })
    : [];
  return { company, gridTrail: ancestors.map((a) => a.name) };
}

/** The profile with the names and explanations the page shows beside the stored codes. */
export async function getCompanyProfileView({ actor, id }: { actor: Actor; id: string }) {
  const profile = await getCompanyProfile({ actor, id });
  if (!profile) return null;
  const { company } = profile;
  const latest = company.indicators[0];
  const size = company.industryCode && latest
    ? classifySize({ industryCode: company.industryCode, employees: latest.employees ?? undefined, revenue: latest.revenue ?? undefined, totalAssets: latest.totalAssets ?? undefined })
    : null;
  const facts = computeFacts(
    {
      ...company,
      tags: company.tags.map((t) => t.tag),
      indicators: company.indicators,
    },
    new Date(),
  );
  return {
    ...profile,
    facts: FACTS.map((f) => ({ key: f.key, label: f.label, unit: f.unit ?? null, group: f.group, derivation: f.derivation, value: displayFact(f, facts[f.key]) })),
    industryLabel: company.industryCode ? industryPath(company.industryCode).join(" / ") : null,
    sizeReason: size ? `${latest!.year} 年数据：${size.reason}` : null,
  };
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

/** The company's change history (profile edits, imports, placement, visits), newest first. */
export async function companyHistory({ actor, id, take = 100 }: { actor: Actor; id: string; take?: number }): Promise<HistoryEntry[] | null> {
  const visible = await prisma.company.count({ where: { AND: [{ id }, await companyWhere(actor)] } });
  if (!visible) return null;
  const rows = await prisma.auditLog.findMany({ where: { entityType: "Company", entityId: id }, orderBy: { id: "desc" }, take });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const entries = rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: r.actorId ? (names.get(r.actorId) ?? null) : null,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
  // Grid changes are stored as ids; people read names.
  const gridIds = new Set<string>();
  for (const e of entries) {
    const changes = (e.detail?.changes ?? {}) as Record<string, unknown[]>;
    for (const key of ["gridId", "parkGridId"]) for (const v of changes[key] ?? []) if (typeof v === "string") gridIds.add(v);
  }
  if (gridIds.size) {
    const gridNames = new Map((await prisma.gridNode.findMany({ where: { id: { in: [...gridIds] } }, select: { id: true, name: true } })).map((g) => [g.id, g.name]));
    for (const e of entries) {
      const changes = (e.detail?.changes ?? {}) as Record<string, unknown[]>;
      for (const key of ["gridId", "parkGridId"]) {
        if (changes[key]) changes[key] = changes[key].map((v) => (typeof v === "string" ? (gridNames.get(v) ?? v) : v));
      }
    }
  }
  return entries;
}

/** The fields enterprise staff may change themselves; official fields come from registries. */
export const ContactForm = z.object({
  contactName: z.string().trim().min(1, "请填写联系人").max(50, "联系人姓名过长"),
  contactPhone: z.string().trim().regex(/^[0-9+\-()\s转]{7,30}$/, "请填写有效的电话号码，如 13800000000 或 0371-67890000"),
  contactEmail: z.union([z.literal(""), z.string().trim().email("邮箱格式不正确").max(100)]),
  businessScope: z.string().trim().max(2000, "主营业务最多 2000 字"),
});
export type ContactInput = z.infer<typeof ContactForm>;

/**
 * Enterprise staff update their own company's contact and operational fields. The change and its
 * audit record commit together; nothing is written when nothing changed.
 */
export async function updateOwnCompany({ actor, input, ip }: { actor: Actor; input: ContactInput; ip?: string }) {
  if (actor.role !== "ENTERPRISE" || !actor.companyId) throw new Response("只有企业用户可以修改本企业信息。", { status: 403 });
  const companyId = actor.companyId;
  return prisma.$transaction(async (tx) => {
    const before = await tx.company.findUniqueOrThrow({ where: { id: companyId } });
    const next = { ...input, contactEmail: input.contactEmail || null, businessScope: input.businessScope || null };
    const changes = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[])
        .filter((k) => (before[k] ?? null) !== (next[k] ?? null))
        .map((k) => [k, [before[k], next[k]]]),
    );
    if (!Object.keys(changes).length) return { changed: 0 };
    await tx.company.update({ where: { id: companyId }, data: next });
    await audit({ actorId: actor.id, action: "company.update", entityType: "Company", entityId: companyId, detail: { source: "企业自行修改", changes }, ip }, tx);
    return { changed: Object.keys(changes).length };
  });
}

/** A fact's value as officers read it: labels for codes, 是/否, "—" when the data is missing. */
function displayFact(f: FactDefinition, value: FactValue | undefined): string {
  if (value === undefined) return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  const label = (v: string) => f.values?.find((x) => x.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.length ? value.map(label).join("、") : "无";
  if (typeof value === "number") return value.toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  return label(value);
}
