import type { Actor } from "~/auth/actor";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { cityDate } from "~/utils/dates";
import { allowedActions, type VersionStatus } from "./lifecycle";
import { readPolicyFile, type PolicyFile } from "./policy-file";
import { writersOfVersion } from "./policy-store.server";
import { pageOf } from "~/utils/paging";

/** Roles that see unpublished versions (drafts, submissions); everyone else sees published text. */
const EDITORIAL: ReadonlySet<string> = new Set(["POLICY_OFFICER", "REVIEWER", "ADMIN"]);

export const PAGE_SIZE = 20;

export type Validity = "in-force" | "expired" | "upcoming";

export function validityOn(v: { effectiveFrom: string; expiresOn: string | null }, today: string): Validity {
  if (v.expiresOn && v.expiresOn < today) return "expired";
  if (v.effectiveFrom > today) return "upcoming";
  return "in-force";
}

export interface PolicyListFilters {
  q?: string;
  level?: string;
  validity?: Validity | "";
  page?: number;
}

/**
 * Published policies for every logged-in user (the plain database list; full-text search with
 * facets is Meilisearch's job). Policies in force first, then by publication date.
 */
export async function listPublishedPolicies(f: PolicyListFilters, today = cityDate()) {
  const and: Prisma.PolicyVersionWhereInput[] = [{ status: "PUBLISHED" }];
  const q = f.q?.trim().slice(0, 100);
  if (q) and.push({ OR: [{ title: { contains: q } }, { docNumber: { contains: q } }, { issuer: { contains: q } }] });
  if (f.level) and.push({ level: f.level });
  if (f.validity === "expired") and.push({ expiresOn: { lt: today } });
  if (f.validity === "upcoming") and.push({ effectiveFrom: { gt: today } });
  if (f.validity === "in-force") and.push({ effectiveFrom: { lte: today } }, { OR: [{ expiresOn: null }, { expiresOn: { gte: today } }] });
  const where: Prisma.PolicyVersionWhereInput = { AND: and };
  const total = await prisma.policyVersion.count({ where });
  const { page, pages } = pageOf(total, PAGE_SIZE, f.page);
  const rows = await prisma.policyVersion.findMany({
    where,
    orderBy: [{ publishedOn: "desc" }, { policyId: "asc" }],
    select: {
      policyId: true, title: true, docNumber: true, issuer: true, level: true, publishedOn: true, effectiveFrom: true, expiresOn: true,
      clauses: { select: { delivery: true }, orderBy: { ordinal: "asc" } },
    },
  });
  // In force first: a small list (published policies number in the hundreds), sorted here.
  const rank = (v: (typeof rows)[number]) => ({ "in-force": 0, upcoming: 1, expired: 2 })[validityOn(v, today)];
  rows.sort((a, b) => rank(a) - rank(b));
  const items = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((v) => ({
    ...v,
    validity: validityOn(v, today),
    deliveries: [...new Set(v.clauses.map((c) => c.delivery))],
  }));
  return { items, total, page, pages };
}

/**
 * A policy's public page: the version in force, else the last one that was published (shown as
 * retired or superseded). Unpublished policies exist only for editorial roles.
 */
export async function getPublicPolicy(input: { actor: Actor; policyId: string }) {
  const versions = await prisma.policyVersion.findMany({
    where: { policyId: input.policyId, status: { in: ["PUBLISHED", "RETIRED", "SUPERSEDED"] } },
    orderBy: { number: "desc" },
  });
  const version = versions.find((v) => v.status === "PUBLISHED") ?? versions.find((v) => v.status === "RETIRED") ?? null;
  if (!version) return null;
  const { policy } = readPolicyFile(version.document);
  return {
    version: { id: version.id, number: version.number, status: version.status as VersionStatus, publishedAt: version.publishedAt, retiredAt: version.retiredAt },
    policy: policy!,
    validity: validityOn(version, cityDate()),
    canManage: input.actor.role === "POLICY_OFFICER",
  };
}

/**
 * Policies for officers and reviewers, one page at a time: each with its newest version and the
 * number of the one in force, most recently changed first. `q` keeps the policies any version of
 * which has it in its title, 文号 or policy id; `status` filters on the newest version.
 *
 * Two steps, so no query binds a list as long as the catalogue: the versions' small columns find
 * each policy's newest version (10,000 policies are ~10,000 short rows; loading them with a
 * relation per policy bound every id and failed SQLite's parameter limit), then the page's rows
 * are read in full.
 */
export async function listPoliciesForEditors(input: { actor: Actor; status?: string; q?: string; page?: number; pageSize?: number }) {
  const pageSize = input.pageSize ?? PAGE_SIZE;
  if (!EDITORIAL.has(input.actor.role)) return { total: 0, page: 1, pageSize, rows: [] };
  const q = input.q?.trim().slice(0, 100);
  const versions = await prisma.policyVersion.findMany({ select: { id: true, policyId: true, number: true, status: true, updatedAt: true } });
  const newest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if ((newest.get(v.policyId)?.number ?? -1) < v.number) newest.set(v.policyId, v);
  const matching = q
    ? new Set((await prisma.policyVersion.findMany({
        where: { OR: [{ title: { contains: q } }, { docNumber: { contains: q } }, { policyId: { contains: q } }] },
        select: { policyId: true },
        distinct: ["policyId"],
      })).map((v) => v.policyId))
    : null;
  const listed = [...newest.values()]
    .filter((v) => (!matching || matching.has(v.policyId)) && (!input.status || v.status === input.status))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.policyId < b.policyId ? -1 : 1));
  const { page, skip } = pageOf(listed.length, pageSize, input.page);
  const shown = listed.slice(skip, skip + pageSize);
  const [details, policies] = await Promise.all([
    prisma.policyVersion.findMany({
      where: { id: { in: shown.map((v) => v.id) } },
      select: { id: true, policyId: true, number: true, status: true, title: true, docNumber: true, level: true, issuer: true, expiresOn: true, effectiveFrom: true, updatedAt: true },
    }),
    prisma.policy.findMany({ where: { id: { in: shown.map((v) => v.policyId) } }, select: { id: true, currentVersion: { select: { number: true } } } }),
  ]);
  const byId = new Map(details.map((d) => [d.id, d]));
  const inForce = new Map(policies.map((p) => [p.id, p.currentVersion?.number ?? null]));
  const today = cityDate();
  const rows = shown.map((v) => {
    const { policyId, ...latest } = byId.get(v.id)!;
    return { id: policyId, inForce: inForce.get(policyId) ?? null, latest, validity: validityOn(latest, today) };
  });
  return { total: listed.length, page, pageSize, rows };
}

export type PolicyVersionDetail = NonNullable<Awaited<ReturnType<typeof getVersionDetail>>>;

/** One version for the editorial pages: its document, timeline, the buttons the actor may use. */
export async function getVersionDetail(input: { actor: Actor; versionId: string }) {
  if (!EDITORIAL.has(input.actor.role)) return null;
  const version = await prisma.policyVersion.findUnique({
    where: { id: input.versionId },
    include: { events: { orderBy: { id: "asc" } }, policy: { select: { currentVersionId: true } } },
  });
  if (!version) return null;
  const actorIds = [...new Set([version.authorId, version.reviewerId, ...version.events.map((e) => e.actorId)].filter((x): x is string => !!x))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const writers = await writersOfVersion(version.id);
  const status = version.status as VersionStatus;
  const inForce = version.policy.currentVersionId && version.policy.currentVersionId !== version.id
    ? await prisma.policyVersion.findUnique({ where: { id: version.policy.currentVersionId }, select: { id: true, number: true, document: true } })
    : null;
  const others = await prisma.policyVersion.findMany({ where: { policyId: version.policyId }, orderBy: { number: "desc" }, select: { id: true, number: true, status: true } });
  const { policy } = readPolicyFile(version.document);
  return {
    version: {
      id: version.id, policyId: version.policyId, number: version.number, status, document: version.document,
      author: version.authorId ? names.get(version.authorId) ?? null : null,
      reviewer: version.reviewerId ? names.get(version.reviewerId) ?? null : null,
      createdAt: version.createdAt, updatedAt: version.updatedAt,
    },
    policy: policy as PolicyFile,
    events: version.events.map((e) => ({ id: e.id, at: e.at, action: e.action, comment: e.comment, actor: e.actorId ? names.get(e.actorId) ?? "已删除的用户" : "系统" })),
    actions: allowedActions({ status, writers, expiresOn: version.expiresOn }, input.actor, cityDate()),
    isWriter: writers.includes(input.actor.id),
    inForce,
    versions: others.map((o) => ({ ...o, status: o.status as VersionStatus })),
  };
}

/** Versions waiting for a reviewer, oldest submission first; the reviewer's own are marked. */
export async function reviewQueue(actor: Actor) {
  if (actor.role !== "REVIEWER") return [];
  const versions = await prisma.policyVersion.findMany({
    where: { status: "SUBMITTED" },
    orderBy: { submittedAt: "asc" },
    select: { id: true, policyId: true, number: true, title: true, docNumber: true, submittedAt: true, authorId: true },
  });
  const out = [];
  for (const v of versions) {
    const writers = await writersOfVersion(v.id);
    out.push({ ...v, ownWork: writers.includes(actor.id) });
  }
  return out;
}

/** The canonical document of a version, for export; unpublished ones only for editorial roles. */
export async function exportVersion(input: { actor: Actor; policyId: string; versionId?: string }) {
  const editorial = EDITORIAL.has(input.actor.role);
  const version = await prisma.policyVersion.findFirst({
    where: input.versionId
      ? { id: input.versionId, policyId: input.policyId, ...(editorial ? {} : { status: { in: ["PUBLISHED", "RETIRED", "SUPERSEDED"] } }) }
      : { policyId: input.policyId, status: "PUBLISHED" },
    select: { policyId: true, number: true, document: true },
  });
  return version;
}
