import { useNavigate, useSearchParams } from "@remix-run/react";

/**
 * Navigates to the current URL with some query parameters changed (null removes one): the
 * lists' filters, sorting and paging all live in the URL so every view can be bookmarked.
 */
export function useQueryUpdate(options?: { preventScrollReset?: boolean }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === null ? next.delete(k) : next.set(k, v));
    navigate(`?${next}`, options);
  };
}
