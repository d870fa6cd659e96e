import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Col, Descriptions, Input, List, Row, Space, Tag, Timeline, Typography } from "antd";
import { FileOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime, formatMoney } from "~/companies/labels";
import { ApplicationError, decideApplication, getApplication } from "~/applications/applications.server";
import { APPLICATION_STATUS, formatBytes } from "~/applications/labels";
import { maskAccount } from "~/payouts/labels";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.company?.name ?? "申报"} · 申报审批 · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "applications");
  const application = await getApplication({ actor, id: params.id ?? "" });
  if (!application) throw notFound("没有该申报。");
  return json(application);
}

type ActionData = { errors: Record<string, string[] | undefined>; message: string | null; done: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "applications");
  const form = await request.formData();
  await requireCsrf(request, form);
  const decision = form.get("intent") === "reject" ? "reject" : "approve";
  const amountText = String(form.get("amount") ?? "").trim();
  const amount = amountText ? Number(amountText) : null;
  if (amount !== null && !Number.isFinite(amount)) return json<ActionData>({ errors: { amount: ["核定金额应为数字，单位万元"] }, message: null, done: null }, { status: 400 });
  try {
    await decideApplication({ actor, id: params.id ?? "", decision, reason: String(form.get("reason") ?? ""), amount, ip: clientIp(context) });
  } catch (error) {
    if (error instanceof ApplicationError) return json<ActionData>({ errors: error.fieldErrors, message: Object.keys(error.fieldErrors).length ? null : error.message, done: null }, { status: error.status });
    throw error;
  }
  return json<ActionData>({ errors: {}, message: null, done: decision === "approve" ? "已审核通过，已通知企业。涉及资金的，可在“兑付台账”中编入兑付批次。" : "已退回（不予通过），已通知企业。" });
}

export default function ApplicationPage() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const s = APPLICATION_STATUS[a.status];
  const { form } = a;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Text type="secondary"><Link to="/applications">申报审批</Link> / 申报详情</Typography.Text>
        <Typography.Title level={3} style={{ margin: "4px 0 8px" }}>{form.company.name}</Typography.Title>
        <Space wrap>
          <Tag color={s.color} data-testid="application-status">{s.label}</Tag>
          <Typography.Text>{a.policy} · {a.clause}</Typography.Text>
          <Typography.Text type="secondary">提交于 {formatDateTime(a.submittedAt)}</Typography.Text>
        </Space>
        {result?.done && <Alert style={{ marginTop: 12 }} type="success" showIcon message={result.done} />}
        {result?.message && <Alert style={{ marginTop: 12 }} type="error" showIcon message={result.message} />}
        {a.currentMatch?.status !== "QUALIFIED" && a.status === "SUBMITTED" && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message="按最新数据，该企业已不符合此事项的条件" description={a.currentMatch?.reason ?? "企业数据或政策条款在申报后发生了变化，请核实后再审核。"} />
        )}
        {a.decidedAt && (
          <Descriptions style={{ marginTop: 12 }} size="small" column={{ xs: 1, md: 3 }} items={[
            { key: "by", label: "审核人", children: a.decidedBy ?? "—" },
            { key: "at", label: "审核时间", children: formatDateTime(a.decidedAt) },
            ...(form.approvedAmount ? [{ key: "amount", label: "核定金额", children: formatMoney(form.approvedAmount) }] : []),
            ...(a.reason ? [{ key: "reason", label: a.status === "REJECTED" ? "不予通过理由" : "审核意见", children: a.reason }] : []),
          ]} />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title="申报表" size="small">
              <Descriptions size="small" column={1} items={[
                { key: "uscc", label: "统一社会信用代码", children: form.company.uscc },
                { key: "district", label: "所属区县", children: a.company?.district ?? "待分配网格" },
                { key: "address", label: "注册地址", children: form.company.address ?? "—" },
                { key: "contact", label: "联系人", children: `${form.contact.name}　${form.contact.phone}${form.contact.email ? `　${form.contact.email}` : ""}` },
                { key: "amount", label: "测算金额", children: form.amount ? `最高 ${formatMoney(form.amount)}${form.benefit === formatMoney(form.amount) ? "" : `（${form.benefit}）`}` : form.benefit },
                ...(form.account ? [{ key: "account", label: "收款账户", children: `${form.account.name}　${form.account.bank}　${maskAccount(form.account.number)}` }] : []),
                ...(form.note ? [{ key: "note", label: "补充说明", children: form.note }] : []),
              ]} />
            </Card>
            <Card title={`申报依据（数据评估日 ${form.evaluatedOn}）`} size="small">
              <pre style={{ margin: 0, whiteSpace: "pre-wrap", fontFamily: "inherit", lineHeight: 1.9 }}>{form.basis.join("\n")}</pre>
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title="申报材料" size="small">
              <List
                size="small"
                dataSource={a.materials}
                renderItem={(m) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <span>{m.material}</span>
                      <Space><FileOutlined /><a href={`/applications/${a.id}/materials/${m.index}`}>{m.fileName}</a><Typography.Text type="secondary">{formatBytes(m.size)}</Typography.Text></Space>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            {a.canDecide && (
              <Card title="审核" size="small">
                <Form method="post" aria-label="审核申报">
                  <AuthenticityTokenInput />
                  <Space direction="vertical" style={{ width: "100%" }}>
                    {form.amount ? (
                      <div>
                        <label>核定金额（万元，不超过 {form.amount}）
                          <Input name="amount" type="number" step="0.0001" min={0} max={form.amount} defaultValue={form.amount} aria-describedby="amount-error" status={errors.amount ? "error" : undefined} />
                        </label>
                        <FieldError id="amount-error" messages={errors.amount} />
                      </div>
                    ) : null}
                    <label>审核意见<Input.TextArea name="reason" rows={3} maxLength={500} placeholder="通过可不填；不予通过须写明理由，企业会看到这段文字" aria-describedby="reason-error" status={errors.reason ? "error" : undefined} /></label>
                    <FieldError id="reason-error" messages={errors.reason} />
                    <Space>
                      <Button type="primary" htmlType="submit" name="intent" value="approve" loading={busy}>审核通过</Button>
                      <Button danger htmlType="submit" name="intent" value="reject" loading={busy}>不予通过</Button>
                    </Space>
                  </Space>
                </Form>
              </Card>
            )}
            <Card title="办理记录" size="small">
              <Timeline items={a.timeline.map((e) => ({
                color: e.action.includes("未通过") ? "red" : e.action.includes("通过") ? "green" : e.action.includes("撤回") ? "gray" : "blue",
                children: <><div><b>{e.action}</b> · {e.actor} · {formatDateTime(e.at)}</div>{e.comment && <div className="qq-muted">{e.comment}</div>}</>,
              }))} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
