import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { isCalendarDate } from "~/utils/dates";
import type { DayKind, Exceptions } from "./calendar";

/**
 * The calendar's exceptions (holidays and make-up working days), read once and kept until an
 * administrator changes them. A handful of rows a year, so the whole table is the cache.
 */
let cached: { at: number; map: Map<string, DayKind> } | null = null;
const TTL_MS = 60_000; // other processes (a second portal instance) see a change within a minute

export async function calendarExceptions(): Promise<Exceptions> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.map;
  const rows = await prisma.calendarDay.findMany({ select: { date: true, kind: true } });
  cached = { at: Date.now(), map: new Map(rows.map((r) => [r.date, r.kind === "WORK" ? "WORK" : "OFF"])) };
  return cached.map;
}

export function listCalendarDays(year?: number) {
  return prisma.calendarDay.findMany({
    where: year ? { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } } : undefined,
    orderBy: { date: "asc" },
  });
}

export class CalendarError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join("；"));
  }
}

/** Adds or changes one day (administrators). New deadlines use it; running ones keep theirs. */
export async function setCalendarDay(input: { actor: Actor; date: string; kind: string; name: string }) {
  if (input.actor.role !== "ADMIN") throw new Response("只有管理员可以维护工作日历。", { status: 403 });
  const errors: Record<string, string> = {};
  const date = input.date.trim();
  const name = input.name.trim();
  if (!isCalendarDate(date)) errors.date = "请填写日期，格式如 2026-10-01";
  if (input.kind !== "OFF" && input.kind !== "WORK") errors.kind = "请选择“放假”或“调休上班”";
  if (!name || name.length > 20) errors.name = "请填写名称（20 字以内），如“国庆节”";
  if (Object.keys(errors).length) throw new CalendarError(errors);
  await prisma.$transaction(async (tx) => {
    await tx.calendarDay.upsert({ where: { date }, update: { kind: input.kind, name }, create: { date, kind: input.kind, name } });
    await audit({ actorId: input.actor.id, action: "calendar.set", entityType: "CalendarDay", entityId: date, detail: { kind: input.kind, name } }, tx);
  });
  cached = null;
}

export async function removeCalendarDay(input: { actor: Actor; date: string }) {
  if (input.actor.role !== "ADMIN") throw new Response("只有管理员可以维护工作日历。", { status: 403 });
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.calendarDay.deleteMany({ where: { date: input.date } });
    if (count) await audit({ actorId: input.actor.id, action: "calendar.remove", entityType: "CalendarDay", entityId: input.date }, tx);
  });
  cached = null;
}

/**
 * 2026 public holidays and make-up working days as announced by the State Council General Office
 * (国办发明电〔2025〕号 notice, transcribed here; 待核对 against the published text). Seeded once;
 * administrators keep the calendar from then on.
 */
export const HOLIDAYS_2026: { date: string; kind: DayKind; name: string }[] = [
  ...days("2026-01-01", 3, "OFF", "元旦"), { date: "2026-01-04", kind: "WORK", name: "元旦调休上班" },
  { date: "2026-02-14", kind: "WORK", name: "春节调休上班" }, ...days("2026-02-15", 9, "OFF", "春节"), { date: "2026-02-28", kind: "WORK", name: "春节调休上班" },
  ...days("2026-04-04", 3, "OFF", "清明节"),
  ...days("2026-05-01", 5, "OFF", "劳动节"), { date: "2026-05-09", kind: "WORK", name: "劳动节调休上班" },
  ...days("2026-06-19", 3, "OFF", "端午节"),
  { date: "2026-09-20", kind: "WORK", name: "国庆节调休上班" }, ...days("2026-09-25", 3, "OFF", "中秋节"),
  ...days("2026-10-01", 7, "OFF", "国庆节"), { date: "2026-10-10", kind: "WORK", name: "国庆节调休上班" },
];

function days(first: string, n: number, kind: DayKind, name: string) {
  return Array.from({ length: n }, (_, i) => ({ date: new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), kind, name }));
}

export async function seedCalendar(): Promise<void> {
  if ((await prisma.calendarDay.count()) > 0) return;
  await prisma.calendarDay.createMany({ data: HOLIDAYS_2026 });
  cached = null;
}
