import type { LoaderFunctionArgs } from "@remix-run/node";
import { antdStylesheet } from "~/ui/antd-styles.server";

/** antd's collected styles, by content hash: immutable, so browsers keep them. */
export async function loader({ params }: LoaderFunctionArgs) {
  const hash = (params.file ?? "").replace(/\.css$/, "");
  const { css, exact } = antdStylesheet(hash);
  return new Response(css, {
    headers: {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": exact ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
