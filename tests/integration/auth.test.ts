import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { attemptLogin, LOGIN_LIMITS } from "~/auth/login.server";
import { hashPassword } from "~/auth/password.server";
import { DEMO_PASSWORD } from "../../seed/demo-accounts";

describe("login (real SQLite, argon2)", () => {
  it("accepts a username or a phone number with the right password", async () => {
    expect(await attemptLogin({ identifier: "wangge", password: DEMO_PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true });
    expect(await attemptLogin({ identifier: "13800000002", password: DEMO_PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true });
  });

  it("stores argon2id hashes, never the password", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(DEMO_PASSWORD);
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const wrong = await attemptLogin({ identifier: "admin", password: "wrong", ip: "10.0.0.2" });
    const unknown = await attemptLogin({ identifier: "nobody-here", password: "wrong", ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses disabled accounts like wrong passwords", async () => {
    await prisma.user.create({
      data: { username: "disabled-one", displayName: "停用账号", role: "ADMIN", disabled: true, passwordHash: await hashPassword("pw-123456") },
    });
    expect(await attemptLogin({ identifier: "disabled-one", password: "pw-123456", ip: "10.0.0.3" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      await attemptLogin({ identifier: "shenhe", password: `guess-${i}`, ip: `10.1.0.${i}` });
    }
    expect(await attemptLogin({ identifier: "shenhe", password: DEMO_PASSWORD, ip: "10.1.0.99" })).toEqual({ ok: false, reason: "throttled" });
    // other accounts are unaffected
    expect(await attemptLogin({ identifier: "zhengce", password: DEMO_PASSWORD, ip: "10.1.0.99" })).toMatchObject({ ok: true });
  });

  it("throttles one client address trying many accounts", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await attemptLogin({ identifier: `spray-${i}`, password: "x", ip: "10.9.9.9" });
    }
    expect(await attemptLogin({ identifier: "bumen", password: DEMO_PASSWORD, ip: "10.9.9.9" })).toEqual({ ok: false, reason: "throttled" });
  });

  it("audits logins and failures", async () => {
    const failed = await prisma.auditLog.count({ where: { action: "auth.login.failed" } });
    const ok = await prisma.auditLog.count({ where: { action: "auth.login" } });
    expect(failed).toBeGreaterThan(0);
    expect(ok).toBeGreaterThan(0);
  });
});

describe("sessions (real SQLite)", () => {
  const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });

  it("read the user, their role and every assigned grid, and refuse disabled users and expired sessions", async () => {
    const { createSession, getActor } = await import("~/auth/session.server");
    const grids = await prisma.gridNode.findMany({ where: { level: "COMMUNITY" }, select: { id: true, path: true }, take: 2, orderBy: { code: "asc" } });
    const user = await prisma.user.create({
      data: {
        username: "session-two-grids", displayName: "两个网格", role: "GRID_WORKER", passwordHash: await hashPassword("pw-123456"),
        grids: { create: grids.map((g) => ({ gridId: g.id })) },
      },
    });
    const cookie = await createSession(user.id, { ip: "10.0.0.9" });
    const actor = await getActor(requestWith(cookie));
    expect(actor).toMatchObject({ id: user.id, username: "session-two-grids", displayName: "两个网格", role: "GRID_WORKER", companyId: null, departmentId: null });
    expect([...actor!.gridPaths].sort()).toEqual(grids.map((g) => g.path).sort());

    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await getActor(requestWith(cookie))).toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { disabled: false } });
    expect(await getActor(requestWith(cookie))).not.toBeNull();

    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getActor(requestWith(cookie))).toBeNull();
  });

  it("read a user without grids, and nothing for an unknown session", async () => {
    const { createSession, getActor } = await import("~/auth/session.server");
    const qiye = await prisma.user.findUniqueOrThrow({ where: { username: "qiye" } });
    const cookie = await createSession(qiye.id, {});
    expect(await getActor(requestWith(cookie))).toMatchObject({ role: "ENTERPRISE", companyId: qiye.companyId, gridPaths: [] });
    // A validly signed cookie whose session row is gone (logged out elsewhere, cleaned up).
    await prisma.session.deleteMany({ where: { userId: qiye.id, ip: null, createdAt: { gte: new Date(Date.now() - 60_000) } } });
    expect(await getActor(requestWith(cookie))).toBeNull();
  });
});
