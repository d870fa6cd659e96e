import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { createCache, extractStyle, StyleProvider } from "@ant-design/cssinjs";
import { ANTD_STYLE_PLACEHOLDER } from "~/ui/antd-ssr";
import { securityHeaders } from "~/utils/security-headers.server";

/**
 * Renders to a string (not a stream) so antd's CSS-in-JS styles can be collected after the
 * render and written into the page head: no flash of unstyled content, no hydration mismatch.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const cache = createCache();
  const markup = renderToString(
    <StyleProvider cache={cache}>
      <RemixServer context={remixContext} url={request.url} />
    </StyleProvider>,
  );
  const css = extractStyle(cache, { plain: true });
  const html = "<!DOCTYPE html>" + markup.replace(ANTD_STYLE_PLACEHOLDER, () => css);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  for (const [name, value] of Object.entries(securityHeaders)) responseHeaders.set(name, value);
  return new Response(html, { status: responseStatusCode, headers: responseHeaders });
}
