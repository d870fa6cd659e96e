import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Checkbox, Collapse, Empty, Input, List, Space, Table, Tag, Typography } from "antd";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { formatDate, formatMoney } from "~/companies/labels";
import { prisma } from "~/db.server";
import { listApplicationsForCompany } from "~/applications/applications.server";
import { AccountForm, myPolicies, respondToMatch, ResponseError } from "~/matching/my-policies.server";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我的政策 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "my-policies");
  const data = await myPolicies(actor);
  const company = actor.companyId ? await prisma.company.findUnique({ where: { id: actor.companyId }, select: { name: true } }) : null;
  const applications = Object.fromEntries((await listApplicationsForCompany(actor)).map((a) => [a.clauseId, `申报${a.statusLabel}`]));
  return json({ data, companyName: company?.name ?? "", applications });
}

type ActionData = { clauseId: string; errors: Record<string, string[] | undefined>; message: string | null; done: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "my-policies");
  const form = await request.formData();
  await requireCsrf(request, form);
  const clauseId = String(form.get("clauseId") ?? "");
  const decision = form.get("intent") === "decline" ? "decline" : "confirm";
  const fail = (errors: ActionData["errors"], message: string | null, status = 400) => json<ActionData>({ clauseId, errors, message, done: null }, { status });
  let account;
  if (decision === "confirm") {
    const parsed = AccountForm.safeParse(Object.fromEntries(form));
    if (!parsed.success) return fail(parsed.error.flatten().fieldErrors, "请按提示填写收款账户");
    account = parsed.data;
  } else if (form.get("sure") !== "1") {
    return fail({ sure: ["请勾选“确认放弃”后再提交"] }, null);
  }
  try {
    await respondToMatch({ actor, clauseId, decision, account, ip: clientIp(context) });
  } catch (error) {
    if (error instanceof ResponseError) return fail({}, error.message, 409);
    throw error;
  }
  return json<ActionData>({ clauseId, errors: {}, message: null, done: decision === "confirm" ? "已确认收款账户，兑付结果会通过站内消息和邮件通知您。" : "已放弃该事项，今后不会再就此事项推送。" });
}

const RESPONSE: Record<string, { text: string; color: string }> = {
  PENDING: { text: "待确认", color: "warning" },
  CONFIRMED: { text: "已确认", color: "processing" },
  DECLINED: { text: "已放弃", color: "default" },
};
const PAYOUT: Record<string, { text: string; color: string }> = {
  PENDING: { text: "兑付审核中", color: "processing" },
  APPROVED: { text: "已批准，待支付", color: "cyan" },
  PAID: { text: "已支付", color: "success" },
  FAILED: { text: "支付失败", color: "error" },
};

type Row = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["data"]>["current"][number];

export default function MyPolicies() {
  const { data, companyName, applications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!data) return <Card><Empty description="账号尚未关联企业，请联系管理员。" /></Card>;
  const pending = data.current.filter((r) => r.status === "QUALIFIED" && r.delivery === "免申即享" && r.response === "PENDING" && !r.payout);
  // 申报 amounts are ceilings decided on application; the total counts 免申即享 benefits only.
  const total = data.current.filter((r) => r.status === "QUALIFIED" && r.delivery === "免申即享" && r.response !== "DECLINED").reduce((n, r) => n + (r.amount ?? 0), 0);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3}>我的政策</Typography.Title>
        <Typography.Paragraph type="secondary">
          系统按贵企业的登记信息、资质和年度指标自动比对政策条件（政策找企）。“免申即享”事项无需申请，确认收款账户即可；“申报”事项可一键申报。
        </Typography.Paragraph>
        <Space size="large" wrap>
          <Typography.Text>符合条件的事项：<b>{data.current.length}</b> 项</Typography.Text>
          <Typography.Text>免申即享金额合计：<b>{formatMoney(Math.round(total * 100) / 100)}</b></Typography.Text>
          {pending.length > 0 && <Tag color="warning">{pending.length} 项待确认</Tag>}
        </Space>
        {result?.done && <Alert style={{ marginTop: 12 }} type="success" showIcon message={result.done} />}
        {result?.message && <Alert style={{ marginTop: 12 }} type="error" showIcon message={result.message} />}
      </Card>
      <Card title="符合条件的政策">
        <Table<Row>
          rowKey="clauseId"
          dataSource={data.current}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="暂未匹配到符合条件的政策。企业信息更新后系统会自动重新比对；也可以看看下方“还差一步”的事项。" /> }}
          scroll={{ x: 900 }}
          expandable={{
            rowExpandable: (r) => r.status === "QUALIFIED" && r.delivery === "免申即享" && r.response !== "DECLINED" && (!r.payout || r.payout.status === "FAILED"),
            defaultExpandedRowKeys: pending.slice(0, 1).map((r) => r.clauseId),
            expandedRowRender: (r) => <RespondForms row={r} companyName={companyName} result={result?.clauseId === r.clauseId ? result : undefined} busy={busy} />,
          }}
          columns={[
            { title: "政策", key: "policy", render: (_, r) => <><Link to={`/policies/${r.policyId}`}>{r.policy}</Link><div className="qq-muted">{r.clause}</div></> },
            { title: "方式", dataIndex: "delivery", width: 90, render: (d: string) => <Tag color={d === "免申即享" ? "green" : "blue"}>{d}</Tag> },
            { title: "金额", key: "amount", width: 140, render: (_, r) => (r.amount == null ? "非资金" : r.delivery === "申报" ? <>最高 {formatMoney(r.amount)}<div className="qq-muted">以审核为准</div></> : formatMoney(r.amount)) },
            {
              title: "状态", key: "state", width: 220,
              render: (_, r) => r.status === "EXCLUDED" ? <><Tag>不重复享受</Tag><div className="qq-muted">{r.reason}</div></>
                : r.payout ? <><Tag color={PAYOUT[r.payout.status].color}>{PAYOUT[r.payout.status].text}</Tag>{r.payout.status === "FAILED" && <div className="qq-muted">{r.payout.failure}；请核对收款账户</div>}</>
                : r.delivery === "申报" ? (applications[r.clauseId] ? <Link to={`/my-policies/apply/${r.clauseId}`}><Tag color="processing">{applications[r.clauseId]}</Tag></Link> : <Link to={`/my-policies/apply/${r.clauseId}`}>去申报</Link>)
                : r.response ? <Tag color={RESPONSE[r.response].color}>{RESPONSE[r.response].text}</Tag> : null,
            },
            { title: "匹配时间", dataIndex: "firstQualifiedAt", width: 110, render: (d: string) => formatDate(d) },
          ]}
        />
      </Card>
      <Card title="还差一步">
        {data.nearMisses.length === 0 ? <Empty description="暂无只差一个条件的政策。" /> : (
          <List
            dataSource={data.nearMisses}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta
                  title={<><Link to={`/policies/${n.policyId}`}>{n.policy}</Link> · {n.clause}</>}
                  description={<>还差：{n.missing.join("；或")}</>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {data.history.length > 0 && (
        <Collapse items={[{
          key: "h", label: `历史记录（${data.history.length}）`,
          children: <List size="small" dataSource={data.history} renderItem={(r) => <List.Item>{r.policy} · {r.clause}：{r.reason ?? "已不符合"}</List.Item>} />,
        }]} />
      )}
    </Space>
  );
}

function RespondForms({ row, companyName, result, busy }: { row: Row; companyName: string; result?: { errors: Record<string, string[] | undefined> }; busy: boolean }) {
  const errors = result?.errors ?? {};
  const account = row.account;
  return (
    <Space align="start" size="large" wrap>
      <Form method="post" aria-label={`确认收款账户：${row.clause}`}>
        <AuthenticityTokenInput />
        <input type="hidden" name="clauseId" value={row.clauseId} />
        <Space direction="vertical" style={{ width: 360 }}>
          <Typography.Text strong>{row.response === "CONFIRMED" ? "修改收款账户" : "确认收款账户"}</Typography.Text>
          <label>开户名称<Input name="name" defaultValue={account?.name ?? companyName} aria-describedby={`name-${row.clauseId}`} status={errors.name ? "error" : undefined} /></label>
          <FieldError id={`name-${row.clauseId}`} messages={errors.name} />
          <label>开户银行<Input name="bank" defaultValue={account?.bank ?? ""} placeholder="如 中国银行郑州高新技术开发区支行" aria-describedby={`bank-${row.clauseId}`} status={errors.bank ? "error" : undefined} /></label>
          <FieldError id={`bank-${row.clauseId}`} messages={errors.bank} />
          <label>银行账号<Input name="number" defaultValue={account?.number ?? ""} inputMode="numeric" aria-describedby={`number-${row.clauseId}`} status={errors.number ? "error" : undefined} /></label>
          <FieldError id={`number-${row.clauseId}`} messages={errors.number} />
          <Button type="primary" htmlType="submit" name="intent" value="confirm" loading={busy}>确认</Button>
        </Space>
      </Form>
      {row.response !== "CONFIRMED" && (
        <Form method="post" aria-label={`放弃：${row.clause}`}>
          <AuthenticityTokenInput />
          <input type="hidden" name="clauseId" value={row.clauseId} />
          <Space direction="vertical" style={{ width: 300 }}>
            <Typography.Text strong>不需要此项扶持？</Typography.Text>
            <Typography.Text type="secondary">放弃后不再就此事项推送，也不予兑付。</Typography.Text>
            <Checkbox name="sure" value="1" aria-describedby={`sure-${row.clauseId}`}>确认放弃</Checkbox>
            <FieldError id={`sure-${row.clauseId}`} messages={errors.sure} />
            <Button danger htmlType="submit" name="intent" value="decline" loading={busy}>放弃</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
