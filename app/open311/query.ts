import { findCategory } from "~/cases/categories";

/**
 * `GET requests` parameters and GeoReport dates. Pure. Dates are W3C/ISO 8601; one without an
 * offset is read in city time (UTC+8), as a 12345 operator in Zhengzhou would mean it.
 */
const CITY_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The spec's default window and the widest one a single query may span. */
export const WINDOW_DAYS = 90;
/** The spec's cap on one answer. */
export const MAX_RESULTS = 1000;

/** "2026-11-23T09:30:00+08:00": the spec's W3C format, in city time. */
export function w3c(date: Date): string {
  return `${new Date(date.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time, or null when it is not one (or names a day that does not
 * exist, such as 02-30). A bare date is the start of that city day, or its end when `endOfDay`.
 */
export function parseIsoDate(text: string, endOfDay = false): Date | null {
  // An unencoded "+08:00" in a query string arrives as " 08:00": put the plus back.
  const v = text.trim().replace(/^(\S+T[\d:.]+) (\d{2}:?\d{2})$/, "$1+$2").replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2");
  const m = ISO.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // Day-of-month check: Date would roll 02-30 over to 03-02 silently.
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return null;
  const offset = !zone ? "+08:00" : zone === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? frac.slice(0, 4).padEnd(4, "0") : "";
  const at = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  if (Number.isNaN(at)) return null;
  return new Date(m[4] === undefined && endOfDay ? at + DAY_MS - 1 : at);
}

export type OpenClosed = "open" | "closed";

export interface RequestQuery {
  /** service_request_id: when given it overrides every other parameter (spec). */
  numbers: string[] | null;
  serviceCodes: string[] | null;
  start: Date;
  end: Date;
  statuses: OpenClosed[] | null;
}

export type QueryResult = { ok: true; value: RequestQuery } | { ok: false; errors: string[] };

/** Comma lists may also be given by repeating the parameter. */
function list(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

export function readRequestQuery(params: URLSearchParams, now = new Date()): QueryResult {
  const errors: string[] = [];
  const ids = list(params, "service_request_id");
  if (ids.length > MAX_RESULTS) errors.push(`service_request_id：一次最多查询 ${MAX_RESULTS} 个编号`);
  const bad = ids.find((id) => !/^\d{1,20}$/.test(id));
  if (bad) errors.push(`service_request_id：“${bad.slice(0, 30)}”不是有效的诉求编号（应为数字）`);

  const codes = list(params, "service_code");
  const unknown = codes.find((c) => !findCategory(c)?.leaf);
  if (unknown) errors.push(`service_code：“${unknown.slice(0, 20)}”不是有效的服务代码（见 services.json）`);

  const statuses = list(params, "status").map((s) => s.toLowerCase());
  const wrong = statuses.find((s) => s !== "open" && s !== "closed");
  if (wrong) errors.push(`status：应为 open 或 closed，收到“${wrong.slice(0, 20)}”`);

  const startText = params.get("start_date")?.trim() || null;
  const endText = params.get("end_date")?.trim() || null;
  const start = startText ? parseIsoDate(startText) : null;
  const end = endText ? parseIsoDate(endText, true) : null;
  if (startText && !start) errors.push("start_date：日期格式不正确，应为 ISO 8601，如 2026-11-01 或 2026-11-01T08:00:00+08:00");
  if (endText && !end) errors.push("end_date：日期格式不正确，应为 ISO 8601，如 2026-11-30 或 2026-11-30T18:00:00+08:00");
  if (errors.length) return { ok: false, errors };

  // Only one end given: the window runs 90 days from it (never past now for a start alone).
  const to = end ?? (start ? new Date(Math.min(start.getTime() + WINDOW_DAYS * DAY_MS, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from > to) return { ok: false, errors: ["start_date 不能晚于 end_date"] };
  if (!ids.length && to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) {
    return { ok: false, errors: [`start_date 到 end_date 不能超过 ${WINDOW_DAYS} 天`] };
  }
  return {
    ok: true,
    value: {
      numbers: ids.length ? [...new Set(ids)] : null,
      serviceCodes: codes.length ? [...new Set(codes)] : null,
      start: from,
      end: to,
      statuses: statuses.length ? ([...new Set(statuses)] as OpenClosed[]) : null,
    },
  };
}
