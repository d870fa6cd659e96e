import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { suggestCategories } from "~/cases/suggest.server";

/** Category suggestions for the filing form, as the user types (JSON for a fetcher). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSection(request, "cases");
  const text = new URL(request.url).searchParams.get("text") ?? "";
  return json({ suggestions: await suggestCategories(text) }, { headers: { "Cache-Control": "no-store" } });
}
