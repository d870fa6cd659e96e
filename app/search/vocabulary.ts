/** The search's fixed values, shared by the index, the page and the URL parser. Browser-safe. */
export const STATUSES = ["有效", "未生效", "已过期", "已废止"] as const;
export type SearchStatus = (typeof STATUSES)[number];

export const LEVELS = ["国家", "省", "市", "区"] as const;

/** Benefit ranges for the 扶持金额 facet, in the order shown. */
export const AMOUNT_BANDS = ["10 万元及以下", "10–50 万元", "50–100 万元", "100 万元以上", "按实际核算", "非资金支持"] as const;
export type AmountBand = (typeof AMOUNT_BANDS)[number];

export const DELIVERIES = ["免申即享", "申报"] as const;

/** Facet value for policies that name no industry: they apply to all. */
export const ALL_INDUSTRIES = "不限行业";

export const FACETS = ["level", "issuers", "industries", "deliveries", "status", "amountBands"] as const;
export type Facet = (typeof FACETS)[number];
