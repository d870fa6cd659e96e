import { FINAL_STATUSES, type CaseStatus } from "./flow";

/**
 * Columns a case carries so that its queues are index ranges (decision 018): the district and the
 * street of its grid, and whether it is still open. Every write of gridId or status goes through
 * these two, so the copies can never disagree with what they are copied from.
 */

/** A grid path is "/<city>/<district>/<street>/…/": the ancestors at depth 1 and 2 (the node itself included). */
export function scopeColumns(gridPath: string | null | undefined): { districtId: string | null; streetId: string | null } {
  const ids = (gridPath ?? "").split("/").filter(Boolean);
  return { districtId: ids[1] ?? null, streetId: ids[2] ?? null };
}

export function statusColumns(status: CaseStatus): { status: CaseStatus; open: boolean } {
  return { status, open: !FINAL_STATUSES.has(status) };
}

/** Depth of a grid path (the city is 0): which of the columns above a subtree root can use. */
export const pathDepth = (path: string) => path.split("/").filter(Boolean).length - 1;
