import { toXml, type XmlValue } from "./xml";

/**
 * Formats and answers of the GeoReport v2 API. The format is the path's extension (.json or
 * .xml; none means JSON). JSON is the body as is; XML wraps it in the spec's root element, and
 * lists repeat the element named here (services → service, errors → error, …).
 */
export type Format = "json" | "xml";

const ITEM_NAMES: Record<string, string> = {
  services: "service",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  service_requests: "request",
  errors: "error",
};

/** A refusal that ends the request with the spec's error list (one entry per message). */
export class Open311Error extends Error {
  readonly messages: string[];
  constructor(readonly status: number, messages: string | string[]) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.join("；"));
    this.messages = list;
  }
}

export interface Target {
  /** Path segments without the extension: ["services", "SDQN-01"]. */
  segments: string[];
  format: Format;
}

/** "services/SDQN-01.xml" → { segments: ["services", "SDQN-01"], format: "xml" }. */
export function parseTarget(splat: string): Target | Open311Error {
  const segments = splat.split("/").filter(Boolean);
  const last = segments.pop() ?? "";
  const dot = last.lastIndexOf(".");
  let format: Format = "json";
  let name = last;
  if (dot > 0) {
    const ext = last.slice(dot + 1).toLowerCase();
    if (ext !== "json" && ext !== "xml") return new Open311Error(400, `不支持的格式“.${ext.slice(0, 10)}”，请使用 .json 或 .xml`);
    format = ext;
    name = last.slice(0, dot);
  }
  if (name) segments.push(name);
  return { segments, format };
}

export function respond(format: Format, root: string, body: XmlValue, init: { status?: number; cache?: string } = {}): Response {
  const headers = new Headers({
    "Cache-Control": init.cache ?? "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (format === "xml") {
    headers.set("Content-Type", "text/xml; charset=utf-8");
    return new Response(toXml(root, body, ITEM_NAMES), { status: init.status ?? 200, headers });
  }
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/** `[{ "code": 400, "description": "…" }]`, or `<errors><error>…</error></errors>` in XML. */
export function errorResponse(format: Format, error: Open311Error): Response {
  return respond(format, "errors", error.messages.map((description) => ({ code: error.status, description })), { status: error.status });
}
