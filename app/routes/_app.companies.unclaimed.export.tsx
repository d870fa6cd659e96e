import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { audit } from "~/audit.server";
import { parseUnclaimedQuery, unclaimedBenefits } from "~/matching/unclaimed.server";
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

/** 待领取 as a call list (CSV or XLSX): every page of what the page shows (its scope and search); audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const { q } = parseUnclaimedQuery(params);
  const rows = (await unclaimedBenefits(actor, { q })).map((r) => ({ ...r, grid: r.grid ?? "待分配", contactName: r.contactName ?? "", contactPhone: r.contactPhone ?? "" }));
  await audit({ actorId: actor.id, action: "unclaimed.export", entityType: "Company", detail: { format, q: q ?? null, rows: rows.length }, ip: clientIp(context) });
  return exportResponse({ columns: COLUMNS, rows, format, asciiName: "unclaimed-benefits", name: "待领取的免申即享", total: rows.length });
}
