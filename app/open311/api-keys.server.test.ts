import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { ApiKeyError, createApiKey, hashKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys.server";

describe("Open311 API keys (real SQLite)", () => {
  it("shows the key once and stores only its hash and a short prefix", async () => {
    const admin = await actorFor("admin");
    const made = await createApiKey({ actor: admin, name: "  12345 热线  " });
    expect(made.key).toMatch(/^qq311_[A-Za-z0-9_-]{43}$/);
    expect(made.name).toBe("12345 热线");
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.keyHash).toBe(hashKey(made.key));
    expect(row.prefix).toBe(made.key.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(made.key.slice(10));
    const logged = await prisma.auditLog.findFirstOrThrow({ where: { action: "apikey.create", entityId: made.id } });
    expect(logged.actorId).toBe(admin.id);
    expect(logged.detail).not.toContain(made.key.slice(10));
  });

  it("names the field when the name is missing or too long", async () => {
    const admin = await actorFor("admin");
    await expect(createApiKey({ actor: admin, name: "   " })).rejects.toMatchObject({ field: "name", status: 400, message: expect.stringContaining("请填写密钥名称") });
    await expect(createApiKey({ actor: admin, name: "长".repeat(51) })).rejects.toMatchObject({ field: "name" });
  });

  it("is for administrators only", async () => {
    const worker = await actorFor("wangge");
    await expect(createApiKey({ actor: worker, name: "越权" })).rejects.toBeInstanceOf(ApiKeyError);
    await expect(listApiKeys({ actor: worker })).rejects.toMatchObject({ status: 403 });
  });

  it("verifies the key, notes its use at most once a minute, and refuses it once revoked", async () => {
    const admin = await actorFor("admin");
    const made = await createApiKey({ actor: admin, name: "随手拍" });
    const t0 = new Date("2026-11-23T02:00:00Z");
    expect((await verifyApiKey(made.key, t0))?.id).toBe(made.id);
    const used = async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt?.toISOString();
    expect(await used()).toBe(t0.toISOString());
    await verifyApiKey(made.key, new Date(t0.getTime() + 30_000));
    expect(await used()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await verifyApiKey(made.key, t2);
    expect(await used()).toBe(t2.toISOString());

    for (const wrong of [made.key + "x", made.key.slice(0, -1), "", null, 42, made.prefix]) expect(await verifyApiKey(wrong)).toBeNull();

    await revokeApiKey({ actor: admin, id: made.id });
    await revokeApiKey({ actor: admin, id: made.id }); // twice changes nothing
    expect(await verifyApiKey(made.key)).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "apikey.revoke", entityId: made.id } })).toBe(1);
    const list = await listApiKeys({ actor: admin });
    expect(list.findIndex((k) => k.id === made.id)).toBeGreaterThan(list.findIndex((k) => !k.revokedAt));
    await expect(revokeApiKey({ actor: admin, id: "nope" })).rejects.toMatchObject({ status: 404 });
  });
});
