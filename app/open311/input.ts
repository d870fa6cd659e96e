import { findCategory, URGENCIES, URGENCY_LABELS, type Urgency } from "~/cases/categories";
import { parseFiling, type FilingInput } from "~/cases/filing-form";
import { checkUscc, USCC_PROBLEM_LABELS } from "~/companies/uscc";

/**
 * A GeoReport v2 `POST requests` turned into our filing input. Pure, so every rule is tested
 * without a database: the same filing checks as the portal form (parseFiling), with each message
 * naming the Open311 parameter the client must fix rather than our form field.
 */
export type Params = Record<string, string>;

const MAX_TOKEN = 100;

/**
 * Form fields, or a JSON object, as one flat map. JSON may nest attributes
 * (`{"attribute": {"uscc": "…"}}`) or use the form's flat keys (`"attribute[uscc]"`).
 * Only strings, numbers and booleans are taken; anything else is ignored.
 */
export function flattenParams(body: unknown): Params | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const out: Params = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = String(value);
  };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === "attribute" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value as Record<string, unknown>)) put(`attribute[${code}]`, v);
    } else put(key, value);
  }
  return out;
}

/** Our form field → the Open311 parameter a message should name. */
const PARAM_OF: Record<string, string> = {
  categoryCode: "service_code",
  title: "attribute[title]",
  description: "description",
  urgency: "attribute[urgency]",
  contactName: "first_name/last_name",
  contactPhone: "phone",
  contactEmail: "email",
  address: "address_string",
};

/** A title from the description's first sentence, or its first 30 characters. */
export function deriveTitle(description: string): string {
  const text = description.replace(/\s+/g, " ").trim();
  const first = text.split(/[。！？!?；;\n]/)[0]?.trim() ?? "";
  if (first.length >= 4 && first.length <= 30) return first;
  return text.length <= 30 ? text : `${text.slice(0, 29)}…`;
}

/** Key ("URGENT") or name ("紧急"); empty means 一般. */
export function readUrgency(value: string | undefined): Urgency | null {
  const v = value?.trim() ?? "";
  if (!v) return "NORMAL";
  const upper = v.toUpperCase();
  return URGENCIES.find((u) => u === upper || URGENCY_LABELS[u] === v) ?? null;
}

/** Western names "first last"; Chinese ones family name first with no space (王 + 小明 → 王小明). */
export function contactName(first: string | undefined, last: string | undefined): string {
  const f = first?.trim() ?? "";
  const l = last?.trim() ?? "";
  if (/[A-Za-z]/.test(f) && /[A-Za-z]/.test(l)) return `${f} ${l}`;
  return `${l}${f}`;
}

function coordinate(value: string | undefined, limit: number): number | null | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

export interface ServiceRequestInput {
  filing: FilingInput;
  uscc: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The client's idempotency token (header or attribute[request_token]). */
  token: string | null;
  /** lat/long or address_string given (required unless the uscc names a company). */
  located: boolean;
}

export type ReadResult = { ok: true; value: ServiceRequestInput } | { ok: false; errors: string[] };

export function readServiceRequest(params: Params, idempotencyKey: string | null = null): ReadResult {
  const errors: string[] = [];
  const code = params.service_code?.trim() ?? "";
  if (!code) errors.push("service_code：缺少服务代码（见 services.json）");
  else if (!findCategory(code)?.leaf) errors.push(`service_code：“${code.slice(0, 20)}”不是有效的服务代码（见 services.json）`);

  let uscc: string | null = null;
  const rawUscc = params["attribute[uscc]"]?.trim();
  if (rawUscc) {
    const checked = checkUscc(rawUscc);
    if (checked.ok) uscc = checked.uscc;
    else errors.push(`attribute[uscc]：${USCC_PROBLEM_LABELS[checked.problem]}`);
  }

  const lat = coordinate(params.lat, 90);
  const long = coordinate(params.long, 180);
  if (lat === null) errors.push("lat：纬度应为 -90 到 90 之间的数字");
  if (long === null) errors.push("long：经度应为 -180 到 180 之间的数字");
  if ((lat === undefined) !== (long === undefined)) errors.push("lat/long：经纬度须同时提供");
  const hasPoint = typeof lat === "number" && typeof long === "number";

  const urgency = readUrgency(params["attribute[urgency]"]);
  if (!urgency) errors.push("attribute[urgency]：紧急程度应为 NORMAL（一般）、URGENT（紧急）或 CRITICAL（特急）");

  const token = (idempotencyKey ?? params["attribute[request_token]"] ?? "").trim() || null;
  if (token && (token.length > MAX_TOKEN || !/^[\x21-\x7E]+$/.test(token))) {
    errors.push(`${idempotencyKey ? "Idempotency-Key" : "attribute[request_token]"}：请求令牌应为不超过 ${MAX_TOKEN} 个字符的可见 ASCII 字符`);
  }

  const description = params.description ?? "";
  const ownTitle = params["attribute[title]"]?.trim();
  const filing = parseFiling({
    categoryCode: code,
    title: ownTitle || deriveTitle(description),
    description,
    urgency: urgency ?? "NORMAL",
    contactName: contactName(params.first_name, params.last_name),
    contactPhone: params.phone ?? "",
    contactEmail: params.email ?? "",
    address: params.address_string ?? "",
  });
  if (!filing.ok) {
    const held: string[] = [];
    for (const [field, messages] of Object.entries(filing.errors)) {
      const lines = messages.map((m) => `${PARAM_OF[field] ?? field}：${m}`);
      // service_code is reported above; a derived title fails only when the description does.
      if (field === "categoryCode") continue;
      if (field === "title" && !ownTitle) held.push(...lines);
      else errors.push(...lines);
    }
    if (!errors.length) errors.push(...(held.length ? held : ["请求参数不完整"]));
  }
  if (errors.length || !filing.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      filing: filing.data, uscc, token,
      latitude: hasPoint ? (lat as number) : null,
      longitude: hasPoint ? (long as number) : null,
      located: hasPoint || !!filing.data.address,
    },
  };
}
