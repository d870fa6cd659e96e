import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes policy versions other tests would see.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/policy-store.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import type { Actor } from "~/auth/actor";
import { readPolicyFile, serializePolicy } from "./policy-file";
import { createDraftFromText, importRulesDirectory, PolicyError, saveDraft, startDraft, transition } from "./policy-store.server";
import { exportVersion, getPublicPolicy, getVersionDetail, listPoliciesForEditors, listPublishedPolicies, reviewQueue } from "./policy-query.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

const rulesDir = path.resolve(__dirname, "../../rules");
let officer: Actor, reviewer: Actor, company: Actor, admin: Actor;

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
  [officer, reviewer, company, admin] = await Promise.all(["zhengce", "shenhe", "qiye", "admin"].map(actorFor));
});

async function refusalOf(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PolicyError);
  return (error as PolicyError).message;
}

describe("rules/ in the database", () => {
  it("lists every policy for officers a page at a time, with its newest version, filtered by words and status", async () => {
    // A second version of one policy: the list shows it (the newest), and the one in force by number.
    const [policy] = await prisma.policy.findMany({ orderBy: { id: "asc" }, take: 1, select: { id: true } });
    const draft = await startDraft({ actor: officer, policyId: policy.id });
    const versions = await prisma.policyVersion.findMany({ select: { id: true, policyId: true, number: true, status: true, title: true, updatedAt: true } });
    const newest = new Map<string, (typeof versions)[number]>();
    for (const v of versions) if ((newest.get(v.policyId)?.number ?? 0) < v.number) newest.set(v.policyId, v);
    const expected = [...newest.values()].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.policyId < b.policyId ? -1 : 1));

    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / 5); page++) {
      const result = await listPoliciesForEditors({ actor: officer, page, pageSize: 5 });
      expect(result.total).toBe(expected.length);
      for (const row of result.rows) {
        expect(row.latest.id).toBe(newest.get(row.id)!.id);
        seen.push(row.id);
      }
    }
    expect(seen).toEqual(expected.map((v) => v.policyId));
    const edited = (await listPoliciesForEditors({ actor: officer })).rows.find((r) => r.id === policy.id)!;
    expect(edited.latest.id).toBe(draft.versionId);
    expect(edited.inForce).toBe(1);
    // Past the end: the last page.
    expect((await listPoliciesForEditors({ actor: officer, page: 999, pageSize: 5 })).page).toBe(Math.ceil(expected.length / 5));

    const drafts = await listPoliciesForEditors({ actor: officer, status: "DRAFT" });
    expect(drafts.rows.map((r) => r.id)).toEqual(expected.filter((v) => v.status === "DRAFT").map((v) => v.policyId));
    const found = await listPoliciesForEditors({ actor: officer, q: "稳岗" });
    expect(found.rows.map((r) => r.id)).toEqual(expected.filter((v) => versions.some((x) => x.policyId === v.policyId && x.title.includes("稳岗"))).map((v) => v.policyId));
    expect(found.total).toBeGreaterThan(0);
    expect(await listPoliciesForEditors({ actor: company })).toEqual({ total: 0, page: 1, pageSize: 20, rows: [] });
    await prisma.policyVersion.delete({ where: { id: draft.versionId } });
  });

  it("imports every file once, as the published version, and exports each file unchanged", async () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith(".yaml"));
    expect(await prisma.policy.count()).toBe(files.length);
    expect((await importRulesDirectory(rulesDir)).imported).toEqual([]); // idempotent
    for (const file of files) {
      const exported = await exportVersion({ actor: company, policyId: file.replace(/\.yaml$/, "") });
      expect(exported?.document, file).toBe(readFileSync(path.join(rulesDir, file), "utf8"));
    }
    const clauses = await prisma.policyClause.count();
    const expected = files.reduce((n, f) => n + readPolicyFile(readFileSync(path.join(rulesDir, f), "utf8")).policy!.clauses.length, 0);
    expect(clauses).toBe(expected);
  });

  it("lists published policies for any user, in force before expired", async () => {
    const all = await listPublishedPolicies({}, "2026-11-23");
    expect(all.total).toBeGreaterThanOrEqual(11);
    const ranks = all.items.map((i) => (i.validity === "expired" ? 1 : 0));
    expect([...ranks].sort()).toEqual(ranks);
    const expired = await listPublishedPolicies({ validity: "expired" }, "2026-11-23");
    expect(expired.items.every((i) => i.expiresOn! < "2026-11-23")).toBe(true);
    expect(expired.total).toBeGreaterThan(0);
    const found = await listPublishedPolicies({ q: "稳岗" }, "2026-11-23");
    expect(found.items.map((i) => i.policyId)).toContain("shiye-baoxian-wengang-fanhuan");
  });
});

describe("lifecycle with four eyes", () => {
  const id = "shiye-baoxian-wengang-fanhuan";

  it("edits a new draft, refuses self-approval, approves by another, publishes, supersedes the old version", async () => {
    const { versionId } = await startDraft({ actor: officer, policyId: id });
    expect((await startDraft({ actor: officer, policyId: id })).versionId).toBe(versionId); // one open draft
    const draft = await getVersionDetail({ actor: officer, versionId });
    expect(draft?.version.status).toBe("DRAFT");
    expect(draft?.actions).toEqual(["submit"]);

    // A reviewer cannot edit; the officer's edit extends the expiry and changes the rate by a new dated value.
    const policy = structuredClone(draft!.policy);
    policy.expiresOn = "2027-12-31";
    const rate = (policy.clauses[0].benefit as { parameters: Record<string, { from: string; value: number }[]> }).parameters.rate;
    rate.push({ from: "2027-01-01", value: 0.5 });
    expect(await refusalOf(saveDraft({ actor: reviewer, versionId, text: serializePolicy(policy) }))).toMatch("政策专员");
    await saveDraft({ actor: officer, versionId, text: serializePolicy(policy) });

    await transition({ actor: officer, versionId, action: "submit" });
    expect(await refusalOf(saveDraft({ actor: officer, versionId, text: serializePolicy(policy) }))).toMatch("只有草稿");
    expect((await reviewQueue(reviewer)).map((v) => v.id)).toContain(versionId);
    expect(await refusalOf(transition({ actor: officer, versionId, action: "approve" }))).toMatch("审核人");
    expect(await refusalOf(transition({ actor: reviewer, versionId, action: "return" }))).toMatch("理由");

    await transition({ actor: reviewer, versionId, action: "approve", comment: "同意" });
    await transition({ actor: officer, versionId, action: "publish" });

    const current = await getPublicPolicy({ actor: company, policyId: id });
    expect(current?.version.id).toBe(versionId);
    expect(current?.policy.expiresOn).toBe("2027-12-31");
    const versions = await prisma.policyVersion.findMany({ where: { policyId: id }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.status)).toEqual(["SUPERSEDED", "PUBLISHED"]);
    const events = await prisma.policyEvent.findMany({ where: { versionId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CREATED", "EDITED", "SUBMITTED", "APPROVED", "PUBLISHED"]);
    expect(await prisma.auditLog.count({ where: { entityId: versionId, action: "policy.publish" } })).toBe(1);

    // Published versions are immutable.
    expect(await refusalOf(saveDraft({ actor: officer, versionId, text: serializePolicy(policy) }))).toMatch("只有草稿");
  });

  it("refuses approval by a reviewer who edited the draft", async () => {
    // A reviewer who was the author of an uploaded draft (e.g. an officer later made reviewer).
    const { versionId } = await startDraft({ actor: officer, policyId: "gaoqi-houbei-peiyu-ruku" });
    await prisma.policyEvent.create({ data: { versionId, actorId: reviewer.id, action: "EDITED" } });
    await transition({ actor: officer, versionId, action: "submit" });
    const why = await refusalOf(transition({ actor: reviewer, versionId, action: "approve" }));
    expect(why).toMatch("四眼原则");
    expect(await prisma.auditLog.count({ where: { entityId: versionId, action: "policy.approve.refused" } })).toBe(1);
    await transition({ actor: reviewer, versionId, action: "return", comment: "请补充测试情形" });
    expect((await prisma.policyVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe("DRAFT");
  });

  it("refuses to publish an expired policy", async () => {
    const text = readFileSync(path.join(rulesDir, "gaoqi-shouci-rending-jiangbu-2019.yaml"), "utf8");
    const { policy } = readPolicyFile(text);
    expect(policy!.expiresOn! < "2026-11-23").toBe(true);
    const { versionId } = await startDraft({ actor: officer, policyId: policy!.id });
    await transition({ actor: officer, versionId, action: "submit" });
    await transition({ actor: reviewer, versionId, action: "approve" });
    expect(await refusalOf(transition({ actor: officer, versionId, action: "publish", today: "2026-11-23" }))).toMatch("到期");
    expect((await prisma.policyVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe("APPROVED");
  });

  it("retires with a reason; the page then says so", async () => {
    const id2 = "gaoxinqu-dengling-qiye-jiangli";
    const current = await prisma.policy.findUniqueOrThrow({ where: { id: id2 } });
    expect(await refusalOf(transition({ actor: officer, versionId: current.currentVersionId!, action: "retire" }))).toMatch("理由");
    await transition({ actor: officer, versionId: current.currentVersionId!, action: "retire", comment: "政策已整合进新办法" });
    const page = await getPublicPolicy({ actor: company, policyId: id2 });
    expect(page?.version.status).toBe("RETIRED");
    expect((await prisma.policy.findUniqueOrThrow({ where: { id: id2 } })).currentVersionId).toBeNull();
  });
});

describe("bad input", () => {
  const base = () => readPolicyFile(readFileSync(path.join(rulesDir, "zhuanjingtexin-rending-jiangli.yaml"), "utf8")).policy!;

  it("rejects malformed YAML, unknown facts, formulas reaching code, and oversized files, saving nothing", async () => {
    const before = await prisma.policyVersion.count();
    const bad = async (text: string) => {
      const error = await createDraftFromText({ actor: officer, text }).then(() => null, (e: unknown) => e as PolicyError);
      expect(error).toBeInstanceOf(PolicyError);
      return [error!.message, ...error!.problems.map((p) => p.message)].join(" / ");
    };
    expect(await bad("id: [unclosed")).toMatch("YAML");
    const p1 = { ...base(), id: "new-policy-a" };
    p1.clauses = [{ ...p1.clauses[0], conditions: { all: [{ fact: "secretSauce", operator: "equal", value: 1 }] } }];
    expect(await bad(serializePolicy(p1))).toMatch("未知的企业指标");
    const p2 = { ...base(), id: "new-policy-b" };
    p2.clauses = [{ ...p2.clauses[0], benefit: { kind: "formula", unit: "万元", formula: "constructor.constructor('return process')()", parameters: {}, description: "x" } }];
    expect(await bad(serializePolicy(p2))).toMatch("公式有误");
    const p3 = { ...base(), id: "new-policy-c" };
    p3.clauses = [{ ...p3.clauses[0], conditions: { all: Array.from({ length: 30_000 }, () => ({ fact: "revenue", operator: "greaterThan", value: 1 })) } }];
    expect(await bad(serializePolicy(p3))).toMatch(/过大/);
    const deep = (n: number): unknown => (n === 0 ? { fact: "revenue", operator: "greaterThan", value: 1 } : { all: [deep(n - 1)] });
    const p4 = { ...base(), id: "new-policy-d" };
    p4.clauses = [{ ...p4.clauses[0], conditions: deep(12) }];
    expect(await bad(serializePolicy(p4))).toMatch("嵌套");
    expect(await prisma.policyVersion.count()).toBe(before);
  });

  it("accepts a new policy uploaded by an officer as a draft, visible only to editorial roles", async () => {
    const p = { ...base(), id: "xin-zhengce-ceshi", title: "测试用新政策（草稿）" };
    const { versionId } = await createDraftFromText({ actor: officer, text: serializePolicy(p) });
    expect(await getPublicPolicy({ actor: company, policyId: p.id })).toBeNull();
    expect(await getVersionDetail({ actor: company, versionId })).toBeNull();
    expect((await getVersionDetail({ actor: admin, versionId }))?.actions).toEqual([]);
    expect(await exportVersion({ actor: company, policyId: p.id, versionId })).toBeNull();
    expect(await refusalOf(createDraftFromText({ actor: officer, text: serializePolicy(p) }))).toMatch("未发布的版本");
  });
});
