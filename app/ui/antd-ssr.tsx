import { useState } from "react";

/** Replaced by entry.server.tsx with the URL of the stylesheet holding the page's antd CSS. */
export const ANTD_STYLESHEET_PLACEHOLDER = "/__antd_stylesheet__.css";

/**
 * The server writes the stylesheet's real URL into this link after rendering. On the client the
 * link keeps the URL the server sent (read once from the DOM), so hydration sees identical markup
 * and React never rewrites it; antd's runtime adds styles for whatever renders later.
 */
export function AntdServerStyles() {
  const [href] = useState(() =>
    typeof document === "undefined"
      ? ANTD_STYLESHEET_PLACEHOLDER
      : (document.getElementById("antd-css")?.getAttribute("href") ?? ANTD_STYLESHEET_PLACEHOLDER),
  );
  return <link id="antd-css" rel="stylesheet" href={href} />;
}
