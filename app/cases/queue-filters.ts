import { z } from "zod";
import { CATEGORIES } from "./categories";
import { CASE_STATUSES } from "./flow";

/**
 * Queue filters as they travel in the URL; anything malformed is ignored, not an error page.
 * view: what the queue is for — todo (waiting on me), open, overdue, supervised, closed, all.
 */
export const QUEUE_VIEWS = ["todo", "open", "overdue", "supervised", "closed", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  todo: "待我办理", open: "全部在办", overdue: "超期", supervised: "督办中", closed: "已办结", all: "全部",
};
export const QUEUE_PAGE_SIZE = 20;
/** A search by words lists at most this many cases (queue-text.server.ts), and says so beyond it. */
export const TEXT_MATCH_CAP = 5_000;

const id = z.string().trim().min(1).max(64).optional().catch(undefined);
const schema = z.object({
  view: z.enum(QUEUE_VIEWS).catch("todo"),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  category: z.string().refine((c) => CATEGORIES.has(c)).optional().catch(undefined),
  gridId: id,
  q: z.string().trim().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type QueueFilters = z.infer<typeof schema>;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  return schema.parse(raw);
}
