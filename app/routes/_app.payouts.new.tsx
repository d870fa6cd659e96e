import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Input, Space, Table, Typography } from "antd";
import { requireCsrf } from "~/auth/csrf.server";
import { requireRole } from "~/auth/permissions.server";
import { createBatch, PayoutError } from "~/payouts/batches.server";
import { poolSummary } from "~/payouts/candidates.server";
import { formatAmount } from "~/payouts/labels";
import { policyTitles } from "~/payouts/lookup.server";
import { FieldError } from "~/ui/FieldError";
import { FormSelect } from "~/ui/FormSelect";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "编制兑付批次 · 兑付台账 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["POLICY_OFFICER"]);
  const pool = await poolSummary();
  const titles = await policyTitles(pool.byPolicy.map((p) => p.policyId));
  return json({ ...pool, byPolicy: pool.byPolicy.map((p) => ({ ...p, policy: titles.get(p.policyId) ?? p.policyId })).sort((a, b) => b.amount - a.amount) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["POLICY_OFFICER"]);
  const form = await request.formData();
  await requireCsrf(request, form);
  const policyId = String(form.get("policyId") ?? "");
  try {
    const { batchId } = await createBatch({ actor, policyId: policyId && policyId !== "ALL" ? policyId : null, title: String(form.get("title") ?? ""), ip: clientIp(context) });
    return redirect(`/payouts/batch/${batchId}`);
  } catch (error) {
    if (error instanceof PayoutError) return json({ error: error.message, field: error.field ?? null }, { status: error.status });
    throw error;
  }
}

export default function NewBatch() {
  const pool = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Card>
      <Typography.Title level={3}>编制兑付批次</Typography.Title>
      <Typography.Paragraph type="secondary">
        选择一项政策（或全部政策），系统把企业已确认收款账户、仍符合条件且金额大于零、尚未编入批次的记录（含支付失败待重新拨付的）一次性编入新批次草稿。
        草稿可核对后提交审核；同一条记录只会编入一个批次。
      </Typography.Paragraph>
      {pool.skipped > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`有 ${pool.skipped} 条记录的同一事项已在政策的其他版本下兑付或正在兑付，不再重复编入。`} />}
      {result?.error && !result.field && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={result.error} />}
      {pool.count === 0 ? (
        <Empty description={<>目前没有待兑付的记录。企业在“我的政策”中确认收款账户，或申报经审核通过后，才会出现在这里。<Link to="/payouts">返回兑付批次</Link></>} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Table
            rowKey="policyId"
            size="small"
            pagination={false}
            dataSource={pool.byPolicy}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><b>合计</b></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><b>{pool.count}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><b>{formatAmount(pool.amount)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{pool.retries || ""}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              { title: "政策", dataIndex: "policy" },
              { title: "待兑付笔数", dataIndex: "count", width: 120, align: "right" },
              { title: "金额", dataIndex: "amount", width: 160, align: "right", render: (a: number) => formatAmount(a) },
              { title: "其中重新拨付", dataIndex: "retries", width: 120, align: "right", render: (n: number) => n || "" },
            ]}
          />
          <Form method="post" aria-label="编制兑付批次">
            <AuthenticityTokenInput />
            <Space wrap align="start">
              <FormSelect
                name="policyId" defaultValue="ALL" style={{ width: 380 }} aria-label="政策" showSearch optionFilterProp="label"
                options={[{ value: "ALL", label: `全部政策（${pool.count} 笔）` }, ...pool.byPolicy.map((p) => ({ value: p.policyId, label: `${p.policy}（${p.count} 笔）` }))]}
              />
              <div>
                <Input name="title" placeholder="批次名称（可选，默认按政策和日期命名）" maxLength={100} style={{ width: 340 }} aria-label="批次名称" aria-describedby="title-error" status={result?.field === "title" ? "error" : undefined} />
                <FieldError id="title-error" messages={result?.field === "title" ? [result.error] : undefined} />
              </div>
              <Button type="primary" htmlType="submit" loading={busy}>生成批次草稿</Button>
            </Space>
          </Form>
        </Space>
      )}
    </Card>
  );
}
