import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";

export interface AuditEntry {
  actorId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: unknown;
  ip?: string | null;
}

/**
 * Records an official action. Pass the transaction client when the action is part of one, so
 * the record and the change commit together or not at all.
 */
export async function audit(entry: AuditEntry, db: Prisma.TransactionClient = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ip: entry.ip ?? null,
    },
  });
}
