import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleOpen311 } from "~/open311/router.server";
import { clientIp } from "~/utils/request.server";

/**
 * Open311 GeoReport v2 (/open311/v2/…): a resource route, so no page, no session, no cookies.
 * GET and HEAD arrive in the loader, POST (and any other method) in the action; both hand the
 * request to the same dispatcher, which answers in the format the path asks for.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleOpen311(request, params["*"] ?? "", clientIp(context));
}

export function action({ request, params, context }: ActionFunctionArgs) {
  return handleOpen311(request, params["*"] ?? "", clientIp(context));
}
