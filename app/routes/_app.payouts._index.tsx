import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Card, Empty, Segmented, Space, Statistic, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { listBatches } from "~/payouts/batch-read.server";
import { poolSummary } from "~/payouts/candidates.server";
import { BATCH_STATUS, BATCH_STATUSES, formatAmount, type BatchStatus } from "~/payouts/labels";
import { PayoutsNav } from "~/payouts/ui/PayoutsNav";
import { useQueryUpdate } from "~/ui/use-query-update";

export const meta: MetaFunction = () => [{ title: "兑付台账 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "payouts");
  const params = new URL(request.url).searchParams;
  const status = BATCH_STATUSES.find((s) => s === params.get("status")) ?? null;
  const [batches, pool] = await Promise.all([
    listBatches({ actor, status, page: Number(params.get("page")) || 1 }),
    actor.role === "POLICY_OFFICER" ? poolSummary() : Promise.resolve(null),
  ]);
  return json({ batches, pool, status, isOfficer: actor.role === "POLICY_OFFICER" });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["batches"]["rows"][number];

export default function Payouts() {
  const { batches, pool, status, isOfficer } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const go = useQueryUpdate();
  return (
    <Card>
      <Typography.Title level={3}>兑付台账</Typography.Title>
      <PayoutsNav active="batches" />
      <Typography.Paragraph type="secondary">
        企业确认收款账户（免申即享）或申报获批后进入待兑付；政策专员编制批次并提交，审核人审核通过后拨付，政策专员登记支付结果，企业同步收到站内消息和邮件。编制人不能审核自己的批次。
      </Typography.Paragraph>
      {pool && (
        <Space size={48} wrap style={{ marginBottom: 16 }} align="end">
          <Statistic title="待兑付（可编入批次）" value={`${pool.count} 笔`} />
          <Statistic title="待兑付金额" value={formatAmount(pool.amount)} />
          {pool.retries > 0 && <Statistic title="其中支付失败待重新拨付" value={`${pool.retries} 笔`} />}
          <Link to="/payouts/new"><Button type="primary" icon={<PlusOutlined />} disabled={!pool.count}>编制兑付批次</Button></Link>
        </Space>
      )}
      <div style={{ marginBottom: 12 }}>
        <Segmented
          value={status ?? "ALL"}
          onChange={(v) => go({ status: v === "ALL" ? null : String(v), page: null })}
          options={[{ value: "ALL", label: "全部" }, ...BATCH_STATUSES.map((s) => ({ value: s, label: BATCH_STATUS[s].label }))]}
          aria-label="批次状态"
        />
      </div>
      <Table<Row>
        rowKey="id"
        dataSource={batches.rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={isOfficer ? "还没有兑付批次。企业确认收款账户后，可点击“编制兑付批次”。" : "还没有兑付批次。"} /> }}
        pagination={{ current: batches.page, pageSize: 20, total: batches.total, hideOnSinglePage: true, onChange: (p) => go({ page: String(p) }), showTotal: (t) => `共 ${t} 个批次` }}
        columns={[
          { title: "批次", dataIndex: "title", width: 300, render: (t: string, b) => <Link to={`/payouts/batch/${b.id}`}>{t}</Link> },
          { title: "政策", dataIndex: "policy" },
          { title: "笔数", dataIndex: "count", width: 80, align: "right" },
          { title: "金额", dataIndex: "amount", width: 140, align: "right", render: (a: number) => formatAmount(a) },
          { title: "状态", dataIndex: "status", width: 140, render: (s: BatchStatus) => <Tag color={BATCH_STATUS[s].color}>{BATCH_STATUS[s].label}</Tag> },
          { title: "编制人", dataIndex: "preparedBy", width: 100 },
          { title: "审核人", dataIndex: "approvedBy", width: 100, render: (v: string | null) => v ?? "—" },
          { title: "编制时间", dataIndex: "createdAt", width: 150, render: (d: string) => formatDateTime(d) },
        ]}
      />
    </Card>
  );
}
