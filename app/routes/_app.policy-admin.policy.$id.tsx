import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireRole } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { startDraft, PolicyError } from "~/policies/policy-store.server";
import { clientIp } from "~/utils/request.server";

/** A policy's newest version page; POST starts (or reopens) its revision draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["POLICY_OFFICER", "REVIEWER", "ADMIN"]);
  const latest = await prisma.policyVersion.findFirst({ where: { policyId: params.id }, orderBy: { number: "desc" }, select: { id: true } });
  if (!latest) throw notFound("没有该政策。");
  return redirect(`/policy-admin/v/${latest.id}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["POLICY_OFFICER"]);
  await requireCsrf(request, await request.formData());
  try {
    const { versionId } = await startDraft({ actor, policyId: params.id ?? "", ip: clientIp(context) });
    return redirect(`/policy-admin/v/${versionId}/edit`);
  } catch (error) {
    if (error instanceof PolicyError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
