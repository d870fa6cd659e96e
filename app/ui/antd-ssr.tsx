import { useState } from "react";

/** Replaced by entry.server.tsx with the CSS antd produced while rendering the page. */
export const ANTD_STYLE_PLACEHOLDER = "/*__ANTD_SSR_STYLES__*/";

/**
 * The server fills this tag with the page's antd CSS. On the client the tag keeps the text the
 * server sent (read once from the DOM), so hydration sees identical markup and React never
 * rewrites it; antd's runtime then adds styles for whatever renders later.
 */
export function AntdServerStyles() {
  const [css] = useState(() =>
    typeof document === "undefined"
      ? ANTD_STYLE_PLACEHOLDER
      : (document.getElementById("antd-ssr")?.innerHTML ?? ""),
  );
  return <style id="antd-ssr" dangerouslySetInnerHTML={{ __html: css }} />;
}
