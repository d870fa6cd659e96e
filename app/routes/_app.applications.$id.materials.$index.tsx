import type { LoaderFunctionArgs } from "@remix-run/node";
import { materialFile } from "~/applications/applications.server";
import { notFound, requireActor } from "~/auth/permissions.server";
import { clientIp } from "~/utils/request.server";

/**
 * One uploaded material. Who may read it is decided by the data function (the application's own
 * company, or an officer); anyone else gets the same 404 as for a file that does not exist.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const index = Number(params.index);
  const file = Number.isInteger(index) && index >= 0 ? await materialFile({ actor, id: params.id ?? "", index, ip: clientIp(context) }) : null;
  if (!file) throw notFound("没有找到该材料，或您无权查看。");
  return new Response(file.bytes, {
    headers: {
      // Only the three types the upload check lets in; always a download, never rendered in our origin.
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="material.${file.fileName.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
