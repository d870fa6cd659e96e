import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { AuthenticityTokenInput, useAuthenticityToken } from "remix-utils/csrf/react";
import { useState } from "react";
import { Alert, Button, Card, Col, Empty, Input, Popconfirm, Row, Space, Statistic, Steps, Table, Tag, Timeline, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { decideBatch, discardBatch, markBatchPaid, PayoutError, recordFailure, submitBatch } from "~/payouts/batches.server";
import { getBatch } from "~/payouts/batch-read.server";
import { BATCH_STATUS, formatAmount, PAYOUT_STATUS, type PayoutStatus } from "~/payouts/labels";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.batch.title ?? "兑付批次"} · 兑付台账 · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "payouts");
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const detail = await getBatch({ actor, batchId: params.batchId ?? "", page });
  if (!detail) throw notFound("没有该兑付批次。");
  return json(detail);
}

type ActionData = { error: string | null; field: string | null; payoutId: string | null; done: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "payouts");
  const form = await request.formData();
  await requireCsrf(request, form);
  const batchId = params.batchId ?? "";
  const ip = clientIp(context);
  const comment = String(form.get("comment") ?? "");
  const payoutId = form.get("payoutId") ? String(form.get("payoutId")) : null;
  const ok = (done: string) => json<ActionData>({ error: null, field: null, payoutId: null, done });
  try {
    switch (form.get("intent")) {
      case "submit":
        await submitBatch({ actor, batchId, comment, ip });
        return ok("已提交审核，等待审核人审核。");
      case "discard":
        await discardBatch({ actor, batchId, ip });
        return redirect("/payouts");
      case "approve":
        await decideBatch({ actor, batchId, decision: "approve", comment, ip });
        return ok("已审核通过，政策专员拨付后登记支付结果。");
      case "reject":
        await decideBatch({ actor, batchId, decision: "reject", comment, ip });
        return ok("已退回，批次中的记录回到待兑付。");
      case "fail":
        await recordFailure({ actor, batchId, payoutId: payoutId ?? "", reason: String(form.get("reason") ?? ""), ip });
        return ok("已登记支付失败，并通知企业核对收款账户。");
      case "paid": {
        const r = await markBatchPaid({ actor, batchId, comment, ip });
        return ok(`已登记支付完成：${r.paid} 笔已支付${r.failed ? `，${r.failed} 笔支付失败（可编入后续批次重新拨付）` : ""}；已通知企业。`);
      }
      default:
        return json<ActionData>({ error: "未知的操作", field: null, payoutId: null, done: null }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof PayoutError) return json<ActionData>({ error: error.message, field: error.field ?? null, payoutId, done: null }, { status: error.status });
    throw error;
  }
}

// PAID is past the last step: every step shows as done.
const STEP_OF = { DRAFT: 0, SUBMITTED: 1, REJECTED: 1, APPROVED: 2, PAID: 4 } as const;

type Payout = ReturnType<typeof useLoaderData<typeof loader>>["payouts"][number];

export default function BatchPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const csrf = useAuthenticityToken();
  const [failing, setFailing] = useState<string | null>(result?.payoutId ?? null);
  const { batch, totals, actions } = d;
  const can = (a: (typeof actions)[number]) => actions.includes(a);
  const post = (intent: string) => submit({ intent, csrf }, { method: "post" });
  const commentError = result?.field === "comment" ? [result.error!] : undefined;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <div>
            <Typography.Text type="secondary"><Link to="/payouts">兑付台账</Link> / 兑付批次</Typography.Text>
            <Typography.Title level={3} style={{ margin: "4px 0 8px" }}>{batch.title}</Typography.Title>
            <Space wrap>
              <Tag color={BATCH_STATUS[batch.status].color} data-testid="batch-status">{BATCH_STATUS[batch.status].label}</Tag>
              <Typography.Text type="secondary">
                政策：{batch.policy}；编制人：{batch.preparedBy}（{formatDateTime(batch.createdAt)}）{batch.approvedBy ? `；审核人：${batch.approvedBy}（${formatDateTime(batch.approvedAt)}）` : ""}
              </Typography.Text>
            </Space>
          </div>
          <Steps
            size="small"
            current={STEP_OF[batch.status]}
            status={batch.status === "REJECTED" ? "error" : "process"}
            items={[{ title: "编制" }, { title: batch.status === "REJECTED" ? "已退回" : "审核" }, { title: "拨付" }, { title: "已支付" }]}
          />
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title="笔数" value={`${totals.count} 笔`} /></Col>
            <Col xs={12} md={6}><Statistic title="金额合计" value={formatAmount(totals.amount)} /></Col>
            <Col xs={12} md={6}><Statistic title="已支付" value={`${totals.paid.count} 笔 / ${formatAmount(totals.paid.amount)}`} /></Col>
            <Col xs={12} md={6}><Statistic title="支付失败" value={`${totals.failed.count} 笔 / ${formatAmount(totals.failed.amount)}`} /></Col>
          </Row>
          {result?.error && !result.payoutId && !result.field && <Alert type="error" showIcon message={result.error} />}
          {result?.done && <Alert type="success" showIcon message={result.done} />}
          {d.stale > 0 && <Alert type="warning" showIcon message={`有 ${d.stale} 笔的匹配结果在编制后发生了变化（已不符合条件或申报不再有效），不能审核通过，请退回后重新编制。`} />}
          {batch.status === "REJECTED" && <Alert type="error" showIcon message="批次已退回" description={<>理由：{batch.comment}。批次中的 {totals.count} 笔已回到待兑付，可编入新的批次。</>} />}
          {batch.status === "SUBMITTED" && d.isWriter && <Alert type="info" showIcon message="您编制或提交了此批次，按四眼原则须由其他审核人审核。" />}

          {(can("submit") || can("approve")) && (
            <Form method="post" aria-label={can("submit") ? "提交审核" : "审核兑付批次"}>
              <AuthenticityTokenInput />
              <Space direction="vertical" style={{ width: "100%" }}>
                <Input.TextArea
                  name="comment" rows={2} maxLength={500} aria-label="意见" aria-describedby="comment-error" status={commentError ? "error" : undefined}
                  placeholder={can("approve") ? "审核意见（退回须填写理由）" : "说明（可选）"}
                />
                <FieldError id="comment-error" messages={commentError} />
                <Space wrap>
                  {can("submit") && <Button type="primary" htmlType="submit" name="intent" value="submit" loading={busy}>提交审核</Button>}
                  {can("discard") && (
                    <Popconfirm title="放弃此草稿？" description="批次中的记录回到待兑付，可重新编制。" okText="放弃" cancelText="取消" onConfirm={() => post("discard")}>
                      <Button danger>放弃草稿</Button>
                    </Popconfirm>
                  )}
                  {can("approve") && <Button type="primary" htmlType="submit" name="intent" value="approve" loading={busy}>审核通过</Button>}
                  {can("reject") && <Button htmlType="submit" name="intent" value="reject" loading={busy}>退回</Button>}
                </Space>
              </Space>
            </Form>
          )}
          {can("paid") && (
            <Space wrap>
              <Popconfirm
                title="登记支付完成？"
                description={`未登记为支付失败的 ${totals.count - totals.failed.count} 笔将记为已支付，并通知企业。`}
                okText="确认" cancelText="取消" onConfirm={() => post("paid")}
              >
                <Button type="primary" loading={busy}>其余全部登记为已支付</Button>
              </Popconfirm>
              <Typography.Text type="secondary">银行退回的款项，请先在下表中逐笔“登记失败”。</Typography.Text>
            </Space>
          )}
          {(batch.status === "APPROVED" || batch.status === "PAID") && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={`/payouts/export?batchId=${batch.id}&format=xlsx`}>导出支付清单（Excel）</Button>
              <Button icon={<DownloadOutlined />} href={`/payouts/export?batchId=${batch.id}&format=csv`}>导出 CSV</Button>
            </Space>
          )}
        </Space>
      </Card>

      {batch.status === "REJECTED" ? (
        <Card title="退回时批次所含记录">
          <Table
            rowKey={(_, i) => String(i)} size="small" dataSource={d.released} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[{ title: "企业", dataIndex: "company" }, { title: "事项", dataIndex: "clause" }, { title: "金额", dataIndex: "amount", align: "right", render: (a: number) => formatAmount(a) }]}
          />
        </Card>
      ) : (
        <Card title="兑付明细">
          {d.byClause.length > 1 && (
            <Table
              rowKey="clauseId" size="small" pagination={false} dataSource={d.byClause} style={{ marginBottom: 16 }}
              columns={[
                { title: "政策", dataIndex: "policy" }, { title: "事项", dataIndex: "clause" },
                { title: "笔数", dataIndex: "count", width: 80, align: "right" },
                { title: "金额", dataIndex: "amount", width: 150, align: "right", render: (a: number) => formatAmount(a) },
              ]}
            />
          )}
          <Table<Payout>
            rowKey="id"
            dataSource={d.payouts}
            scroll={{ x: 1250 }}
            locale={{ emptyText: <Empty description="批次中没有记录。" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: totals.count, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 笔`, onChange: (p) => navigate(`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`) }}
            expandable={{
              showExpandColumn: false,
              expandedRowKeys: failing ? [failing] : [],
              expandedRowRender: (p) => <FailForm payout={p} result={result?.payoutId === p.id ? result : undefined} busy={busy} onCancel={() => setFailing(null)} />,
            }}
            columns={[
              { title: "企业", key: "company", fixed: "left", width: 230, render: (_, p) => <>{p.company}<div className="qq-muted">{p.uscc}</div></> },
              { title: "区县", dataIndex: "district", width: 130, render: (v: string | null) => v ?? <span className="qq-tag qq-tag-warn">待分配</span> },
              { title: "政策 · 事项", key: "clause", width: 280, render: (_, p) => <>{p.policy}<div className="qq-muted">{p.clause}（{p.delivery}）</div></> },
              { title: "金额", dataIndex: "amount", width: 120, align: "right", render: (a: number) => formatAmount(a) },
              {
                title: "收款账户", key: "account", width: 230,
                render: (_, p) => (p.account ? <>{p.account.name}<div className="qq-muted">{p.account.bank} {p.account.number}</div></> : <span className="qq-tag qq-tag-warn">无收款账户</span>),
              },
              {
                title: "状态", key: "status", width: 160,
                render: (_, p) => (
                  <>
                    <Tag color={PAYOUT_STATUS[p.status as PayoutStatus].color}>{PAYOUT_STATUS[p.status as PayoutStatus].label}</Tag>
                    {p.stale && <span className="qq-tag qq-tag-warn">匹配结果已变化</span>}
                    {p.failure && <div className="qq-muted">{p.status === "FAILED" ? "原因" : "上次失败"}：{p.failure}</div>}
                    {p.paidAt && <div className="qq-muted">{formatDateTime(p.paidAt)}</div>}
                  </>
                ),
              },
              ...(can("fail") ? [{
                title: "", key: "act", width: 100,
                render: (_: unknown, p: Payout) => p.status === "APPROVED" ? <Button size="small" onClick={() => setFailing(failing === p.id ? null : p.id)}>登记失败</Button> : null,
              }] : []),
            ]}
          />
        </Card>
      )}

      <Card title="流转记录">
        <Timeline
          items={d.timeline.map((e) => ({
            color: e.action.includes("失败") || e.action.includes("退回") || e.action.includes("拒绝") ? "red" : e.action.includes("完成") || e.action.includes("通过") ? "green" : "blue",
            children: (
              <>
                <div><b>{e.action}</b> · {e.actor} · {formatDateTime(e.at)}</div>
                {e.what && <div>{e.what}</div>}
                {e.comment && <div className="qq-muted">{e.comment}</div>}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function FailForm({ payout, result, busy, onCancel }: { payout: Payout; result?: ActionData; busy: boolean; onCancel: () => void }) {
  const errors = result?.error ? [result.error] : undefined;
  return (
    <Form method="post" aria-label={`登记支付失败：${payout.company}`}>
      <AuthenticityTokenInput />
      <input type="hidden" name="payoutId" value={payout.id} />
      <Space wrap align="start">
        <Typography.Text>{payout.company} {formatAmount(payout.amount)} 支付失败，原因：</Typography.Text>
        <div>
          <Input name="reason" maxLength={500} style={{ width: 320 }} placeholder="如：账户名与开户名称不符，银行退票" aria-label="失败原因" aria-describedby={`reason-${payout.id}`} status={errors ? "error" : undefined} />
          <FieldError id={`reason-${payout.id}`} messages={errors} />
        </div>
        <Button danger htmlType="submit" name="intent" value="fail" loading={busy}>登记为支付失败</Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
