import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Breadcrumb, Button, Card, DatePicker, Empty, Input, List, Space, Tabs, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { companyHistory, getCompanyProfileView } from "~/companies/profile.server";
import { recordVisit, VisitForm } from "~/companies/visits.server";
import { GridEditError, reassignCompany, ReassignForm } from "~/grids/grid-admin.server";
import { formatDate } from "~/companies/labels";
import { FactTable, HistoryTimeline, IndicatorTable, ProfileFacts, QualificationTable } from "~/companies/ui/CompanyProfile";
import { FieldError } from "~/ui/FieldError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.company.name ?? "企业"} · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const id = params.id!;
  const [profile, history] = await Promise.all([getCompanyProfileView({ actor, id }), companyHistory({ actor, id })]);
  if (!profile || !history) throw notFound();
  return json({ profile, history, canVisit: actor.role === "GRID_WORKER", canReassign: actor.role === "ADMIN" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSection(request, "companies");
  const formData = await request.formData();
  await requireCsrf(request, formData);
  if (formData.get("intent") === "reassign") {
    const parsed = ReassignForm.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ ok: false as const, intent: "reassign", errors: parsed.error.flatten().fieldErrors }, { status: 400 });
    try {
      await reassignCompany({ actor, companyId: params.id!, input: parsed.data });
    } catch (error) {
      if (error instanceof GridEditError) return json({ ok: false as const, intent: "reassign", errors: { targetCode: [error.message] } as Record<string, string[]> }, { status: 400 });
      throw error;
    }
    return json({ ok: true as const, intent: "reassign", errors: {} as Record<string, string[]> });
  }
  const parsed = VisitForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ ok: false as const, intent: "visit", errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  await recordVisit({ actor, companyId: params.id!, input: parsed.data });
  return json({ ok: true as const, intent: "visit", errors: {} as Record<string, string[]> });
}

export default function CompanyDetail() {
  const { profile, history, canVisit, canReassign } = useLoaderData<typeof loader>();
  const c = profile.company;
  return (
    <Card>
      <Breadcrumb items={[{ title: <Link to="/companies">网格企业</Link> }, { title: c.name }]} style={{ marginBottom: 8 }} />
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3}>{c.name}</Typography.Title>
        {canVisit ? <Link to={`/cases/new?companyId=${c.id}`}><Button>代企业提交诉求</Button></Link> : null}
      </Space>
      {canReassign ? <Reassign unplaced={!c.grid} /> : null}
      <Tabs
        items={[
          { key: "profile", label: "企业画像", children: <ProfileFacts data={profile} /> },
          { key: "quals", label: `资质（${c.qualifications.length}）`, children: <QualificationTable data={profile} /> },
          { key: "indicators", label: "年度指标", children: <IndicatorTable data={profile} /> },
          { key: "facts", label: "画像指标", children: <FactTable facts={profile.facts} /> },
          { key: "visits", label: `走访记录（${c.visits.length}）`, children: <Visits visits={c.visits} canVisit={canVisit} companyId={c.id} /> },
          { key: "history", label: "变更记录", children: <HistoryTimeline items={history} /> },
        ]}
      />
    </Card>
  );
}

/** Admin only: move the company to another grid, with a reason that goes into its history. */
function Reassign({ unplaced }: { unplaced: boolean }) {
  const data = useActionData<typeof action>();
  const result = data?.intent === "reassign" ? data : undefined;
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <Card size="small" title={unplaced ? "该企业尚未分配网格" : "调整所属网格"} style={{ marginBottom: 16, borderColor: unplaced ? "#faad14" : undefined }}>
      {result?.ok ? <Alert type="success" showIcon message="已调整，记录见“变更记录”。" style={{ marginBottom: 12 }} /> : null}
      <Form method="post">
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="reassign" />
        <Space wrap align="start">
          <div>
            <Input name="targetCode" placeholder="目标网格编码，如 410172560001" aria-label="目标网格编码" status={errors.targetCode ? "error" : undefined} style={{ width: 260 }} />
            <FieldError id="targetCode-error" messages={errors.targetCode} />
          </div>
          <div>
            <Input name="reason" placeholder="调整原因，如 企业搬迁" aria-label="调整原因" status={errors.reason ? "error" : undefined} style={{ width: 260 }} />
            <FieldError id="reason-error" messages={errors.reason} />
          </div>
          <Button htmlType="submit">调整</Button>
        </Space>
      </Form>
    </Card>
  );
}

type VisitRow = { id: string; visitedOn: string; notes: string; problems: string | null; visitor: { displayName: string } };

function Visits({ visits, canVisit, companyId }: { visits: VisitRow[]; canVisit: boolean; companyId: string }) {
  const data = useActionData<typeof action>();
  const result = data?.intent === "visit" ? data : undefined;
  const busy = useNavigation().state === "submitting";
  const [date, setDate] = useState(dayjs());
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <>
      {canVisit ? (
        <Card size="small" title="登记走访" style={{ marginBottom: 16 }}>
          {result?.ok ? <Alert type="success" showIcon message="走访记录已保存。" style={{ marginBottom: 12 }} /> : null}
          <Form method="post" key={visits.length}>
            <AuthenticityTokenInput name="csrf" />
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="visitedOn">走访日期</label><br />
              <DatePicker id="visitedOn" value={date} onChange={(d) => d && setDate(d)} disabledDate={(d) => d.isAfter(dayjs(), "day")} allowClear={false} />
              <input type="hidden" name="visitedOn" value={date.format("YYYY-MM-DD")} />
              <FieldError id="visitedOn-error" messages={errors.visitedOn} />
            </div>
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="notes">走访情况</label>
              <Input.TextArea id="notes" name="notes" rows={3} maxLength={2000} placeholder="了解到的经营情况、政策宣讲内容等" status={errors.notes ? "error" : undefined} />
              <FieldError id="notes-error" messages={errors.notes} />
            </div>
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="problems">企业反映的问题（没有可不填）</label>
              <Input.TextArea id="problems" name="problems" rows={2} maxLength={2000} placeholder="如：用工招聘困难、希望了解研发费用补助政策" />
              <FieldError id="problems-error" messages={errors.problems} />
            </div>
            <Button type="primary" htmlType="submit" loading={busy}>保存走访记录</Button>
          </Form>
        </Card>
      ) : null}
      <List
        dataSource={visits}
        locale={{ emptyText: <Empty description="还没有走访记录" /> }}
        renderItem={(v) => (
          <List.Item>
            <List.Item.Meta
              title={`${formatDate(v.visitedOn)}　${v.visitor.displayName}`}
              description={
                <>
                  <div>{v.notes}</div>
                  {v.problems ? <Typography.Text type="warning">反映问题：{v.problems}</Typography.Text> : null}
                  {v.problems && canVisit ? <div><Link to={`/cases/new?companyId=${companyId}&visit=${v.id}`}>转为诉求办理</Link></div> : null}
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
