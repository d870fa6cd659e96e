import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Badge, Button, Card, Empty, Input, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { DownloadOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { CATEGORY_TREE } from "~/cases/categories";
import { bulkDispatch, departments } from "~/cases/case-store.server";
import { CASE_STATUSES, STATUS_LABELS } from "~/cases/flow";
import { listQueue, queueCounts, type QueueRow } from "~/cases/queue.server";
import { parseQueueFilters, QUEUE_VIEW_LABELS, QUEUE_VIEWS, TEXT_MATCH_CAP, type QueueView } from "~/cases/queue-filters";
import { Countdown, StatusTag } from "~/cases/ui/CaseTags";
import { FormSelect, FormTreeSelect } from "~/ui/FormSelect";
import { useQueryUpdate } from "~/ui/use-query-update";
import { gridFilterOptions, type GridOption } from "~/grids/grid.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "诉求办理 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const gridSide = actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR";
  const [queue, counts, depts, gridOptions] = await Promise.all([
    listQueue({ actor, filters }), queueCounts(actor), gridSide ? departments() : [],
    gridSide || actor.role === "ADMIN" ? gridFilterOptions({ actor }) : ([] as GridOption[]),
  ]);
  return json({
    queue, counts, filters, role: actor.role, gridOptions,
    canFile: actor.role === "ENTERPRISE",
    canEditCalendar: actor.role === "ADMIN",
    canBulkDispatch: gridSide,
    departments: depts.map((d) => ({ value: `DEPT:${d.id}`, label: d.name })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const form = await request.formData();
  await requireCsrf(request, form);
  const ids = form.getAll("caseId").map(String);
  const target = String(form.get("target") ?? "");
  if (!ids.length) return json({ error: "请先勾选要派遣的诉求", done: 0, failed: [] as { caseId: string; message?: string }[] }, { status: 400 });
  if (!target) return json({ error: "请选择承办部门", done: 0, failed: [] as { caseId: string; message?: string }[] }, { status: 400 });
  const result = await bulkDispatch({ actor, caseIds: ids, target, ip: clientIp(context) });
  return json({ error: null, ...result });
}

/** The current view and filters, without the page, for the export link. */
function exportParams(params: URLSearchParams, format: string) {
  const next = new URLSearchParams(params);
  next.delete("page");
  next.set("format", format);
  return next.toString();
}

const TITLES: Record<string, string> = { ENTERPRISE: "我的诉求", DEPT_HANDLER: "本部门诉求", SUPERVISOR: "辖区诉求与督办" };

export default function CaseQueue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const update = useQueryUpdate();
  const loading = useNavigation().state !== "idle";
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<string | undefined>();
  const views = QUEUE_VIEWS.filter((v) => d.role !== "ENTERPRISE" || v !== "supervised");
  const badge: Partial<Record<QueueView, number>> = { todo: d.counts.todo, overdue: d.counts.overdue, supervised: d.counts.supervised };
  // Only 已立案 cases can be dispatched in bulk: a page without one (every finished page) gets no
  // column of disabled boxes, which also spares the server twenty checkboxes to render.
  const selectable = d.canBulkDispatch && d.queue.rows.some((r) => r.status === "REGISTERED");
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{TITLES[d.role] ?? "诉求办理"}</Typography.Title>
        {d.canFile && <Link to="/cases/new"><Button type="primary" icon={<PlusOutlined />}>提交诉求</Button></Link>}
        {d.canEditCalendar && <Link to="/cases/calendar"><Button>工作日历</Button></Link>}
      </Space>
      <Tabs
        activeKey={d.filters.view}
        onChange={(v) => update({ view: v, page: null })}
        items={views.map((v) => ({
          key: v,
          label: <span data-testid={`tab-${v}`}>{QUEUE_VIEW_LABELS[v]} {badge[v] ? <Badge count={badge[v]} overflowCount={9999} color={v === "overdue" ? "red" : v === "supervised" ? "volcano" : "blue"} /> : null}</span>,
        }))}
      />
      <Form method="get" aria-label="筛选诉求" key={params.toString()} style={{ marginBottom: 16 }}>
        <input type="hidden" name="view" value={d.filters.view} />
        <Space wrap>
          <FormSelect name="status" placeholder="全部状态" allowClear style={{ width: 140 }} aria-label="状态" defaultValue={d.filters.status}
            options={CASE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          <FormTreeSelect name="category" placeholder="全部分类" allowClear style={{ width: 220 }} aria-label="分类" defaultValue={d.filters.category}
            treeData={CATEGORY_TREE.map((t) => ({ value: t.code, title: t.name, children: t.children?.map((c) => ({ value: c.code, title: c.name })) }))} />
          {d.gridOptions.length > 0 && (
            <FormTreeSelect name="gridId" treeData={d.gridOptions} placeholder="全部网格" allowClear showSearch treeNodeFilterProp="title" style={{ width: 220 }}
              aria-label="网格" defaultValue={d.filters.gridId} treeDefaultExpandedKeys={d.gridOptions.map((g) => g.value)} />
          )}
          <Input name="q" placeholder="编号、标题或企业名称" defaultValue={d.filters.q} allowClear style={{ width: 240 }} aria-label="搜索" />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
          <Button onClick={() => navigate(`?view=${d.filters.view}`)}>重置</Button>
          <Button href={`/cases/export?${exportParams(params, "xlsx")}`} icon={<DownloadOutlined />}>导出 Excel</Button>
          <Button href={`/cases/export?${exportParams(params, "csv")}`} icon={<DownloadOutlined />}>导出 CSV</Button>
        </Space>
      </Form>
      {result?.error && <Alert type="error" showIcon message={result.error} style={{ marginBottom: 12 }} />}
      {d.queue.capped && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          message={`包含“${d.filters.q}”的诉求超过 ${TEXT_MATCH_CAP.toLocaleString("zh-CN")} 件，只列出其中前 ${TEXT_MATCH_CAP.toLocaleString("zh-CN")} 件。请换一个更具体的词，或加上状态、分类、网格筛选。`} />
      )}
      {result && !result.error && (
        <Alert type={result.failed.length ? "warning" : "success"} showIcon style={{ marginBottom: 12 }}
          message={`已派遣 ${result.done} 件${result.failed.length ? `，${result.failed.length} 件未能派遣` : ""}。`}
          description={result.failed.length ? result.failed.map((f) => f.message).join("；") : undefined} />
      )}
      {selectable && selected.length > 0 && (
        <Form method="post" aria-label="批量派遣" style={{ marginBottom: 12 }} onSubmit={() => setSelected([])}>
          <AuthenticityTokenInput />
          {selected.map((id) => <input key={id} type="hidden" name="caseId" value={id} />)}
          <Space wrap>
            <Typography.Text>已选 {selected.length} 件已立案诉求，派遣给</Typography.Text>
            <Select style={{ width: 260 }} placeholder="选择承办部门" options={d.departments} value={target} onChange={setTarget} showSearch optionFilterProp="label" aria-label="承办部门" />
            <input type="hidden" name="target" value={target ?? ""} />
            <Button type="primary" htmlType="submit" loading={loading}>批量派遣</Button>
          </Space>
        </Form>
      )}
      <Table<QueueRow>
        rowKey="id"
        loading={loading}
        dataSource={d.queue.rows}
        scroll={{ x: 1200 }}
        rowSelection={selectable ? {
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (r) => ({ disabled: r.status !== "REGISTERED", title: r.status !== "REGISTERED" ? "只有已立案的诉求可以批量派遣" : undefined }),
        } : undefined}
        locale={{ emptyText: <Empty description={d.filters.view === "todo" ? "没有等待您办理的诉求。" : "没有符合条件的诉求。"} /> }}
        pagination={{
          current: d.queue.page, pageSize: d.queue.pageSize, total: d.queue.total, showSizeChanger: false,
          showTotal: (t) => `共 ${t.toLocaleString("zh-CN")}${d.queue.capped ? "+" : ""} 件`, onChange: (p) => update({ page: String(p) }),
        }}
        columns={[
          { title: "编号", dataIndex: "number", width: 150, fixed: "left", render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          {
            title: "诉求", key: "title", width: 320,
            render: (_, r) => (
              <>
                <Link to={`/cases/${r.id}`}>{r.title}</Link>
                {r.urgency !== "NORMAL" && <Tag color={r.urgency === "CRITICAL" ? "red" : "orange"} style={{ marginLeft: 6 }}>{r.urgencyLabel}</Tag>}
                {r.supervised && <Tag color="volcano">督办</Tag>}
                {r.extensionPending && <Tag color="gold">延期待批</Tag>}
                <div className="qq-muted">{r.company ?? "（无企业）"}</div>
              </>
            ),
          },
          { title: "分类", dataIndex: "category", width: 180 },
          { title: "状态", key: "status", width: 110, render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
          { title: "时限", key: "countdown", width: 140, render: (_, r) => (r.countdown ? <Countdown value={r.countdown} /> : "—") },
          { title: "网格", key: "grid", width: 170, render: (_, r) => <>{r.grid}{r.level !== "GRID" && <div className="qq-muted">已升级至{r.levelLabel}</div>}</> },
          { title: "承办", dataIndex: "assignee", width: 180, render: (v: string | null) => v ?? "—" },
          { title: "提交时间", dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
