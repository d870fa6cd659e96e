import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { listGridChildren } from "~/grids/grid-admin.server";

/** Children of a grid node, for the tree's lazy loading. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "grids");
  const parent = new URL(request.url).searchParams.get("parent");
  return json(await listGridChildren({ actor, parentId: parent || null }));
}
