import { CATEGORIES, findCategory, LEAF_CATEGORIES, URGENCIES, URGENCY_LABELS, type Category } from "~/cases/categories";

/**
 * What GeoReport v2 clients discover: our case categories are the services. A service is a
 * leaf category (service_code "SDQN-01"), its group the top category, its keywords the words a
 * filer might use. Every service takes the same attributes, so `metadata` is always true.
 */
export const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When this API last changed in a way clients should notice (GeoReport's changeset). */
export const API_CHANGESET = "2026-11-23 00:00";

export function discovery(origin: string) {
  return {
    changeset: API_CHANGESET,
    contact: "接口问题请联系亲清网格系统管理员",
    key_service: "提交诉求需要 api_key：由系统管理员在门户“接口密钥”页为每个接入系统单独签发",
    endpoints: [
      { specification: SPECIFICATION, url: `${origin}/open311/v2`, changeset: API_CHANGESET, type: "production", formats: ["application/json", "text/xml"] },
    ],
  };
}

function group(c: Category): string {
  return (c.parentCode ? CATEGORIES.get(c.parentCode)?.name : null) ?? c.name;
}

export function serviceOf(c: Category) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.keywords.length ? `${c.fullName}（如${c.keywords.join("、")}）` : c.fullName,
    metadata: true,
    type: "realtime",
    // The spec gives keywords as one comma-separated string.
    keywords: c.keywords.join(","),
    group: group(c),
  };
}

export function serviceList() {
  return LEAF_CATEGORIES.map(serviceOf);
}

/** The attribute codes a request may carry as attribute[code]. */
export const ATTRIBUTE_CODES = ["uscc", "title", "urgency", "request_token"] as const;

const ATTRIBUTES = [
  {
    variable: true, code: "uscc", datatype: "string", required: false, order: 1, description: "统一社会信用代码",
    datatype_description: "18 位统一社会信用代码。与本市登记的企业一致时，诉求归属该企业并转其所属网格办理，此时可不填位置",
  },
  {
    variable: true, code: "title", datatype: "string", required: false, order: 2, description: "标题",
    datatype_description: "4 至 50 个字；不填则取描述的第一句",
  },
  {
    variable: true, code: "urgency", datatype: "singlevaluelist", required: false, order: 3, description: "紧急程度",
    datatype_description: "不填为“一般”；特急诉求每个环节时限为 1 个工作日",
    values: URGENCIES.map((u) => ({ key: u, name: URGENCY_LABELS[u] })),
  },
  {
    variable: true, code: "request_token", datatype: "string", required: false, order: 4, description: "请求令牌（防重复提交）",
    datatype_description: "客户端为每次提交生成的唯一值（不超过 100 个字符），重试时带上同一个值不会重复登记；也可用 Idempotency-Key 请求头",
  },
];

/** The service definition, or null for a code that is not a service. */
export function serviceDefinition(code: string) {
  const c = findCategory(code);
  if (!c?.leaf) return null;
  return { service_code: c.code, attributes: ATTRIBUTES };
}
