import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Card, Empty, Space, Table, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { requireSection } from "~/auth/permissions.server";
import { formatDate, formatMoney } from "~/companies/labels";
import { unclaimedBenefits } from "~/matching/unclaimed.server";

export const meta: MetaFunction = () => [{ title: "待领取的免申即享 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  return json({ rows: await unclaimedBenefits(actor) });
}

export default function Unclaimed() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <Card>
      <Typography.Title level={3}>待领取的免申即享</Typography.Title>
      <Typography.Paragraph type="secondary">
        辖内企业已符合但尚未确认收款账户的免申即享事项。请联系企业登录“我的政策”确认，或帮助企业了解政策。<Link to="/companies">返回网格企业</Link>
      </Typography.Paragraph>
      {rows.length > 0 && (
        <Space style={{ marginBottom: 16 }}>
          <Button href="/companies/unclaimed/export?format=xlsx" icon={<DownloadOutlined />}>导出 Excel（电话清单）</Button>
          <Button href="/companies/unclaimed/export?format=csv" icon={<DownloadOutlined />}>导出 CSV</Button>
        </Space>
      )}
      <Table
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 家企业` }}
        locale={{ emptyText: <Empty description="辖内企业的免申即享事项都已确认或处理。" /> }}
        scroll={{ x: 800 }}
        columns={[
          { title: "企业", dataIndex: "name", render: (n: string, r) => <Link to={`/companies/${r.id}`}>{n}</Link> },
          { title: "网格", dataIndex: "grid", width: 160, render: (g: string | null) => g ?? "待分配" },
          { title: "待确认事项", dataIndex: "count", width: 100 },
          { title: "金额", dataIndex: "amount", width: 120, render: (a: number) => (a > 0 ? formatMoney(a) : "—") },
          { title: "最早符合", dataIndex: "since", width: 110, render: (d: string) => formatDate(d) },
          { title: "联系人", key: "contact", width: 180, render: (_, r) => (r.contactName ? `${r.contactName} ${r.contactPhone ?? ""}` : "—") },
        ]}
      />
    </Card>
  );
}
