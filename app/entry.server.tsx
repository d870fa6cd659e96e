import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { StyleProvider } from "@ant-design/cssinjs";
import { ANTD_STYLESHEET_PLACEHOLDER } from "~/ui/antd-ssr";
import { antdStyleCache, antdStylesheetHref } from "~/ui/antd-styles.server";
import { securityHeaders } from "~/utils/security-headers.server";

/**
 * Renders to a string (not a stream) so the stylesheet covering the page's antd styles is known
 * before the HTML leaves: no flash of unstyled content, no hydration mismatch.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const markup = renderToString(
    <StyleProvider cache={antdStyleCache()}>
      <RemixServer context={remixContext} url={request.url} />
    </StyleProvider>,
  );
  const html = "<!DOCTYPE html>" + markup.replace(ANTD_STYLESHEET_PLACEHOLDER, antdStylesheetHref());
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  for (const [name, value] of Object.entries(securityHeaders)) responseHeaders.set(name, value);
  return new Response(html, { status: responseStatusCode, headers: responseHeaders });
}
