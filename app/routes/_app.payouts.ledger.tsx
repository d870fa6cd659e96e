import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { Button, Card, Col, Empty, Input, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { formatAmount, PAYOUT_STATUS, PAYOUT_STATUSES, type PayoutStatus } from "~/payouts/labels";
import { ledger, ledgerOptions } from "~/payouts/ledger.server";
import { parseLedgerFilters } from "~/payouts/ledger-filters";
import { PayoutsNav } from "~/payouts/ui/PayoutsNav";
import { FormSelect } from "~/ui/FormSelect";

export const meta: MetaFunction = () => [{ title: "兑付明细台账 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "payouts");
  const filters = parseLedgerFilters(new URL(request.url).searchParams);
  const [data, options] = await Promise.all([ledger({ actor, filters }), ledgerOptions(actor)]);
  if (!data) throw notFound();
  return json({ ...data, options, filters });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function Ledger() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const loading = useNavigation().state === "loading";
  const exportUrl = (format: string) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    next.set("format", format);
    return `/payouts/export?${next}`;
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3}>兑付台账</Typography.Title>
        <PayoutsNav active="ledger" />
        <Form method="get" aria-label="筛选兑付记录" style={{ margin: "12px 0 16px" }} key={params.toString()}>
          <Space wrap size={[12, 12]}>
            <FormSelect name="policyId" placeholder="全部政策" allowClear showSearch optionFilterProp="label" style={{ width: 260 }} aria-label="政策" defaultValue={d.filters.policyId} options={d.options.policies} />
            <FormSelect name="status" placeholder="全部状态" allowClear style={{ width: 150 }} aria-label="状态" defaultValue={d.filters.status} options={PAYOUT_STATUSES.map((s) => ({ value: s, label: PAYOUT_STATUS[s].label }))} />
            <FormSelect name="districtId" placeholder="全部区县" allowClear showSearch optionFilterProp="label" style={{ width: 200 }} aria-label="区县" defaultValue={d.filters.districtId} options={d.options.districts} />
            <FormSelect name="batchId" placeholder="全部批次" allowClear showSearch optionFilterProp="label" style={{ width: 240 }} aria-label="批次" defaultValue={d.filters.batchId} options={d.options.batches} />
            <Space size={4}>
              <Typography.Text>支付日期</Typography.Text>
              <Input type="date" name="from" defaultValue={d.filters.from} aria-label="支付日期从" style={{ width: 150 }} />
              <Typography.Text>至</Typography.Text>
              <Input type="date" name="to" defaultValue={d.filters.to} aria-label="支付日期至" style={{ width: 150 }} />
            </Space>
            <Input name="q" placeholder="企业名称或统一社会信用代码" defaultValue={d.filters.q} allowClear style={{ width: 240 }} aria-label="企业" />
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
            <Button href="/payouts/ledger">重置</Button>
            <Button href={exportUrl("xlsx")} icon={<DownloadOutlined />}>导出 Excel</Button>
            <Button href={exportUrl("csv")} icon={<DownloadOutlined />}>导出 CSV</Button>
          </Space>
        </Form>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Statistic title="兑付笔数" value={`${d.total} 笔`} /></Col>
          <Col xs={12} md={6}><Statistic title="金额合计" value={formatAmount(d.amount)} /></Col>
          <Col xs={12} md={6}><Statistic title="其中已支付" value={formatAmount(d.paid)} data-testid="ledger-paid" /></Col>
        </Row>
        <Typography.Paragraph type="secondary">“支付日期”只筛选已支付的记录；区县按企业所在网格（或园区）所属区县统计。</Typography.Paragraph>
        <Table<Row>
          rowKey="id"
          loading={loading}
          dataSource={d.rows}
          scroll={{ x: 1450 }}
          locale={{ emptyText: <Empty description="没有符合条件的兑付记录。" /> }}
          pagination={{
            current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, hideOnSinglePage: true,
            showTotal: (t) => `共 ${t.toLocaleString("zh-CN")} 笔`,
            onChange: (p) => navigate(`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`),
          }}
          columns={[
            { title: "企业", key: "company", fixed: "left", width: 230, render: (_, r) => <>{r.company}<div className="qq-muted">{r.uscc}</div></> },
            { title: "区县", dataIndex: "district", width: 130, render: (v: string | null) => v ?? <span className="qq-tag qq-tag-warn">待分配</span> },
            { title: "政策 · 事项", key: "clause", width: 280, render: (_, r) => <>{r.policy}<div className="qq-muted">{r.clause}</div></> },
            { title: "金额", dataIndex: "amount", width: 130, align: "right", render: (a: number) => formatAmount(a) },
            {
              title: "状态", key: "status", width: 170,
              render: (_, r) => (
                <>
                  <Tag color={PAYOUT_STATUS[r.status as PayoutStatus].color}>{PAYOUT_STATUS[r.status as PayoutStatus].label}</Tag>
                  {r.failure && <div className="qq-muted">{r.status === "FAILED" ? "原因" : "上次失败"}：{r.failure}</div>}
                </>
              ),
            },
            { title: "支付时间", dataIndex: "paidAt", width: 150, render: (v: string | null) => (v ? formatDateTime(v) : "—") },
            { title: "收款账户", key: "account", width: 220, render: (_, r) => (r.bank ? <>{r.accountName}<div className="qq-muted">{r.bank} {r.accountNumber}</div></> : "—") },
            { title: "批次", key: "batch", width: 200, render: (_, r) => (r.batchId ? <Link to={`/payouts/batch/${r.batchId}`}>{r.batch}</Link> : "—") },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="按政策汇总" size="small">
            <Table
              rowKey="policyId" size="small" pagination={false} dataSource={d.byPolicy} data-testid="ledger-by-policy"
              locale={{ emptyText: <Empty description="暂无数据" /> }}
              columns={[
                { title: "政策", dataIndex: "policy" },
                { title: "笔数", dataIndex: "count", width: 70, align: "right" },
                { title: "金额", dataIndex: "amount", width: 130, align: "right", render: (a: number) => formatAmount(a) },
                { title: "已支付", dataIndex: "paid", width: 130, align: "right", render: (a: number) => formatAmount(a) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="按区县汇总" size="small">
            <Table
              rowKey="name" size="small" pagination={false} dataSource={d.byDistrict} data-testid="ledger-by-district"
              locale={{ emptyText: <Empty description="暂无数据" /> }}
              columns={[
                { title: "区县", dataIndex: "name" },
                { title: "笔数", dataIndex: "count", width: 70, align: "right" },
                { title: "金额", dataIndex: "amount", width: 130, align: "right", render: (a: number) => formatAmount(a) },
                { title: "已支付", dataIndex: "paid", width: 130, align: "right", render: (a: number) => formatAmount(a) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
