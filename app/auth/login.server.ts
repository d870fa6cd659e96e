import { prisma } from "~/db.server";
import { verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import { audit } from "~/audit.server";

/** Failed attempts allowed in the window, per account name and per client address. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 30, windowMinutes: 15 } as const;

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a username-or-phone and password. The answer never says whether the account exists:
 * unknown account, wrong password and disabled account all come back as "invalid", after the
 * same argon2 work.
 */
export async function attemptLogin(input: { identifier: string; password: string; ip: string }): Promise<LoginResult> {
  const identifier = input.identifier.trim();
  const accountKey = `account:${identifier.toLowerCase()}`;
  const addressKey = `ip:${input.ip}`;
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);

  const [accountFailures, addressFailures] = await Promise.all([
    prisma.loginAttempt.count({ where: { key: accountKey, succeeded: false, at: { gte: since } } }),
    prisma.loginAttempt.count({ where: { key: addressKey, succeeded: false, at: { gte: since } } }),
  ]);
  if (accountFailures >= LOGIN_LIMITS.perAccount || addressFailures >= LOGIN_LIMITS.perAddress) {
    await audit({ action: "auth.login.throttled", entityType: "User", detail: { identifier }, ip: input.ip });
    return { ok: false, reason: "throttled" };
  }

  const user = await prisma.user.findFirst({
    where: { OR: [{ username: identifier }, { phone: identifier }] },
  });
  const valid = user
    ? (await verifyPassword(user.passwordHash, input.password)) && !user.disabled
    : await verifyAgainstDummy(input.password);

  await prisma.loginAttempt.createMany({
    data: [
      { key: accountKey, succeeded: valid },
      { key: addressKey, succeeded: valid },
    ],
  });
  if (!valid || !user) {
    await audit({ action: "auth.login.failed", entityType: "User", entityId: user?.id, detail: { identifier }, ip: input.ip });
    return { ok: false, reason: "invalid" };
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit({ actorId: user.id, action: "auth.login", entityType: "User", entityId: user.id, ip: input.ip });
  return { ok: true, userId: user.id };
}
