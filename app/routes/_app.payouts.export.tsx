import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/audit.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { payoutStatusLabel } from "~/payouts/labels";
import { ledgerExport } from "~/payouts/ledger.server";
import { parseLedgerFilters } from "~/payouts/ledger-filters";
import { exportResponse } from "~/utils/spreadsheet/export.server";
import { clientIp } from "~/utils/request.server";

/** Large enough for a year of a city's payouts, small enough to build in memory. */
const EXPORT_LIMIT = 50_000;

const COLUMNS = [
  { key: "company", header: "企业名称" },
  { key: "uscc", header: "统一社会信用代码" },
  { key: "district", header: "所属区县" },
  { key: "policy", header: "政策" },
  { key: "clause", header: "事项" },
  { key: "amount", header: "金额（万元）" },
  { key: "yuan", header: "金额（元）" },
  { key: "status", header: "状态" },
  { key: "accountName", header: "户名" },
  { key: "bank", header: "开户银行" },
  { key: "accountNumber", header: "账号" },
  { key: "paidAt", header: "支付时间" },
  { key: "failure", header: "失败原因" },
  { key: "batch", header: "批次" },
];

/**
 * The ledger's current filter (or one batch: ?batchId=) as CSV or XLSX: the payment list the
 * treasury works from, so account numbers are whole here. Every export is audited.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "payouts");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const filters = parseLedgerFilters(params);
  const result = await ledgerExport({ actor, filters, limit: EXPORT_LIMIT });
  if (!result) throw notFound();
  const data = result.rows.map((r) => ({
    ...r,
    district: r.district ?? "待分配",
    yuan: Math.round(r.amount * 10_000 * 100) / 100,
    status: payoutStatusLabel(r.status),
    paidAt: r.paidAt ? formatDateTime(r.paidAt) : "",
    failure: r.failure ?? "",
    batch: r.batch ?? "",
  }));
  await audit({ actorId: actor.id, action: "payout.export", entityType: "Payout", detail: { format, filters, rows: data.length, total: result.total }, ip: clientIp(context) });

  const name = filters.batchId ? "兑付支付清单" : "兑付台账";
  return exportResponse({ columns: COLUMNS, rows: data, format, asciiName: "payouts", name, total: result.total });
}
