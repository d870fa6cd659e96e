import { logger } from "~/utils/logger.server";
import { errorResponse, Open311Error, parseTarget, respond, type Target } from "./format";
import { flattenParams, type Params } from "./input";
import { readRequestQuery } from "./query";
import { createServiceRequest, findServiceRequests, getServiceRequest } from "./requests.server";
import { discovery, serviceDefinition, serviceList } from "./services";

/**
 * The GeoReport v2 endpoints under /open311/v2, behind one splat route. Every answer, refusals
 * included, is in the requested format; bad input gets the spec's error list, never a 500 page.
 * No cookies are read (clients authenticate with api_key), so CSRF does not apply.
 */
export const MAX_BODY_BYTES = 64 * 1024;
/** The service list only changes with a deployment: clients may cache it briefly. */
const SERVICES_CACHE = "public, max-age=300";

export async function handleOpen311(request: Request, splat: string, ip?: string | null): Promise<Response> {
  const target = parseTarget(splat);
  if (target instanceof Open311Error) return errorResponse("json", target);
  try {
    return await route(request, target, ip ?? null);
  } catch (error) {
    if (error instanceof Open311Error) {
      const response = errorResponse(target.format, error);
      // The rest of an oversized body is never read: the connection cannot carry another request.
      if (error.status === 413) response.headers.set("Connection", "close");
      return response;
    }
    logger.error({ err: error, path: splat }, "open311 request failed");
    return errorResponse(target.format, new Open311Error(500, "服务器内部错误，请稍后重试"));
  }
}

async function route(request: Request, { segments, format }: Target, ip: string | null): Promise<Response> {
  const [resource, id, ...rest] = segments;
  const method = request.method.toUpperCase();
  const read = method === "GET" || method === "HEAD";
  const only = (allowed: "GET" | "POST") => {
    if ((allowed === "GET" && !read) || (allowed === "POST" && method !== "POST")) {
      throw new Open311Error(405, `此地址只接受 ${allowed} 请求`);
    }
  };
  if (rest.length) throw notFound();
  const url = new URL(request.url);

  if (resource === "discovery" && !id) {
    only("GET");
    return respond(format, "discovery", discovery(url.origin), { cache: SERVICES_CACHE });
  }
  if (resource === "services") {
    only("GET");
    if (!id) return respond(format, "services", serviceList(), { cache: SERVICES_CACHE });
    const definition = serviceDefinition(id);
    if (!definition) throw new Open311Error(404, `没有服务代码为“${id.slice(0, 20)}”的服务（见 services.json）`);
    return respond(format, "service_definition", definition, { cache: SERVICES_CACHE });
  }
  if (resource === "requests" && id) {
    only("GET");
    const found = await getServiceRequest(id);
    if (!found) throw new Open311Error(404, `没有编号为“${id.slice(0, 30)}”的诉求`);
    return respond(format, "service_requests", [found]);
  }
  if (resource === "requests") {
    if (method === "POST") {
      const params = await readParams(request);
      // Request lines end up in access logs: a key there is as good as published.
      if (!params.api_key && url.searchParams.has("api_key")) {
        throw new Open311Error(403, "api_key 须放在请求体中（表单或 JSON），不能放在地址中；该密钥可能已被记录，请联系管理员停用后重新申请");
      }
      const filed = await createServiceRequest({ params, idempotencyKey: request.headers.get("idempotency-key"), ip });
      return respond(format, "service_requests", [filed]);
    }
    only("GET");
    const query = readRequestQuery(url.searchParams);
    if (!query.ok) throw new Open311Error(400, query.errors);
    return respond(format, "service_requests", await findServiceRequests(query.value));
  }
  throw notFound();
}

function notFound() {
  return new Open311Error(404, "没有这个接口；可用的接口见 discovery.json");
}

/** The body, at most MAX_BODY_BYTES, read before anything is parsed. */
async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new Open311Error(413, `请求体不能超过 ${MAX_BODY_BYTES / 1024} KB`);
  const declared = Number(request.headers.get("content-length") ?? "");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  // The declared length can be absent (chunked) or wrong: count what actually arrives.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** Form-encoded as the spec says; JSON and multipart forms are accepted too. */
async function readParams(request: Request): Promise<Params> {
  const rawType = request.headers.get("content-type") ?? "";
  const type = rawType.toLowerCase();
  const body = await readBody(request);
  if (type.includes("multipart/form-data")) {
    try {
      const form = await new Request("http://open311.local/", { method: "POST", headers: { "content-type": rawType }, body }).formData();
      const params: Params = {};
      for (const [k, v] of form) if (typeof v === "string" && !(k in params)) params[k] = v;
      return params;
    } catch {
      throw new Open311Error(400, "请求体不是有效的 multipart/form-data");
    }
  }
  const text = new TextDecoder("utf-8").decode(body);
  if (type.includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Open311Error(400, "请求体不是有效的 JSON");
    }
    const params = flattenParams(parsed);
    if (!params) throw new Open311Error(400, "JSON 请求体应为一个对象，如 {\"service_code\": \"SDQN-01\", …}");
    return params;
  }
  const params: Params = {};
  for (const [k, v] of new URLSearchParams(text)) if (!(k in params)) params[k] = v;
  return params;
}
