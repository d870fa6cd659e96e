import { z } from "zod";
import { QUALIFICATION_KINDS } from "~/companies/qualifications";

/** The company list's filters, sort and page, read from the URL (so a filtered view can be shared). */
const schema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  gridId: z.string().max(64).optional().catch(undefined),
  industry: z.string().regex(/^([A-T]|\d{2})$/).optional().catch(undefined),
  size: z.array(z.enum(["LARGE", "MEDIUM", "SMALL", "MICRO"])).optional().catch(undefined),
  qualification: z.enum(QUALIFICATION_KINDS as [string, ...string[]]).optional().catch(undefined),
  tag: z.string().trim().max(30).optional().catch(undefined),
  noVisitDays: z.coerce.number().int().min(1).max(3650).optional().catch(undefined),
  unplaced: z.literal("1").optional().catch(undefined),
  sort: z.enum(["name", "registeredAt", "lastVisitAt", "updatedAt"]).catch("name"),
  order: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().refine((n) => [20, 50, 100].includes(n)).catch(20),
});

export type CompanyFilters = z.infer<typeof schema>;

/** Unknown or malformed parameters fall back to defaults instead of failing the page. */
export function parseCompanyFilters(params: URLSearchParams): CompanyFilters {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (!values.length) continue;
    raw[key] = key === "size" ? values : values[0];
  }
  return schema.parse(raw);
}
