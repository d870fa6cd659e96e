import { describe, expect, it } from "vitest";
import { countdown, dayOf, deadlineAfter, endOfDay, isWorkingDay, workingDaysBetween, type DayKind } from "./calendar";

const NONE = new Map<string, DayKind>();
// 2026 National Day week: 1–7 October off, Saturday 10 October worked.
const NATIONAL_DAY = new Map<string, DayKind>([
  ...["01", "02", "03", "04", "05", "06", "07"].map((d) => [`2026-10-${d}`, "OFF"] as [string, DayKind]),
  ["2026-10-10", "WORK"],
]);
/** An instant given in Zhengzhou time. */
const city = (local: string) => new Date(`${local}+08:00`);

describe("working-day calendar", () => {
  it("tells days in city time, not the server's", () => {
    expect(dayOf(city("2026-11-23T00:30:00"))).toBe("2026-11-23");
    expect(dayOf(city("2026-11-22T23:59:00"))).toBe("2026-11-22");
    expect(endOfDay("2026-11-23").toISOString()).toBe("2026-11-23T15:59:59.999Z");
  });

  it("skips weekends and holidays, and counts make-up working Saturdays", () => {
    expect(isWorkingDay("2026-11-21", NONE)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-23", NONE)).toBe(true);
    expect(isWorkingDay("2026-10-05", NATIONAL_DAY)).toBe(false); // Monday, holiday
    expect(isWorkingDay("2026-10-10", NATIONAL_DAY)).toBe(true); // Saturday, worked
  });

  it("starts counting the day after, and ends at the end of the last working day", () => {
    // Filed Friday evening with one working day: due Monday night.
    expect(deadlineAfter(city("2026-11-20T18:00:00"), 1, NONE)).toEqual(endOfDay("2026-11-23"));
    // Filed Monday morning with 5 working days: due next Monday.
    expect(deadlineAfter(city("2026-11-23T09:00:00"), 5, NONE)).toEqual(endOfDay("2026-11-30"));
    // Filed 30 September with 3 working days: 8, 9 and the make-up Saturday 10 October.
    expect(deadlineAfter(city("2026-09-30T10:00:00"), 3, NATIONAL_DAY)).toEqual(endOfDay("2026-10-10"));
  });

  it("counts working days between two dates", () => {
    expect(workingDaysBetween("2026-11-20", "2026-11-27", NONE)).toBe(5);
    expect(workingDaysBetween("2026-11-27", "2026-11-20", NONE)).toBe(0);
    expect(workingDaysBetween("2026-09-30", "2026-10-10", NATIONAL_DAY)).toBe(3);
  });

  it("counts long spans exactly as walking them day by day would", () => {
    // The count is arithmetic (weeks, then exceptions); walk the days to check it, over spans from
    // none to several years, starting on every weekday, with holidays and make-up days inside and out.
    const walk = (from: string, to: string, ex: ReadonlyMap<string, DayKind>) => {
      let n = 0;
      for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        if (isWorkingDay(new Date(t).toISOString().slice(0, 10), ex)) n++;
      }
      return n;
    };
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const mixed = new Map<string, DayKind>([...NATIONAL_DAY, ["2025-01-01", "OFF"], ["2025-01-04", "OFF"], ["2026-02-14", "WORK"], ["2026-02-16", "OFF"]]);
    let checked = 0;
    for (let start = 0; start < 800; start += 13) {
      for (const span of [0, 1, 2, 5, 6, 7, 8, 30, 365, 1200]) {
        for (const ex of [NONE, mixed]) {
          expect(workingDaysBetween(day(start), day(start + span), ex), `${day(start)} → ${day(start + span)}`).toBe(walk(day(start), day(start + span), ex));
          checked++;
        }
      }
    }
    expect(checked).toBe(1240);
  });

  it("says what is left, what is due today and how long a case is overdue", () => {
    const due = endOfDay("2026-11-25"); // Wednesday
    expect(countdown(due, city("2026-11-23T10:00:00"), NONE)).toEqual({ overdue: false, days: 2, label: "剩余 2 个工作日" });
    expect(countdown(due, city("2026-11-25T10:00:00"), NONE).label).toBe("今日到期");
    expect(countdown(due, city("2026-11-27T10:00:00"), NONE)).toEqual({ overdue: true, days: 2, label: "超期 2 个工作日" });
    // Overdue since Friday night, seen on Saturday: overdue, though no working day has passed.
    expect(countdown(endOfDay("2026-11-27"), city("2026-11-28T10:00:00"), NONE).label).toBe("已超期");
  });
});
