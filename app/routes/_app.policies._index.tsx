import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSection } from "~/auth/permissions.server";
import { searchPolicies } from "~/search/policy-search.server";
import { PolicySearch } from "~/search/ui/PolicySearch";

export const meta: MetaFunction = () => [{ title: "政策检索 · 亲清网格" }];

/** 政策检索 for every role: Meilisearch through the server (the key stays here), database fallback. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "policies");
  const result = await searchPolicies({ actor, params: new URL(request.url).searchParams });
  return json(result, { headers: { "Cache-Control": "no-store" } });
}

export default function PolicySearchPage() {
  return <PolicySearch data={useLoaderData<typeof loader>()} />;
}
