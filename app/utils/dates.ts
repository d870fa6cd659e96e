// sv-SE formats as YYYY-MM-DD; made once (a formatter per call costs ~0.1 ms).
const CITY_DATE = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });

/** Calendar date (YYYY-MM-DD) in the city's time zone: policies' dates are local calendar dates. */
export function cityDate(at: Date = new Date()): string {
  return CITY_DATE.format(at);
}

/**
 * The instant facts are computed "on" a calendar date: noon UTC, which is the same calendar day
 * in UTC and in China, so getFullYear/getMonth agree whichever zone the server runs in.
 */
export function factInstant(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
