import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Card, Empty, Input, Segmented, Space, Table, Tag, Typography } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime, formatMoney } from "~/companies/labels";
import { applicationQueue } from "~/applications/applications.server";
import { APPLICATION_STATUS, APPLICATION_STATUSES, type ApplicationStatus } from "~/applications/labels";
import { FormSelect } from "~/ui/FormSelect";
import { useQueryUpdate } from "~/ui/use-query-update";

export const meta: MetaFunction = () => [{ title: "申报审批 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "applications");
  const p = new URL(request.url).searchParams;
  const status = p.get("status") === "ALL" ? "ALL" : APPLICATION_STATUSES.find((s) => s === p.get("status"));
  const queue = await applicationQueue({
    actor,
    filters: { status, policyId: p.get("policyId") || undefined, q: p.get("q") || undefined, page: Number(p.get("page")) || 1 },
  });
  if (!queue) throw notFound();
  return json(queue);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function Applications() {
  const q = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const go = useQueryUpdate();
  return (
    <Card>
      <Typography.Title level={3}>申报审批</Typography.Title>
      <Typography.Paragraph type="secondary">
        企业对“申报”类事项提交的申请，按提交时间先后排列。申报表中的依据来自政府部门已掌握的数据；请核对材料后审核，不予通过须写明理由，结果会通知企业。
      </Typography.Paragraph>
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Segmented
          value={q.status}
          onChange={(v) => go({ status: String(v), page: null })}
          aria-label="申报状态"
          options={[...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS[s].label })), { value: "ALL", label: "全部" }]}
        />
        <Form method="get" key={params.toString()}>
          <input type="hidden" name="status" value={q.status} />
          <Space wrap>
            <FormSelect name="policyId" placeholder="全部政策" allowClear showSearch optionFilterProp="label" style={{ width: 260 }} aria-label="政策" defaultValue={params.get("policyId") || undefined} options={q.policies} />
            <Input name="q" placeholder="企业名称或统一社会信用代码" defaultValue={params.get("q") ?? ""} allowClear style={{ width: 240 }} aria-label="企业" />
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
          </Space>
        </Form>
      </Space>
      <Table<Row>
        rowKey="id"
        dataSource={q.rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={q.status === "SUBMITTED" ? "目前没有待审核的申报。" : "没有符合条件的申报。"} /> }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: q.total, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件`, onChange: (p) => go({ page: String(p) }) }}
        columns={[
          { title: "企业", key: "company", width: 260, render: (_, r) => <><Link to={`/applications/${r.id}`}>{r.company}</Link><div className="qq-muted">{r.uscc}</div></> },
          { title: "区县", dataIndex: "district", width: 150, render: (v: string | null) => v ?? "—" },
          { title: "政策 · 事项", key: "clause", render: (_, r) => <>{r.policy}<div className="qq-muted">{r.clause}</div></> },
          { title: "测算金额", dataIndex: "amount", width: 130, render: (a: number | null) => (a ? `最高 ${formatMoney(a)}` : "非资金") },
          { title: "提交时间", dataIndex: "submittedAt", width: 150, render: (d: string) => formatDateTime(d) },
          { title: "状态", dataIndex: "status", width: 100, render: (s: ApplicationStatus) => <Tag color={APPLICATION_STATUS[s].color}>{APPLICATION_STATUS[s].label}</Tag> },
        ]}
      />
    </Card>
  );
}
