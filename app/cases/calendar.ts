/**
 * The working-day calendar that case time limits run on: Monday to Friday, minus public holidays
 * (OFF), plus the weekends worked in exchange (WORK, 调休上班). Days are calendar dates in city
 * time (UTC+8, no daylight saving). Pure; the exceptions come from the CalendarDay table.
 */

export type DayKind = "OFF" | "WORK";
export type Exceptions = ReadonlyMap<string, DayKind>;

const CITY_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant, in city time. */
export function dayOf(at: Date): string {
  return new Date(at.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The last instant of a city-time day (23:59:59.999 in Zhengzhou). */
export function endOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - CITY_OFFSET_MS);
}

export function isWorkingDay(day: string, exceptions: Exceptions): boolean {
  const kind = exceptions.get(day);
  if (kind) return kind === "WORK";
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline of a limit of `days` working days starting at `from`: the end of the n-th
 * working day after the day it starts (the starting day itself does not count, as with
 * "自受理之次日起 N 个工作日").
 */
export function deadlineAfter(from: Date, days: number, exceptions: Exceptions): Date {
  let day = dayOf(from);
  let left = Math.max(1, Math.round(days));
  // A bound on the loop: even a year of holidays ends.
  for (let guard = 0; left > 0 && guard < 3_660; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, exceptions)) left--;
  }
  return endOfDay(day);
}

/** Epoch day number of a YYYY-MM-DD date (1970-01-01 is 0, a Thursday). */
const epochDay = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/** Monday-to-Friday days among epoch days 0 … n-1. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let k = weeks * 7; k < n; k++) if ((k + 4) % 7 !== 0 && (k + 4) % 7 !== 6) count++;
  return count;
}

/**
 * Working days strictly after `fromDay` up to and including `toDay` (0 when toDay ≤ fromDay).
 * Weekdays are counted arithmetically and the calendar's exceptions applied on top, so a case
 * a year overdue costs no more than one due tomorrow (queues show twenty such countdowns a page).
 */
export function workingDaysBetween(fromDay: string, toDay: string, exceptions: Exceptions): number {
  if (toDay <= fromDay) return 0;
  let n = weekdaysBefore(epochDay(toDay) + 1) - weekdaysBefore(epochDay(fromDay) + 1);
  for (const [day, kind] of exceptions) {
    if (day <= fromDay || day > toDay) continue;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const normallyWorking = weekday !== 0 && weekday !== 6;
    if (kind === "OFF" && normallyWorking) n--;
    if (kind === "WORK" && !normallyWorking) n++;
  }
  return n;
}

export interface Countdown {
  overdue: boolean;
  /** Working days left after today (not overdue), or working days past the deadline (overdue). */
  days: number;
  /** Chinese, for queues: "剩余 3 个工作日", "今日到期", "超期 2 个工作日". */
  label: string;
}

export function countdown(deadline: Date, now: Date, exceptions: Exceptions): Countdown {
  const today = dayOf(now);
  const due = dayOf(deadline);
  if (now.getTime() <= deadline.getTime()) {
    const days = workingDaysBetween(today, due, exceptions);
    return { overdue: false, days, label: days === 0 ? "今日到期" : `剩余 ${days} 个工作日` };
  }
  const days = workingDaysBetween(due, today, exceptions);
  return { overdue: true, days, label: days === 0 ? "已超期" : `超期 ${days} 个工作日` };
}
