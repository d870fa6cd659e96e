import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match records, notifications and outbox messages.
// SMTP is fixed before the configuration is first read (it is cached); the catcher takes that port.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/match-run.db`;
  process.env.SMTP_URL = "smtp://127.0.0.1:12611";
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { dispatchDue } from "~/jobs/outbox.server";
import { listCaughtMail, startMailCatcher, type MailCatcher } from "~/notifications/mail-catcher.server";
import { MAIL_SEND } from "~/notifications/notify.server";
import "~/jobs/handlers.server";
import { readPolicyFile, serializePolicy } from "~/policies/policy-file";
import { saveDraft, startDraft, transition } from "~/policies/policy-store.server";
import { qualifiesByReference } from "~/rules/reference.server";
import { cityDate, factInstant } from "~/utils/dates";
import { clausesInForce, MATCH_NOTIFY, runMatch } from "./match-run.server";
import { registryFacts } from "./registry-facts.server";
import { MATCH_CLAUSE } from "./triggers.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

// Today: publishing re-matches on the day it happens, so every run here uses the same date.
const ON = cityDate();
let mailDir: string;
let catcher: MailCatcher;

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 400 });
  mailDir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-match-mail-"));
  catcher = await startMailCatcher({ dir: mailDir, preferredPort: 12611 });
  expect(catcher.url).toBe(process.env.SMTP_URL);
}, 180_000);

afterAll(async () => {
  await catcher?.stop();
  await fs.rm(mailDir, { recursive: true, force: true });
});

async function snapshot() {
  const records = await prisma.matchRecord.findMany({ orderBy: [{ companyId: "asc" }, { clauseId: "asc" }] });
  return records.map((r) => `${r.companyId}|${r.clauseId}|${r.status}|${r.amount}|${r.excludedBy}`);
}

describe("full match", () => {
  it("records exactly the (company, clause) pairs json-rules-engine qualifies", async () => {
    await runMatch({ kind: "FULL", trigger: "测试", on: ON });
    const clauses = await clausesInForce(ON);
    expect(clauses.length).toBeGreaterThan(20);
    const records = new Map((await prisma.matchRecord.findMany()).map((r) => [`${r.companyId}|${r.clauseId}`, r]));
    const conditionsOf = new Map<string, unknown>();
    for (const c of clauses) {
      const doc = readPolicyFile((await prisma.policyVersion.findUniqueOrThrow({ where: { id: c.versionId } })).document).policy!;
      conditionsOf.set(c.id, doc.clauses.find((x) => x.id === c.key)!.conditions);
    }
    let qualified = 0;
    for await (const batch of registryFacts(factInstant(ON))) {
      for (const company of batch) {
        for (const c of clauses) {
          const expected = await qualifiesByReference(conditionsOf.get(c.id) as never, company.facts);
          expect(records.has(`${company.id}|${c.id}`), `${company.name} / ${c.policyTitle} · ${c.name}`).toBe(expected);
          if (expected) qualified++;
        }
      }
    }
    expect(qualified).toBeGreaterThan(50);
    // 从高、不重复: in each group at most one paid clause per company.
    const paidByGroup = new Map<string, number>();
    for (const r of records.values()) {
      const group = clauses.find((c) => c.id === r.clauseId)?.group;
      if (group && r.status === "QUALIFIED") paidByGroup.set(`${r.companyId}|${group}`, (paidByGroup.get(`${r.companyId}|${group}`) ?? 0) + 1);
    }
    expect([...paidByGroup.values()].every((n) => n === 1)).toBe(true);
    const excluded = [...records.values()].filter((r) => r.status === "EXCLUDED");
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded[0].reason).toMatch(/从高、不重复/);
  }, 120_000);

  it("changes nothing and enqueues nothing when run again", async () => {
    const before = await snapshot();
    const messages = await prisma.outboxMessage.count();
    await runMatch({ kind: "FULL", trigger: "测试", on: ON });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.outboxMessage.count()).toBe(messages);
  });

  it("keeps a digest per company; a company's own run forgets it and the next full run checks that company again", async () => {
    const active = await prisma.company.count({ where: { status: "ACTIVE" } });
    expect(await prisma.matchDigest.count()).toBe(active);
    const { companyId } = await prisma.matchRecord.findFirstOrThrow({ orderBy: { id: "asc" } });
    await runMatch({ kind: "COMPANY", trigger: "测试", companyIds: [companyId], on: ON });
    expect(await prisma.matchDigest.findUnique({ where: { companyId } })).toBeNull();
    const before = await snapshot();
    await runMatch({ kind: "FULL", trigger: "测试", on: ON });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.matchDigest.findUnique({ where: { companyId } })).not.toBeNull();
  });

  it("resumes a run interrupted between batches, with no duplicate and no missing record or notice", async () => {
    const expected = await snapshot();
    const notices = await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, select: { key: true }, orderBy: { key: "asc" } });
    // From empty: no records, no notices, no digests of earlier full runs.
    await prisma.matchRecord.deleteMany();
    await prisma.matchDigest.deleteMany();
    await prisma.outboxMessage.deleteMany({ where: { topic: MATCH_NOTIFY } });
    let batches = 0;
    const crash = runMatch({ kind: "FULL", trigger: "测试", on: ON, batchSize: 100, onProgress: () => { if (++batches === 2) throw new Error("进程被终止（模拟）"); } });
    await expect(crash).rejects.toThrow("模拟");
    const failed = await prisma.matchRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(failed.done).toBe(200);
    expect(await prisma.matchRecord.count()).toBeLessThan(expected.length);

    await runMatch({ kind: "FULL", trigger: "测试", on: ON, batchSize: 100 });
    expect((await prisma.matchRun.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("DONE");
    expect(await snapshot()).toEqual(expected);
    expect(await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, select: { key: true }, orderBy: { key: "asc" } })).toEqual(notices);
  }, 120_000);
});

describe("免申即享 delivery", () => {
  it("tells each qualifying company once, in the inbox and by email, and never one that declined", async () => {
    const notices = await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY } });
    expect(notices.length).toBeGreaterThan(0);
    const declined = JSON.parse(notices[0].payload) as { companyId: string; clauseId: string };
    await prisma.matchRecord.update({ where: { companyId_clauseId: declined }, data: { response: "DECLINED" } });

    while ((await dispatchDue({ topics: [MATCH_NOTIFY], limit: 500 })) > 0);
    expect(await prisma.outboxMessage.count({ where: { topic: MATCH_NOTIFY, status: { not: "SENT" } } })).toBe(0);

    const qiye = await actorFor("qiye");
    const own = await prisma.matchRecord.findMany({ where: { companyId: qiye.companyId!, status: "QUALIFIED", clauseId: { in: notices.map((n) => JSON.parse(n.payload).clauseId) } } });
    const inbox = await prisma.notification.findMany({ where: { userId: qiye.id } });
    expect(inbox.map((n) => n.key).sort()).toEqual(own.filter((r) => r.response !== "DECLINED").map((r) => `match:${r.clauseId}`).sort());
    const declinedUsers = await prisma.user.findMany({ where: { companyId: declined.companyId }, select: { id: true } });
    expect(await prisma.notification.count({ where: { key: `match:${declined.clauseId}`, userId: { in: declinedUsers.map((u) => u.id) } } })).toBe(0);

    // Emails go out through real SMTP, one per company and clause version.
    while ((await dispatchDue({ topics: [MAIL_SEND], limit: 500 })) > 0);
    const mails = await prisma.outboxMessage.findMany({ where: { topic: MAIL_SEND } });
    expect(mails.every((m) => m.status === "SENT")).toBe(true);
    const caught = await listCaughtMail(mailDir, 10_000);
    expect(caught.length).toBe(mails.length);
    expect(caught[0].subject).toMatch(/^【免申即享】/);

    // Dispatching again sends nothing more.
    expect(await dispatchDue({ topics: [MATCH_NOTIFY, MAIL_SEND] })).toBe(0);
  }, 120_000);

  it("keeps mail waiting while SMTP is down and sends it when it returns", async () => {
    await prisma.$transaction((tx) => tx.outboxMessage.create({ data: { topic: MAIL_SEND, key: "smtp-down-test", payload: JSON.stringify({ to: "a@b.cn", subject: "测试", text: "测试" }) } }));
    const port = Number(new URL(catcher.url).port);
    await catcher.stop();
    expect(await dispatchDue({ topics: [MAIL_SEND], limit: 10_000 })).toBe(0);
    const waiting = await prisma.outboxMessage.findUniqueOrThrow({ where: { topic_key: { topic: MAIL_SEND, key: "smtp-down-test" } } });
    expect(waiting.status).toBe("PENDING");
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toBeTruthy();
    catcher = await startMailCatcher({ dir: mailDir, preferredPort: port });
    expect(catcher.url).toBe(process.env.SMTP_URL);
    expect(await dispatchDue({ topics: [MAIL_SEND], now: new Date(Date.now() + 60_000) })).toBe(1);
  }, 60_000);
});

describe("publishing re-matches that policy's clauses", () => {
  it("records the new version's clauses, lapses the old ones, and notifies again for the new version", async () => {
    const [officer, reviewer] = await Promise.all([actorFor("zhengce"), actorFor("shenhe")]);
    const policyId = "zhuanjingtexin-rending-jiangli";
    const old = await clausesInForce(ON).then((cs) => cs.filter((c) => c.policyId === policyId));
    const oldRecords = await prisma.matchRecord.count({ where: { clauseId: { in: old.map((c) => c.id) }, status: { not: "LAPSED" } } });
    expect(oldRecords).toBeGreaterThan(0);

    const { versionId } = await startDraft({ actor: officer, policyId });
    const v = await prisma.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    const policy = readPolicyFile(v.document).policy!;
    policy.summary += "（修订）";
    await saveDraft({ actor: officer, versionId, text: serializePolicy(policy) });
    await transition({ actor: officer, versionId, action: "submit" });
    await transition({ actor: reviewer, versionId, action: "approve" });
    await transition({ actor: officer, versionId, action: "publish", today: ON });
    expect(await prisma.outboxMessage.count({ where: { topic: MATCH_CLAUSE } })).toBe(1);

    await dispatchDue({ topics: [MATCH_CLAUSE] });
    const fresh = await prisma.policyClause.findMany({ where: { versionId }, select: { id: true } });
    const newRecords = await prisma.matchRecord.count({ where: { clauseId: { in: fresh.map((c) => c.id) }, status: { not: "LAPSED" } } });
    expect(newRecords).toBe(oldRecords); // same conditions, same companies
    expect(await prisma.matchRecord.count({ where: { clauseId: { in: old.map((c) => c.id) }, status: { not: "LAPSED" } } })).toBe(0);
  }, 120_000);
});
