import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { allImportErrors } from "~/companies/import/import-job.server";
import { toCsv } from "~/utils/spreadsheet/export.server";

/** The job's row errors as a CSV the office can fix its file against. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "imports");
  const errors = await allImportErrors({ actor, id: params.id! });
  const csv = toCsv([{ key: "row", header: "行号" }, { key: "column", header: "列" }, { key: "message", header: "问题" }], errors);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-errors.csv"; filename*=UTF-8''${encodeURIComponent("导入错误清单.csv")}`,
    },
  });
}
