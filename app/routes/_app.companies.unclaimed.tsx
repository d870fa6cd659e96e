import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Empty, Input, Space, Table, Typography } from "antd";
import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { requireSection } from "~/auth/permissions.server";
import { formatDate, formatMoney } from "~/companies/labels";
import { parseUnclaimedQuery, unclaimedPage } from "~/matching/unclaimed.server";
import { useQueryUpdate } from "~/ui/use-query-update";

export const meta: MetaFunction = () => [{ title: "待领取的免申即享 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const query = parseUnclaimedQuery(new URL(request.url).searchParams);
  return json({ query, ...(await unclaimedPage(actor, query)) });
}

export default function Unclaimed() {
  const { rows, total, amount, page, pageSize, query } = useLoaderData<typeof loader>();
  const loading = useNavigation().state === "loading";
  const go = useQueryUpdate();
  const exportHref = (format: string) => `/companies/unclaimed/export?${new URLSearchParams({ format, ...(query.q ? { q: query.q } : {}) })}`;
  return (
    <Card>
      <Typography.Title level={3}>待领取的免申即享</Typography.Title>
      <Typography.Paragraph type="secondary">
        辖内企业已符合但尚未确认收款账户的免申即享事项，最早符合的排在前面，同一天符合的金额大的在前。请联系企业登录“我的政策”确认，或帮助企业了解政策。<Link to="/companies">返回网格企业</Link>
      </Typography.Paragraph>
      {/* A plain GET form: the search is in the URL (bookmarkable) and works before JavaScript loads. */}
      <Form method="get" aria-label="查找企业" style={{ marginBottom: 16 }} key={query.q ?? ""}>
        <Space wrap size={[12, 12]}>
          <Input name="q" placeholder="企业名称" defaultValue={query.q ?? ""} allowClear style={{ width: 240 }} aria-label="企业名称" />
          <input type="hidden" name="pageSize" value={pageSize} />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
          {query.q ? <Button href="/companies/unclaimed">重置</Button> : null}
          {total > 0 ? (
            <>
              <Button href={exportHref("xlsx")} icon={<DownloadOutlined />}>导出 Excel（电话清单）</Button>
              <Button href={exportHref("csv")} icon={<DownloadOutlined />}>导出 CSV</Button>
            </>
          ) : null}
        </Space>
      </Form>
      <Table
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t.toLocaleString("zh-CN")} 家企业，合计 ${formatMoney(amount)}`,
          onChange: (next, size) => go({ page: String(next), pageSize: String(size) }),
        }}
        locale={{
          emptyText: <Empty description={query.q ? `没有名称包含“${query.q}”且有待领取事项的企业。` : "辖内企业的免申即享事项都已确认或处理。"} />,
        }}
        scroll={{ x: 800 }}
        columns={[
          { title: "企业", dataIndex: "name", render: (n: string, r) => <Link to={`/companies/${r.id}`}>{n}</Link> },
          { title: "网格", dataIndex: "grid", width: 160, render: (g: string | null) => g ?? "待分配" },
          { title: "待确认事项", dataIndex: "count", width: 120 },
          { title: "金额", dataIndex: "amount", width: 120, render: (a: number) => (a > 0 ? formatMoney(a) : "—") },
          { title: "最早符合", dataIndex: "since", width: 110, render: (d: string) => formatDate(d) },
          { title: "联系人", key: "contact", width: 180, render: (_, r) => (r.contactName ? `${r.contactName} ${r.contactPhone ?? ""}` : "—") },
        ]}
      />
    </Card>
  );
}
