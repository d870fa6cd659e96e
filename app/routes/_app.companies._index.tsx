import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Card, Empty, Table, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { requireSection } from "~/auth/permissions.server";
import { listCompanies } from "~/companies/company.server";
import { parseCompanyFilters } from "~/companies/filters";
import { industryLabel } from "~/companies/industry";
import { formatDate, qualificationLabel, SIZE_LABELS } from "~/companies/labels";
import { isValidOn } from "~/companies/qualifications";
import { CompanyFilterBar } from "~/companies/ui/CompanyFilterBar";
import { gridFilterOptions } from "~/grids/grid.server";
import { useQueryUpdate } from "~/ui/use-query-update";

export const meta: MetaFunction = () => [{ title: "网格企业 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const filters = parseCompanyFilters(new URL(request.url).searchParams);
  const [{ total, rows }, gridOptions] = await Promise.all([
    listCompanies({ actor, filters }),
    gridFilterOptions({ actor }),
  ]);
  const now = new Date();
  return json({
    total,
    filters,
    gridOptions,
    isAdmin: actor.role === "ADMIN",
    rows: rows.map((c) => ({
      id: c.id,
      name: c.name,
      uscc: c.uscc,
      grid: c.grid?.name ?? null,
      park: c.parkGrid?.name ?? null,
      industry: c.industryCode ? industryLabel(c.industryCode) : null,
      size: c.sizeClass,
      qualifications: c.qualifications.filter((q) => isValidOn(q, now)).map((q) => qualificationLabel(q.kind)),
      tags: c.tags.map((t) => t.tag),
      lastVisitAt: c.lastVisitAt,
    })),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function CompanyList() {
  const { rows, total, filters, gridOptions, isAdmin } = useLoaderData<typeof loader>();
  const loading = useNavigation().state === "loading";
  const go = useQueryUpdate();
  const sortOrder = (key: string): SortOrder | undefined =>
    filters.sort === key ? (filters.order === "asc" ? "ascend" : "descend") : undefined;

  return (
    <Card>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", flexWrap: "wrap", gap: 8 }}>
        <Typography.Title level={3}>网格企业</Typography.Title>
        <Link to="/companies/unclaimed">待领取的免申即享</Link>
      </div>
      <CompanyFilterBar gridOptions={gridOptions} showUnplaced={isAdmin} />
      <Table<Row>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description="没有符合条件的企业。可以放宽筛选条件，或点击“重置”查看全部。" /> }}
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          go({ sort: s.order ? String(s.columnKey) : null, order: s.order === "descend" ? "desc" : s.order ? "asc" : null, page: null });
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t.toLocaleString("zh-CN")} 家企业`,
          onChange: (page, pageSize) => go({ page: String(page), pageSize: String(pageSize) }),
        }}
        columns={[
          {
            title: "企业名称", key: "name", dataIndex: "name", sorter: true, sortOrder: sortOrder("name"), fixed: "left", width: 240,
            render: (name: string, r) => <Link to={`/companies/${r.id}`}>{name}</Link>,
          },
          { title: "统一社会信用代码", dataIndex: "uscc", width: 190 },
          {
            title: "所属网格", key: "grid", width: 200,
            // Plain elements in cells: a page renders 20–100 rows, and each antd component costs.
            render: (_, r) => (
              <>
                {r.grid ? <div>{r.grid}</div> : <span className="qq-tag qq-tag-warn">待分配</span>}
                {r.park ? <div className="qq-muted">{r.park}</div> : null}
              </>
            ),
          },
          { title: "行业", dataIndex: "industry", width: 200, render: (v: string | null) => v ?? "—" },
          { title: "规模", dataIndex: "size", width: 70, render: (v: string | null) => (v ? SIZE_LABELS[v] : "—") },
          {
            title: "资质 / 标签", key: "quals", width: 220,
            render: (_, r) => (
              <>
                {r.qualifications.map((q) => <span className="qq-tag qq-tag-blue" key={q}>{q}</span>)}
                {r.tags.map((t) => <span className="qq-tag" key={t}>{t}</span>)}
              </>
            ),
          },
          {
            title: "最近走访", key: "lastVisitAt", dataIndex: "lastVisitAt", sorter: true, sortOrder: sortOrder("lastVisitAt"), width: 110,
            render: (v: string | null) => (v ? formatDate(v) : <span className="qq-warn">未走访</span>),
          },
        ]}
      />
    </Card>
  );
}
