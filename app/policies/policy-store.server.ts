import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { cityDate } from "~/utils/dates";
import { enqueue } from "~/jobs/outbox.server";
import { requestClauseMatch } from "~/matching/triggers.server";
import { refusal, TRANSITIONS, type LifecycleAction, type VersionStatus } from "./lifecycle";
import { readPolicyFile, serializePolicy, type PolicyFile, type PolicyProblem } from "./policy-file";

/**
 * Policies in the database: every version is the whole canonical policy file (so export is a
 * copy and an edit reviews as a diff), plus listing columns and clause rows derived from it in
 * the same transaction. Published versions are never written again; an edit is a new draft.
 */
type Tx = Prisma.TransactionClient;

export class PolicyError extends Error {
  constructor(message: string, readonly problems: PolicyProblem[] = [], readonly status = 400) {
    super(message);
  }
}

const OPEN: VersionStatus[] = ["DRAFT", "SUBMITTED", "APPROVED"];

function columns(policy: PolicyFile, document: string) {
  return {
    title: policy.title,
    docNumber: policy.docNumber,
    issuer: policy.issuer,
    level: policy.level,
    region: policy.region,
    publishedOn: policy.publishedOn,
    effectiveFrom: policy.effectiveFrom,
    expiresOn: policy.expiresOn ?? null,
    document,
  };
}

async function writeClauses(tx: Tx, versionId: string, policy: PolicyFile): Promise<void> {
  await tx.policyClause.deleteMany({ where: { versionId } });
  await tx.policyClause.createMany({
    data: policy.clauses.map((c, ordinal) => ({
      versionId,
      key: c.id,
      ordinal,
      name: c.name,
      delivery: c.delivery,
      exclusiveGroup: c.exclusiveGroup ?? null,
      conditions: JSON.stringify(c.conditions),
      benefit: JSON.stringify(c.benefit),
    })),
  });
}

/**
 * Every change of a policy reaches the search index (and whatever else follows policies) through
 * the outbox, in the same transaction: the consumer re-reads the policy's current state.
 */
export const POLICY_CHANGED = "search.policy";

async function policyChanged(tx: Tx, policyId: string, eventId: number): Promise<void> {
  await enqueue(tx, { topic: POLICY_CHANGED, key: `${policyId}:${eventId}`, payload: { policyId } });
}

/** Parses and validates a policy document; throws PolicyError listing every problem in Chinese. */
export function parsePolicyText(text: string): { policy: PolicyFile; document: string } {
  if (text.length > 1_000_000) throw new PolicyError("文件过大（上限 1 MB）");
  const { policy, problems } = readPolicyFile(text);
  if (!policy || problems.length) throw new PolicyError("政策文件有误，未保存", problems);
  return { policy, document: serializePolicy(policy) };
}

/**
 * Imports every rules/ file whose policy is not in the database yet, as its published version
 * (the files are the reviewed source). Idempotent, so start-up runs it every time and a new
 * file reaches an existing installation.
 */
export async function importRulesDirectory(dir: string, actorId: string | null = null): Promise<{ imported: string[] }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
  const existing = new Set((await prisma.policy.findMany({ select: { id: true } })).map((p) => p.id));
  const imported: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    const { policy, document } = parsePolicyText(text);
    if (existing.has(policy.id)) continue;
    await prisma.$transaction(async (tx) => {
      await tx.policy.create({ data: { id: policy.id } });
      const version = await tx.policyVersion.create({
        data: { policyId: policy.id, number: 1, status: "PUBLISHED", ...columns(policy, document), authorId: actorId, publisherId: actorId, publishedAt: new Date() },
      });
      await writeClauses(tx, version.id, policy);
      await tx.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
      const event = await tx.policyEvent.create({ data: { versionId: version.id, actorId, action: "IMPORTED", comment: `rules/${file}` } });
      await policyChanged(tx, policy.id, event.id);
      await audit({ actorId, action: "policy.import", entityType: "PolicyVersion", entityId: version.id, detail: { policy: policy.id, file } }, tx);
    });
    imported.push(policy.id);
  }
  return { imported };
}

function requireOfficer(actor: Actor): void {
  if (actor.role !== "POLICY_OFFICER") throw new PolicyError("只有政策专员可以编辑政策", [], 403);
}

/**
 * An officer's upload or new policy: a new draft version of the policy named in the document
 * (a new policy if the id is new). Refused while another version of it is open.
 */
export async function createDraftFromText(input: { actor: Actor; text: string; ip?: string | null }): Promise<{ versionId: string }> {
  requireOfficer(input.actor);
  const { policy, document } = parsePolicyText(input.text);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.policy.findUnique({ where: { id: policy.id }, include: { versions: { select: { number: true, status: true } } } });
    if (existing?.versions.some((v) => OPEN.includes(v.status as VersionStatus))) {
      throw new PolicyError(`政策“${policy.id}”已有未发布的版本，请在该版本上修改`, [], 409);
    }
    if (!existing) await tx.policy.create({ data: { id: policy.id } });
    const number = Math.max(0, ...(existing?.versions.map((v) => v.number) ?? [])) + 1;
    const version = await tx.policyVersion.create({
      data: { policyId: policy.id, number, status: "DRAFT", ...columns(policy, document), authorId: input.actor.id },
    });
    await writeClauses(tx, version.id, policy);
    const event = await tx.policyEvent.create({ data: { versionId: version.id, actorId: input.actor.id, action: "CREATED", comment: existing ? "上传规则文件" : "新建政策" } });
    await policyChanged(tx, policy.id, event.id);
    await audit({ actorId: input.actor.id, action: "policy.draft.create", entityType: "PolicyVersion", entityId: version.id, detail: { policy: policy.id, number }, ip: input.ip }, tx);
    return { versionId: version.id };
  });
}

/** Starts a new draft from the version in force (or the latest); returns the open one if any. */
export async function startDraft(input: { actor: Actor; policyId: string; ip?: string | null }): Promise<{ versionId: string }> {
  requireOfficer(input.actor);
  return prisma.$transaction(async (tx) => {
    const versions = await tx.policyVersion.findMany({ where: { policyId: input.policyId }, orderBy: { number: "desc" } });
    if (!versions.length) throw new PolicyError("没有该政策", [], 404);
    const open = versions.find((v) => OPEN.includes(v.status as VersionStatus));
    if (open) return { versionId: open.id };
    const base = versions.find((v) => v.status === "PUBLISHED") ?? versions[0];
    const { policy, document } = parsePolicyText(base.document);
    const version = await tx.policyVersion.create({
      data: { policyId: input.policyId, number: versions[0].number + 1, status: "DRAFT", ...columns(policy, document), authorId: input.actor.id },
    });
    await writeClauses(tx, version.id, policy);
    const event = await tx.policyEvent.create({ data: { versionId: version.id, actorId: input.actor.id, action: "CREATED", comment: `基于第 ${base.number} 版` } });
    await policyChanged(tx, input.policyId, event.id);
    await audit({ actorId: input.actor.id, action: "policy.draft.create", entityType: "PolicyVersion", entityId: version.id, detail: { policy: input.policyId, from: base.number }, ip: input.ip }, tx);
    return { versionId: version.id };
  });
}

/** Saves a draft's whole document. The policy id cannot change; only drafts are written. */
export async function saveDraft(input: { actor: Actor; versionId: string; text: string; ip?: string | null }): Promise<void> {
  requireOfficer(input.actor);
  const { policy, document } = parsePolicyText(input.text);
  await prisma.$transaction(async (tx) => {
    const version = await tx.policyVersion.findUnique({ where: { id: input.versionId } });
    if (!version) throw new PolicyError("没有该政策版本", [], 404);
    if (version.status !== "DRAFT") throw new PolicyError("只有草稿可以修改；已提交或已发布的版本请先退回或新建草稿", [], 409);
    if (policy.id !== version.policyId) throw new PolicyError(`政策编号不能修改（应为“${version.policyId}”）`, [{ where: "id", message: "政策编号不能修改" }]);
    if (document === version.document) return;
    await tx.policyVersion.update({ where: { id: version.id }, data: columns(policy, document) });
    await writeClauses(tx, version.id, policy);
    const event = await tx.policyEvent.create({ data: { versionId: version.id, actorId: input.actor.id, action: "EDITED" } });
    await policyChanged(tx, policy.id, event.id);
    await audit({ actorId: input.actor.id, action: "policy.draft.edit", entityType: "PolicyVersion", entityId: version.id, detail: { policy: policy.id }, ip: input.ip }, tx);
  });
}

/** Everyone who wrote a version: its author and each editor (none of them may approve it). */
async function writersOf(tx: Tx, versionId: string, authorId: string | null): Promise<string[]> {
  const edits = await tx.policyEvent.findMany({ where: { versionId, action: { in: ["CREATED", "EDITED"] } }, select: { actorId: true } });
  return [...new Set([authorId, ...edits.map((e) => e.actorId)].filter((x): x is string => !!x))];
}

/**
 * One lifecycle step, checked by the one definition in lifecycle.ts, recorded in the version's
 * timeline and the audit log in the same transaction. Publishing supersedes the version in force.
 */
export async function transition(input: { actor: Actor; versionId: string; action: LifecycleAction; comment?: string; ip?: string | null; today?: string }): Promise<void> {
  const { actor, action } = input;
  const comment = input.comment?.trim() || null;
  const t = TRANSITIONS[action];
  if (t.commentRequired && !comment) throw new PolicyError("请填写理由", [{ where: "comment", message: "请填写理由" }]);
  if (comment && comment.length > 2000) throw new PolicyError("意见过长（上限 2000 字）", [{ where: "comment", message: "意见过长（上限 2000 字）" }]);
  const refused = await prisma.$transaction(async (tx) => {
    const version = await tx.policyVersion.findUnique({ where: { id: input.versionId } });
    if (!version) throw new PolicyError("没有该政策版本", [], 404);
    const writers = await writersOf(tx, version.id, version.authorId);
    const why = refusal(action, { status: version.status as VersionStatus, writers, expiresOn: version.expiresOn }, actor, input.today ?? cityDate());
    if (why) return why;
    const now = new Date();
    const stamp: Prisma.PolicyVersionUpdateInput =
      action === "submit" ? { submittedAt: now }
      : action === "approve" ? { reviewerId: actor.id, approvedAt: now }
      : action === "return" ? { submittedAt: null }
      : action === "publish" ? { publisherId: actor.id, publishedAt: now }
      : { retiredAt: now };
    await tx.policyVersion.update({ where: { id: version.id }, data: { status: t.to, ...stamp } });
    const event = await tx.policyEvent.create({ data: { versionId: version.id, actorId: actor.id, action: t.event, comment } });
    await policyChanged(tx, version.policyId, event.id);
    if (action === "publish") {
      const policy = await tx.policy.findUniqueOrThrow({ where: { id: version.policyId } });
      if (policy.currentVersionId) {
        await tx.policyVersion.update({ where: { id: policy.currentVersionId }, data: { status: "SUPERSEDED" } });
        const superseded = await tx.policyEvent.create({ data: { versionId: policy.currentVersionId, actorId: actor.id, action: "SUPERSEDED", comment: `由第 ${version.number} 版替代` } });
        await policyChanged(tx, version.policyId, superseded.id);
      }
      await tx.policy.update({ where: { id: version.policyId }, data: { currentVersionId: version.id } });
    }
    if (action === "retire") await tx.policy.update({ where: { id: version.policyId }, data: { currentVersionId: null } });
    // Publishing or retiring changes who qualifies: re-match that version's clauses.
    if (action === "publish" || action === "retire") await requestClauseMatch(tx, version.id, action === "publish" ? "发布" : "废止", String(event.id));
    await audit({ actorId: actor.id, action: `policy.${action}`, entityType: "PolicyVersion", entityId: version.id, detail: { policy: version.policyId, number: version.number, comment }, ip: input.ip }, tx);
    return null;
  });
  if (refused) {
    // Refused attempts are official actions too: audited, outside the rolled-back transaction.
    await audit({ actorId: actor.id, action: `policy.${action}.refused`, entityType: "PolicyVersion", entityId: input.versionId, detail: { reason: refused }, ip: input.ip });
    throw new PolicyError(refused, [], 409);
  }
}

export async function writersOfVersion(versionId: string): Promise<string[]> {
  const v = await prisma.policyVersion.findUnique({ where: { id: versionId }, select: { authorId: true } });
  return v ? writersOf(prisma, versionId, v.authorId) : [];
}
