import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it answers match outcomes.
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
import { outcomeRows } from "../../tests/support/outcomes";

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
    const own = (await outcomeRows({ companyId: qiye.companyId! })).filter((r) => r.status !== "LAPSED").length;
    expect(data.current).toHaveLength(own);
    expect(await myPolicies(await actorFor("wangge"))).toBeNull();
    for (const n of data.nearMisses) expect(n.missing.length).toBeGreaterThan(0);
  });

  it("confirms an account, refuses what only another company qualifies for, and a declined benefit stays declined", async () => {
    const mine = (await outcomeRows({ companyId: qiye.companyId! })).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING");
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(await prisma.matchRecord.count()).toBe(0); // a record only once the company acts
    await respondToMatch({ actor: qiye, clauseId: mine[0].clauseId, decision: "confirm", account });
    const saved = await prisma.matchRecord.findUniqueOrThrow({ where: { companyId_clauseId: { companyId: qiye.companyId!, clauseId: mine[0].clauseId } } });
    expect([saved.response, saved.status, saved.amount]).toEqual(["CONFIRMED", "QUALIFIED", mine[0].amount]);
    expect(JSON.parse(saved.account!)).toEqual(account);
    expect((await myPolicies(qiye))!.current.find((r) => r.clauseId === mine[0].clauseId)!.response).toBe("CONFIRMED");
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: saved.id, action: "match.confirm" } });
    expect(log.detail).toContain("****5678");
    expect(log.detail).not.toContain(account.number);

    const own = new Set((await outcomeRows({ companyId: qiye.companyId! })).map((r) => r.clauseId));
    const other = (await outcomeRows()).find((r) => r.status === "QUALIFIED" && r.instant && !own.has(r.clauseId))!;
    expect(other).toBeDefined();
    expect(await refusal(respondToMatch({ actor: qiye, clauseId: other.clauseId, decision: "decline" }))).toBe("没有找到该事项");

    await respondToMatch({ actor: qiye, clauseId: mine[1].clauseId, decision: "decline" });
    expect(await refusal(respondToMatch({ actor: qiye, clauseId: mine[1].clauseId, decision: "confirm", account }))).toBe("已放弃该事项");
    // A later run keeps the answer: the outcome is not re-notified.
    const notices = await prisma.outboxMessage.count();
    await runMatch({ kind: "FULL", trigger: "测试" });
    expect((await outcomeRows({ companyId: qiye.companyId! })).find((r) => r.clauseId === mine[1].clauseId)!.response).toBe("DECLINED");
    expect(await prisma.outboxMessage.count()).toBe(notices);
  });
});
