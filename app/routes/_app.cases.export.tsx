import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { audit } from "~/audit.server";
import { formatDateTime } from "~/companies/labels";
import { exportQueue } from "~/cases/queue.server";
import { parseQueueFilters } from "~/cases/queue-filters";
import { exportResponse } from "~/utils/spreadsheet/export.server";
import { clientIp } from "~/utils/request.server";

const EXPORT_LIMIT = 50_000;

const COLUMNS = [
  { key: "number", header: "诉求编号" },
  { key: "title", header: "标题" },
  { key: "company", header: "企业" },
  { key: "category", header: "分类" },
  { key: "urgency", header: "紧急程度" },
  { key: "status", header: "状态" },
  { key: "countdown", header: "时限" },
  { key: "grid", header: "所属网格" },
  { key: "level", header: "办理层级" },
  { key: "assignee", header: "承办单位" },
  { key: "supervised", header: "督办" },
  { key: "createdAt", header: "提交时间" },
];

/** The queue's current view and filters as CSV or XLSX, scoped like the queue itself; audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const filters = parseQueueFilters(params);
  const { rows, total } = await exportQueue({ actor, filters, limit: EXPORT_LIMIT });
  const data = rows.map((r) => ({
    number: r.number, title: r.title, company: r.company ?? "", category: r.category, urgency: r.urgencyLabel, status: r.statusLabel,
    countdown: r.countdown?.label ?? "", grid: r.grid, level: r.levelLabel, assignee: r.assignee ?? "", supervised: r.supervised ? "是" : "",
    createdAt: formatDateTime(r.createdAt),
  }));
  await audit({ actorId: actor.id, action: "case.export", entityType: "Case", detail: { format, filters, rows: data.length, total }, ip: clientIp(context) });
  return exportResponse({ columns: COLUMNS, rows: data, format, asciiName: "cases", name: "诉求清单", total });
}
