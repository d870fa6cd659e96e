import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { SyncOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { pushStatus, requestManualFullMatch } from "~/matching/push-status.server";
import { useQueryUpdate } from "~/ui/use-query-update";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "匹配推送 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "matching");
  const page = Number(new URL(request.url).searchParams.get("page"));
  return json({ status: (await pushStatus(actor, { page: Number.isInteger(page) && page > 0 ? page : 1 }))! });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "matching");
  const form = await request.formData();
  await requireCsrf(request, form);
  await requestManualFullMatch(actor, clientIp(context));
  return json({ requested: true });
}

const KIND: Record<string, string> = { FULL: "全量", CLAUSE: "条款", COMPANY: "单个企业" };
const STATUS: Record<string, { text: string; color: string }> = {
  RUNNING: { text: "进行中", color: "processing" }, DONE: { text: "完成", color: "success" }, FAILED: { text: "中断", color: "error" },
};

export default function Matching() {
  const { status } = useLoaderData<typeof loader>();
  const go = useQueryUpdate({ preventScrollReset: true });
  const busy = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const active = status.waitingRuns > 0 || status.runs.some((r) => r.status === "RUNNING") || status.mail.pending > 0 || status.notices.pending > 0;
  // Progress refreshes by itself while something is running or waiting.
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(t);
  }, [active, revalidator]);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>匹配推送</Typography.Title>
          <Form method="post">
            <AuthenticityTokenInput />
            <Button type="primary" htmlType="submit" icon={<SyncOutlined />} loading={busy} disabled={status.waitingRuns > 0}>全量匹配</Button>
          </Form>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          系统每天凌晨自动全量匹配；政策发布、废止后自动重新匹配相关条款；企业数据变更后重新匹配该企业。免申即享事项对每个条款版本只推送一次。
        </Typography.Paragraph>
        {status.waitingRuns > 0 && <Alert type="info" showIcon message={`有 ${status.waitingRuns} 个匹配任务排队或进行中，页面会自动刷新。`} />}
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={12} md={6}><Statistic title="已推送（站内消息）" value={status.notices.sent} /></Col>
          <Col xs={12} md={6}><Statistic title="待推送" value={status.notices.pending} /></Col>
          <Col xs={12} md={6}><Statistic title="邮件已发送" value={status.mail.sent} /></Col>
          <Col xs={12} md={6}><Statistic title="邮件待发送 / 失败" value={`${status.mail.pending.toLocaleString("zh-CN")} / ${status.mail.failed.toLocaleString("zh-CN")}`} /></Col>
        </Row>
        {status.failures.length > 0 && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message="部分消息发送失败，系统会自动重试"
            description={<ul style={{ margin: 0, paddingLeft: 20 }}>{status.failures.map((f, i) => <li key={i}>{f.topic === "mail.send" ? "邮件" : f.topic}：第 {f.attempts} 次失败（{f.lastError}），{f.status === "FAILED" ? "已停止重试" : `将于 ${formatDateTime(f.nextAttemptAt)} 重试`}</li>)}</ul>} />
        )}
      </Card>
      <Card title="匹配任务" size="small">
        <Table
          rowKey="id" size="small" dataSource={status.runs} pagination={false}
          locale={{ emptyText: <Empty description="还没有匹配任务。" /> }}
          columns={[
            { title: "类型", dataIndex: "kind", width: 90, render: (k: string) => KIND[k] ?? k },
            { title: "触发", dataIndex: "trigger", width: 90 },
            { title: "评估日", dataIndex: "evaluatedOn", width: 110 },
            { title: "进度", key: "p", render: (_, r) => <Progress percent={r.total ? Math.floor((r.done / r.total) * 100) : r.status === "DONE" ? 100 : 0} size="small" status={r.status === "FAILED" ? "exception" : r.status === "RUNNING" ? "active" : undefined} format={() => `${r.done.toLocaleString("zh-CN")} / ${r.total.toLocaleString("zh-CN")}`} /> },
            { title: "状态", dataIndex: "status", width: 80, render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.text ?? s}</Tag> },
            { title: "开始", dataIndex: "startedAt", width: 150, render: (d: string) => formatDateTime(d) },
            { title: "用时", key: "d", width: 80, render: (_, r) => (r.finishedAt ? `${Math.max(1, Math.round((new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000))} 秒` : "—") },
            { title: "说明", dataIndex: "error", render: (e: string | null) => e ?? "" },
          ]}
        />
      </Card>
      <Card title="按政策" size="small">
        <Table
          rowKey="policyId" size="small" dataSource={status.policies}
          pagination={{
            current: status.policyPage, pageSize: status.policyPageSize, total: status.policyTotal, showSizeChanger: false,
            showTotal: (t) => `共 ${t.toLocaleString("zh-CN")} 项政策`,
            onChange: (next) => go({ page: String(next) }),
          }}
          locale={{ emptyText: <Empty description="还没有匹配结果。" /> }}
          columns={[
            { title: "政策", dataIndex: "title", render: (t: string, r) => <Link to={`/policies/${r.policyId}`}>{t}</Link> },
            { title: "符合", dataIndex: "qualified", width: 70 },
            { title: "不重复享受", dataIndex: "excluded", width: 100 },
            { title: "待确认", dataIndex: "pending", width: 80 },
            { title: "已确认", dataIndex: "confirmed", width: 80 },
            { title: "已放弃", dataIndex: "declined", width: 80 },
            { title: "免申即享金额（万元）", dataIndex: "amount", width: 150 },
          ]}
        />
      </Card>
    </Space>
  );
}
