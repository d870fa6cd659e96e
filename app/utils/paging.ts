/**
 * The page to show of `total` rows at `size` a page: the one asked for, kept within 1…the last
 * (a page past the end shows the last one; an empty list has one, empty, page), and the rows
 * before it.
 */
export function pageOf(total: number, size: number, requested = 1): { page: number; pages: number; skip: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pages);
  return { page, pages, skip: (page - 1) * size };
}
