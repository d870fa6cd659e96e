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
import { clausesInForce, directWrites, MATCH_NOTIFY, runMatch, setDirectWrites } from "./match-run.server";
import { actOn, companyOutcome } from "./outcomes.server";
import { registryFacts } from "./registry-facts.server";
import { MATCH_CLAUSE } from "./triggers.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { clearMatches, outcomeRows, patchOutcome } from "../../tests/support/outcomes";

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

// Without the facts: a company's tags come in no fixed order, so a company run and a full run may
// store the same facts as different JSON (the portable-path test compares them).
async function snapshot(withFacts = false) {
  const facts = withFacts ? new Map((await prisma.matchResult.findMany({ select: { companyId: true, facts: true } })).map((r) => [r.companyId, r.facts])) : null;
  return (await outcomeRows()).map((r) => `${r.companyId}|${r.clauseId}|${r.status}|${r.amount}|${r.excludedBy}|${r.reason}|${r.response}|${r.notified}${facts ? `|${facts.get(r.companyId)}` : ""}`);
}

async function fromEmpty(options: { batchSize?: number } = {}) {
  await clearMatches();
  await prisma.outboxMessage.deleteMany({ where: { topic: MATCH_NOTIFY } });
  await runMatch({ kind: "FULL", trigger: "测试", on: ON, ...options });
}

/** Every (company, clause version) a 免申即享 notice lists, in order, duplicates kept. */
async function noticed() {
  const notices = await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, orderBy: { key: "asc" } });
  return notices.flatMap((n) => {
    const p = JSON.parse(n.payload) as { companyId: string; clauseIds: string[] };
    return p.clauseIds.map((c) => `${p.companyId}:${c}`);
  }).sort();
}

describe("full match", () => {
  it("stores exactly the (company, clause) pairs json-rules-engine qualifies", async () => {
    await runMatch({ kind: "FULL", trigger: "测试", on: ON });
    const clauses = await clausesInForce(ON);
    expect(clauses.length).toBeGreaterThan(20);
    const records = new Map((await outcomeRows()).map((r) => [`${r.companyId}|${r.clauseId}`, r]));
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
    const { companyId } = await prisma.matchResult.findFirstOrThrow({ orderBy: { companyId: "asc" } });
    await runMatch({ kind: "COMPANY", trigger: "测试", companyIds: [companyId], on: ON });
    expect(await prisma.matchDigest.findUnique({ where: { companyId } })).toBeNull();
    const before = await snapshot();
    await runMatch({ kind: "FULL", trigger: "测试", on: ON });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.matchDigest.findUnique({ where: { companyId } })).not.toBeNull();
  });

  it("notifies each company once per run, listing every 免申即享 version it qualifies for, each version once", async () => {
    const pairs = await noticed();
    expect(new Set(pairs).size).toBe(pairs.length);
    const instant = (await outcomeRows()).filter((r) => r.status === "QUALIFIED" && r.instant);
    expect(pairs).toEqual(instant.map((r) => `${r.companyId}:${r.clauseId}`).sort());
    expect(instant.every((r) => r.notified)).toBe(true);
    const notices = await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY } });
    const companies = notices.map((n) => (JSON.parse(n.payload) as { companyId: string }).companyId);
    expect(new Set(companies).size).toBe(companies.length);
    expect(notices.some((n) => (JSON.parse(n.payload) as { clauseIds: string[] }).clauseIds.length > 1)).toBe(true);
  });

  it("tells of a version once: qualifying again after losing it is not news, qualifying after being outpaid is", async () => {
    const expected = await snapshot();
    const pending = (await outcomeRows()).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING");
    const told = pending[0];
    const untold = pending.findLast((r) => r.companyId !== told.companyId)!;
    // As if the last run had found both outpaid by another clause: one was told of before, one never.
    await patchOutcome(told.companyId, told.clauseId, { status: "EXCLUDED" });
    await patchOutcome(untold.companyId, untold.clauseId, { status: "EXCLUDED", notified: false });
    const before = new Set((await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, select: { id: true } })).map((m) => m.id));

    const runId = await runMatch({ kind: "COMPANY", trigger: "测试", companyIds: [told.companyId, untold.companyId], on: ON });
    const fresh = (await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, orderBy: { key: "asc" } })).filter((m) => !before.has(m.id));
    expect(fresh.map((m) => [m.key, JSON.parse(m.payload)])).toEqual([[`${untold.companyId}@${runId}`, { companyId: untold.companyId, clauseIds: [untold.clauseId] }]]);
    expect(await snapshot()).toEqual(expected);
    await prisma.outboxMessage.delete({ where: { id: fresh[0].id } }); // the original notice already lists it
  });

  it("writes the same through Prisma's queries (the portable path) as with statements on its SQLite connection", async () => {
    expect(await directWrites()).toBe(true);
    const expected = await snapshot();
    const notices = await noticed();
    // Same batches on both paths: a batch's tags come back in the same order only for the same query.
    await fromEmpty({ batchSize: 150 });
    const direct = await snapshot(true);
    expect(direct.every((r) => r.endsWith("}"))).toBe(true);
    expect(direct.map((r) => r.slice(0, r.lastIndexOf("|")))).toEqual(expected);
    expect(await noticed()).toEqual(notices);
    setDirectWrites(false);
    try {
      await fromEmpty({ batchSize: 150 });
      expect(await directWrites()).toBe(false);
      expect(await snapshot(true)).toEqual(direct);
      expect(await noticed()).toEqual(notices);
      expect(await prisma.matchDigest.count()).toBe(await prisma.company.count({ where: { status: "ACTIVE" } }));
      await runMatch({ kind: "FULL", trigger: "测试", on: ON });
      expect(await snapshot(true)).toEqual(direct);
      expect(await noticed()).toEqual(notices);
    } finally {
      setDirectWrites(true);
    }
  }, 120_000);

  it("resumes a run interrupted between batches, with no duplicate and no missing outcome or notice", async () => {
    const expected = await snapshot();
    const notices = await noticed();
    // From empty: no outcomes, no notices, no digests of earlier full runs.
    await clearMatches();
    await prisma.outboxMessage.deleteMany({ where: { topic: MATCH_NOTIFY } });
    let batches = 0;
    const crash = runMatch({ kind: "FULL", trigger: "测试", on: ON, batchSize: 100, onProgress: () => { if (++batches === 2) throw new Error("进程被终止（模拟）"); } });
    await expect(crash).rejects.toThrow("模拟");
    const failed = await prisma.matchRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(failed.done).toBe(200);
    expect(await prisma.matchResult.count()).toBeLessThan(await prisma.company.count({ where: { status: "ACTIVE" } }));
    expect((await outcomeRows()).length).toBeLessThan(expected.length);

    await runMatch({ kind: "FULL", trigger: "测试", on: ON, batchSize: 100 });
    expect((await prisma.matchRun.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("DONE");
    expect(await snapshot()).toEqual(expected);
    expect(await noticed()).toEqual(notices);
  }, 120_000);

  it("rolls a batch that fails while writing back whole, and the resumed run writes it", async () => {
    const expected = await snapshot();
    const notices = await noticed();
    const ids = (await prisma.company.findMany({ where: { status: "ACTIVE" }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    // The third batch fails on its last write (its digests), after its outcomes and notices.
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "test_fail" BEFORE INSERT ON "MatchDigest" WHEN NEW."companyId" = '${ids[250]}' BEGIN SELECT RAISE(ABORT, '模拟写入失败'); END`);
    try {
      await expect(fromEmpty({ batchSize: 100 })).rejects.toThrow("模拟写入失败");
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "test_fail"`);
    }
    const failed = await prisma.matchRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect([failed.status, failed.done, failed.cursor]).toEqual(["FAILED", 200, ids[199]]);
    expect(await prisma.matchResult.count({ where: { companyId: { gt: ids[199] } } })).toBe(0);
    expect((await noticed()).every((p) => p.split(":")[0] <= ids[199])).toBe(true);
    expect(await prisma.matchDigest.count()).toBe(200);

    await runMatch({ kind: "FULL", trigger: "测试", on: ON, batchSize: 100 });
    expect(await snapshot()).toEqual(expected);
    expect(await noticed()).toEqual(notices);
  }, 120_000);
});

describe("免申即享 delivery", () => {
  it("tells each qualifying company once, in the inbox and by email, and never of what it declined", async () => {
    const notices = (await prisma.outboxMessage.findMany({ where: { topic: MATCH_NOTIFY }, orderBy: { key: "asc" } }))
      .map((m) => ({ key: m.key, ...(JSON.parse(m.payload) as { companyId: string; clauseIds: string[] }) }));
    const qiye = await actorFor("qiye");
    const mine = notices.filter((n) => n.companyId === qiye.companyId);
    expect(mine).toHaveLength(1);
    // Declined before delivery: a company's only new version (nothing is sent), and one of several.
    const single = notices.find((n) => n.clauseIds.length === 1)!;
    // Chosen among companies with an email, so that its mail can be read back below.
    const reachable = new Set((await prisma.company.findMany({ where: { contactEmail: { not: null } }, select: { id: true } })).map((c) => c.id));
    const several = notices.find((n) => n.clauseIds.length >= 3 && n.companyId !== qiye.companyId && reachable.has(n.companyId))!;
    expect(several).toBeDefined();
    for (const [n, clauseId] of [[single, single.clauseIds[0]], [several, several.clauseIds[1]]] as const) {
      const outcome = await companyOutcome(prisma, n.companyId, clauseId);
      const id = await prisma.$transaction((tx) => actOn(tx, n.companyId, outcome!));
      await prisma.matchRecord.update({ where: { id }, data: { response: "DECLINED" } });
    }

    while ((await dispatchDue({ topics: [MATCH_NOTIFY], limit: 500 })) > 0);
    expect(await prisma.outboxMessage.count({ where: { topic: MATCH_NOTIFY, status: { not: "SENT" } } })).toBe(0);

    // In the inbox: one notice listing the versions, each in the company's own records.
    const inbox = await prisma.notification.findMany({ where: { userId: qiye.id, kind: "MATCH" } });
    expect(inbox.map((n) => n.key)).toEqual([`match:${mine[0].key}`]);
    const named = await prisma.policyClause.findMany({ where: { id: { in: mine[0].clauseIds } }, select: { id: true, name: true, version: { select: { title: true } } } });
    const clauses = mine[0].clauseIds.map((id) => named.find((c) => c.id === id)!);
    const text = `${inbox[0].title}${inbox[0].body}`;
    if (clauses.length > 1) for (const c of clauses.slice(0, 3)) expect(text).toContain(`《${c.version.title}》“${c.name}”`);
    expect(inbox[0].title).toBe(mine[0].clauseIds.length > 1 ? `免申即享：贵企业新符合 ${mine[0].clauseIds.length} 项政策扶持` : `免申即享：${clauses[0].version.title}`);

    // Emails go out through real SMTP, one per notice still worth sending.
    while ((await dispatchDue({ topics: [MAIL_SEND], limit: 500 })) > 0);
    const mails = await prisma.outboxMessage.findMany({ where: { topic: MAIL_SEND } });
    expect(mails.every((m) => m.status === "SENT")).toBe(true);
    expect(mails.map((m) => m.key).sort()).toEqual(notices.filter((n) => n !== single && reachable.has(n.companyId)).map((n) => `match:${n.key}:${n.companyId}`).sort());
    const caught = await listCaughtMail(mailDir, 10_000);
    expect(caught.length).toBe(mails.length);
    expect(caught.every((m) => m.subject.startsWith("【免申即享】"))).toBe(true);
    const mail = (n: { key: string; companyId: string }) => JSON.parse(mails.find((m) => m.key === `match:${n.key}:${n.companyId}`)!.payload) as { subject: string; text: string };
    const left = several.clauseIds.length - 1;
    expect(mail(several).subject).toMatch(left > 1 ? `贵企业新符合 ${left} 项政策扶持` : /·/);
    expect(mail(mine[0]).text).toContain("无需提交申请");
    for (const c of clauses) expect(mail(mine[0]).text).toContain(`《${c.version.title}》`);

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
  it("matches the new version's clauses, lapses the old ones, and notifies again for the new version", async () => {
    const [officer, reviewer] = await Promise.all([actorFor("zhengce"), actorFor("shenhe")]);
    const policyId = "zhuanjingtexin-rending-jiangli";
    const old = await clausesInForce(ON).then((cs) => cs.filter((c) => c.policyId === policyId));
    const live = async (clauseIds: string[]) => (await outcomeRows()).filter((r) => clauseIds.includes(r.clauseId) && r.status !== "LAPSED").length;
    const oldRecords = await live(old.map((c) => c.id));
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
    const newRecords = await live(fresh.map((c) => c.id));
    expect(newRecords).toBe(oldRecords); // same conditions, same companies
    expect(await live(old.map((c) => c.id))).toBe(0);
  }, 120_000);
});
