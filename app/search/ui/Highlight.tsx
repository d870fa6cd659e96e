import { MARK_END, MARK_START } from "~/search/search-types";

/**
 * Text with the search's match markers shown as <mark>. The markers are control characters, never
 * HTML, so policy text is always rendered as text (no dangerouslySetInnerHTML).
 */
export function Highlight({ text }: { text: string }) {
  const [head, ...rest] = text.split(MARK_START);
  return (
    <>
      {head.replaceAll(MARK_END, "")}
      {rest.map((part, i) => {
        const [matched, after = ""] = part.split(MARK_END);
        return (
          <span key={i}>
            <mark style={{ background: "#ffe58f", color: "inherit", padding: "0 1px", borderRadius: 2 }}>{matched}</mark>
            {after}
          </span>
        );
      })}
    </>
  );
}

/** The same text without markers (for titles in attributes and links). */
export function plain(text: string): string {
  return text.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
}
