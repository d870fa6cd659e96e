import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection, notFound } from "~/auth/permissions.server";
import { caseAttachment } from "~/cases/case-detail.server";

/** An attachment, only for users who may see its case; always a download of a known type. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const file = await caseAttachment({ actor, caseId: params.id ?? "", attachmentId: params.attachmentId ?? "" });
  if (!file) throw notFound("没有找到该附件，或您无权查看。");
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
