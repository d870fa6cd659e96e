import type { Actor } from "~/auth/actor";
import { prisma } from "~/db.server";

/** The user's own in-app inbox: always scoped to the acting user. */
export const INBOX_PAGE = 20;

export function unreadCount(actor: Actor): Promise<number> {
  return prisma.notification.count({ where: { userId: actor.id, readAt: null } });
}

export async function inbox(actor: Actor, page = 1, unreadOnly = false) {
  const where = { userId: actor.id, ...(unreadOnly ? { readAt: null } : {}) };
  const [total, items, user] = await Promise.all([
    prisma.notification.count({ where }),
    prisma.notification.findMany({ where, orderBy: { createdAt: "desc" }, skip: (Math.max(1, page) - 1) * INBOX_PAGE, take: INBOX_PAGE }),
    prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { emailOptOut: true } }),
  ]);
  return { total, items, emailOptOut: user.emailOptOut };
}

export async function markRead(actor: Actor, ids: string[] | "all"): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return count;
}

/** Email for non-essential messages on or off; messages about money always go out. */
export async function setEmailOptOut(actor: Actor, optOut: boolean): Promise<void> {
  await prisma.user.update({ where: { id: actor.id }, data: { emailOptOut: optOut } });
}
