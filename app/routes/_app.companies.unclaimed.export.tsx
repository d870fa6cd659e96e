import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { audit } from "~/audit.server";
import { unclaimedBenefits } from "~/matching/unclaimed.server";
import { exportResponse } from "~/utils/spreadsheet/export.server";
import { clientIp } from "~/utils/request.server";

const COLUMNS = [
  { key: "name", header: "企业名称" },
  { key: "grid", header: "所属网格" },
  { key: "count", header: "待确认事项" },
  { key: "amount", header: "金额（万元）" },
  { key: "since", header: "最早符合", format: "date" as const },
  { key: "contactName", header: "联系人" },
  { key: "contactPhone", header: "联系电话" },
];

/** 待领取 as a call list (CSV or XLSX), scoped like the page itself; audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const rows = (await unclaimedBenefits(actor)).map((r) => ({ ...r, grid: r.grid ?? "待分配", contactName: r.contactName ?? "", contactPhone: r.contactPhone ?? "" }));
  await audit({ actorId: actor.id, action: "unclaimed.export", entityType: "Company", detail: { format, rows: rows.length }, ip: clientIp(context) });
  return exportResponse({ columns: COLUMNS, rows, format, asciiName: "unclaimed-benefits", name: "待领取的免申即享", total: rows.length });
}
