import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";

/**
 * Open311 API keys. The key is shown once, when it is made; only its sha256 is stored, so a
 * leaked database (or backup) gives no working key. Keys are looked up by hash (an index hit,
 * nothing to compare in constant time) and revoked, never deleted, so the audit trail and the
 * cases a key filed still say which system it was.
 */
export const KEY_PREFIX = "qq311_";
/** Characters kept in the clear to tell keys apart in the list ("qq311_AbCd"). */
const SHOWN = 10;
const NAME_MAX = 50;
/** lastUsedAt is a hint for administrators: a write per minute is plenty. */
const TOUCH_EVERY_MS = 60_000;

export class ApiKeyError extends Error {
  constructor(message: string, readonly status: 400 | 403 | 404, readonly field?: string) {
    super(message);
  }
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function requireAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new ApiKeyError("只有管理员可以管理接口密钥", 403);
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const SELECT = { id: true, name: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true } as const;

/** Makes a key; the plaintext is in the result and nowhere else. */
export async function createApiKey(input: { actor: Actor; name: string; ip?: string | null }): Promise<ApiKeyRow & { key: string }> {
  requireAdmin(input.actor);
  const name = input.name.trim();
  if (!name) throw new ApiKeyError("请填写密钥名称，如“12345 热线”", 400, "name");
  if (name.length > NAME_MAX) throw new ApiKeyError(`密钥名称不超过 ${NAME_MAX} 个字`, 400, "name");
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { name, keyHash: hashKey(key), prefix: key.slice(0, SHOWN) }, select: SELECT });
    await audit({ actorId: input.actor.id, action: "apikey.create", entityType: "ApiKey", entityId: created.id, detail: { name, prefix: created.prefix }, ip: input.ip }, tx);
    return created;
  });
  return { ...row, key };
}

export async function revokeApiKey(input: { actor: Actor; id: string; ip?: string | null; now?: Date }): Promise<void> {
  requireAdmin(input.actor);
  await prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id: input.id }, select: SELECT });
    if (!row) throw new ApiKeyError("没有找到该密钥", 404);
    if (row.revokedAt) return; // already stopped: a second click changes nothing
    await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: input.now ?? new Date() } });
    await audit({ actorId: input.actor.id, action: "apikey.revoke", entityType: "ApiKey", entityId: row.id, detail: { name: row.name, prefix: row.prefix }, ip: input.ip }, tx);
  });
}

/** Newest first; active keys before revoked ones. */
export async function listApiKeys(input: { actor: Actor }): Promise<ApiKeyRow[]> {
  requireAdmin(input.actor);
  const rows = await prisma.apiKey.findMany({ select: SELECT, orderBy: { createdAt: "desc" } });
  return [...rows.filter((r) => !r.revokedAt), ...rows.filter((r) => r.revokedAt)];
}

/** The active key row for a presented key, or null (unknown, malformed or revoked alike). */
export async function verifyApiKey(key: unknown, now = new Date()): Promise<ApiKeyRow | null> {
  if (typeof key !== "string" || !key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashKey(key) }, select: SELECT });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional, so concurrent requests in the same minute write once between them.
    await prisma.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS + 1) } }] },
      data: { lastUsedAt: now },
    });
    row.lastUsedAt = now;
  }
  return row;
}
