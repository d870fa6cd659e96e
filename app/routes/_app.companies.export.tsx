import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { audit } from "~/audit.server";
import { exportCompanyRows } from "~/companies/company.server";
import { parseCompanyFilters } from "~/companies/filters";
import { industryLabel } from "~/companies/industry";
import { formatDate, qualificationLabel, SIZE_LABELS } from "~/companies/labels";
import { isValidOn } from "~/companies/qualifications";
import { exportResponse } from "~/utils/spreadsheet/export.server";
import { clientIp } from "~/utils/request.server";

/** Large enough for a district's registry, small enough to build in memory. */
const EXPORT_LIMIT = 50_000;

const COLUMNS = [
  { key: "name", header: "企业名称" },
  { key: "uscc", header: "统一社会信用代码" },
  { key: "legalRep", header: "法定代表人" },
  { key: "grid", header: "所属网格" },
  { key: "park", header: "所在园区" },
  { key: "industry", header: "行业" },
  { key: "size", header: "规模" },
  { key: "registeredAt", header: "成立日期" },
  { key: "registeredCapital", header: "注册资本（万元）" },
  { key: "address", header: "注册地址" },
  { key: "contactName", header: "联系人" },
  { key: "contactPhone", header: "联系电话" },
  { key: "contactEmail", header: "联系邮箱" },
  { key: "qualifications", header: "有效资质" },
  { key: "tags", header: "标签" },
  { key: "lastVisitAt", header: "最近走访" },
];

/** The company list's current filter as CSV or XLSX, scoped like the list itself. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "xlsx" ? "xlsx" : "csv";
  const filters = parseCompanyFilters(params);
  const { rows, total } = await exportCompanyRows({ actor, filters, limit: EXPORT_LIMIT });
  const now = new Date();
  const data = rows.map((c) => ({
    name: c.name,
    uscc: c.uscc,
    legalRep: c.legalRep,
    grid: c.grid?.name ?? "待分配",
    park: c.parkGrid?.name ?? "",
    industry: c.industryCode ? industryLabel(c.industryCode) : "",
    size: c.sizeClass ? SIZE_LABELS[c.sizeClass] : "",
    registeredAt: c.registeredAt ? formatDate(c.registeredAt) : "",
    registeredCapital: c.registeredCapital,
    address: c.address,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    contactEmail: c.contactEmail,
    qualifications: c.qualifications.filter((q) => isValidOn(q, now)).map((q) => qualificationLabel(q.kind)).join("、"),
    tags: c.tags.map((t) => t.tag).join("、"),
    lastVisitAt: c.lastVisitAt ? formatDate(c.lastVisitAt) : "",
  }));
  await audit({ actorId: actor.id, action: "company.export", entityType: "Company", detail: { format, filters, rows: data.length, total }, ip: clientIp(context) });

  return exportResponse({ columns: COLUMNS, rows: data, format, asciiName: "companies", name: "网格企业", total });
}
