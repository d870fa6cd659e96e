import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it answers match records.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/my-policies.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import type { Actor } from "~/auth/actor";
import { runMatch } from "./match-run.server";
import { myPolicies, respondToMatch, ResponseError } from "./my-policies.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

let qiye: Actor;
const account = { name: "郑州云帆智能科技有限公司", bank: "中国银行郑州高新技术开发区支行", number: "6216610200012345678" };

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 100 });
  await runMatch({ kind: "FULL", trigger: "测试" });
  qiye = await actorFor("qiye");
}, 180_000);

const refusal = (p: Promise<unknown>) => p.then(() => "", (e: unknown) => (e instanceof ResponseError ? e.message : `unexpected ${String(e)}`));

describe("我的政策", () => {
  it("shows only the user's own company, with near misses", async () => {
    const data = (await myPolicies(qiye))!;
    expect(data.current.length).toBeGreaterThan(0);
    const own = await prisma.matchRecord.count({ where: { companyId: qiye.companyId!, status: { not: "LAPSED" } } });
    expect(data.current).toHaveLength(own);
    expect(await myPolicies(await actorFor("wangge"))).toBeNull();
    for (const n of data.nearMisses) expect(n.missing.length).toBeGreaterThan(0);
  });

  it("confirms an account, refuses another company's record, and a declined benefit stays declined", async () => {
    const mine = await prisma.matchRecord.findMany({ where: { companyId: qiye.companyId!, status: "QUALIFIED", response: "PENDING" } });
    expect(mine.length).toBeGreaterThanOrEqual(2);
    await respondToMatch({ actor: qiye, recordId: mine[0].id, decision: "confirm", account });
    const saved = await prisma.matchRecord.findUniqueOrThrow({ where: { id: mine[0].id } });
    expect(saved.response).toBe("CONFIRMED");
    expect(JSON.parse(saved.account!)).toEqual(account);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: mine[0].id, action: "match.confirm" } });
    expect(log.detail).toContain("****5678");
    expect(log.detail).not.toContain(account.number);

    const other = await prisma.matchRecord.findFirstOrThrow({ where: { companyId: { not: qiye.companyId! }, status: "QUALIFIED", response: "PENDING" } });
    expect(await refusal(respondToMatch({ actor: qiye, recordId: other.id, decision: "decline" }))).toBe("没有找到该事项");

    await respondToMatch({ actor: qiye, recordId: mine[1].id, decision: "decline" });
    expect(await refusal(respondToMatch({ actor: qiye, recordId: mine[1].id, decision: "confirm", account }))).toBe("已放弃该事项");
    // A later run keeps the answer: the record is not re-created or re-notified.
    const notices = await prisma.outboxMessage.count();
    await runMatch({ kind: "FULL", trigger: "测试" });
    expect((await prisma.matchRecord.findUniqueOrThrow({ where: { id: mine[1].id } })).response).toBe("DECLINED");
    expect(await prisma.outboxMessage.count()).toBe(notices);
  });
});
