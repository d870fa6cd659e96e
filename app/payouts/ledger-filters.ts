import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { PAYOUT_STATUSES } from "./labels";

/** 兑付台账 filters as they travel in the URL; anything malformed is ignored, not an error page. */
const date = z.string().refine(isCalendarDate).optional().catch(undefined);
const id = z.string().trim().min(1).max(64).optional().catch(undefined);

const schema = z.object({
  policyId: id,
  status: z.enum(PAYOUT_STATUSES).optional().catch(undefined),
  districtId: id,
  batchId: id,
  from: date,
  to: date,
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type LedgerFilters = z.infer<typeof schema>;

export function parseLedgerFilters(params: URLSearchParams): LedgerFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  return schema.parse(raw);
}
