import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSection } from "~/auth/permissions.server";
import { exportVersion } from "~/policies/policy-query.server";

/** The policy file (rules/<id>.yaml, canonical form): the version in force, or ?version=<id>. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "policies");
  const versionId = new URL(request.url).searchParams.get("version") ?? undefined;
  const version = await exportVersion({ actor, policyId: params.id ?? "", versionId });
  if (!version) throw notFound("没有找到该政策版本，或您无权下载。");
  const suffix = versionId ? `.v${version.number}` : "";
  return new Response(version.document, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${version.policyId}${suffix}.yaml"`,
      "Cache-Control": "private, no-store",
    },
  });
}
