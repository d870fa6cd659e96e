import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, Empty, Space, Table, Tag, Typography } from "antd";
import { requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { batchesToReview } from "~/payouts/batch-read.server";
import { formatAmount } from "~/payouts/labels";
import { reviewQueue } from "~/policies/policy-query.server";

export const meta: MetaFunction = () => [{ title: "待我审核 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "reviews");
  const [queue, batches] = await Promise.all([reviewQueue(actor), batchesToReview(actor)]);
  return json({ queue, batches });
}

export default function Reviews() {
  const { queue, batches } = useLoaderData<typeof loader>();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3}>待我审核</Typography.Title>
        <Typography.Paragraph type="secondary">政策专员提交的政策版本。审核时请查看条件的中文表述、发布前测算和与现行版本的对比；自己编写或修改过的版本须由其他审核人审核。</Typography.Paragraph>
        <Table
          rowKey="id"
          dataSource={queue}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: <Empty description="目前没有待审核的政策版本。" /> }}
          columns={[
            { title: "政策", dataIndex: "title", render: (t: string, v) => <Link to={`/policy-admin/v/${v.id}`}>{t}</Link> },
            { title: "版本", dataIndex: "number", width: 80, render: (n: number) => `第 ${n} 版` },
            { title: "文号", dataIndex: "docNumber", width: 200 },
            { title: "提交时间", dataIndex: "submittedAt", width: 160, render: (d: string | null) => formatDateTime(d) },
            { title: "", key: "own", width: 160, render: (_, v) => (v.ownWork ? <Tag>本人编写，须他人审核</Tag> : null) },
          ]}
        />
      </Card>
      <Card>
        <Typography.Title level={4}>兑付批次</Typography.Title>
        <Typography.Paragraph type="secondary">政策专员提交的兑付批次。请核对企业、金额和收款账户；自己编制或提交的批次须由其他审核人审核。</Typography.Paragraph>
        <Table
          rowKey="id"
          dataSource={batches}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="目前没有待审核的兑付批次。" /> }}
          columns={[
            { title: "批次", dataIndex: "title", render: (t: string, b) => <Link to={`/payouts/batch/${b.id}`}>{t}</Link> },
            { title: "政策", dataIndex: "policy", width: 240 },
            { title: "笔数", dataIndex: "count", width: 80, align: "right" },
            { title: "金额", dataIndex: "amount", width: 140, align: "right", render: (a: number) => formatAmount(a) },
            { title: "编制人", dataIndex: "preparedBy", width: 100 },
            { title: "提交时间", dataIndex: "submittedAt", width: 160, render: (d: string | null) => formatDateTime(d) },
            { title: "", key: "own", width: 160, render: (_, b) => (b.ownWork ? <Tag>本人编制，须他人审核</Tag> : null) },
          ]}
        />
      </Card>
    </Space>
  );
}
