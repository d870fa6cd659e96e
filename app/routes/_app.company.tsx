import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Input, Tabs, Typography } from "antd";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { companyHistory, ContactForm, getCompanyProfileView, updateOwnCompany } from "~/companies/profile.server";
import { FactTable, HistoryTimeline, IndicatorTable, ProfileFacts, QualificationTable } from "~/companies/ui/CompanyProfile";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "企业画像 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "company");
  if (!actor.companyId) return json({ profile: null, history: [] });
  const [profile, history] = await Promise.all([
    getCompanyProfileView({ actor, id: actor.companyId }),
    companyHistory({ actor, id: actor.companyId }),
  ]);
  return json({ profile, history: history ?? [] });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "company");
  const formData = await request.formData();
  await requireCsrf(request, formData);
  const parsed = ContactForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ changed: null, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const { changed } = await updateOwnCompany({ actor, input: parsed.data, ip: clientIp(context) });
  return json({ changed, errors: {} as Record<string, string[]> });
}

export default function OwnCompany() {
  const { profile, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!profile) return <Card><Empty description="账号尚未关联企业，请联系管理员。" /></Card>;
  const c = profile.company;
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <Card>
      <Typography.Title level={3}>{c.name}</Typography.Title>
      <Tabs
        items={[
          {
            key: "profile",
            label: "企业画像",
            children: (
              <>
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  message="统一社会信用代码、登记信息、资质和年度指标来自市场监管、科技、税务、人社等部门，企业不能直接修改；如有错误，请联系所属网格员核实更正。联系人和主营业务可在“联系信息”中自行维护。"
                />
                <ProfileFacts data={profile} />
              </>
            ),
          },
          {
            key: "contact",
            label: "联系信息",
            children: (
              <Form method="post" style={{ maxWidth: 560 }}>
                <AuthenticityTokenInput name="csrf" />
                {result && result.changed !== null ? (
                  <Alert type="success" showIcon style={{ marginBottom: 16 }} message={result.changed ? `已保存 ${result.changed} 项修改，可在“变更记录”中查看。` : "内容没有变化，无需保存。"} />
                ) : null}
                {[
                  { name: "contactName", label: "联系人", value: c.contactName, auto: "name" },
                  { name: "contactPhone", label: "联系电话", value: c.contactPhone, auto: "tel" },
                  { name: "contactEmail", label: "联系邮箱（用于接收政策推送和诉求进度通知）", value: c.contactEmail, auto: "email" },
                ].map((f) => (
                  <div key={f.name} style={{ marginBottom: 16 }}>
                    <label htmlFor={f.name}>{f.label}</label>
                    <Input id={f.name} name={f.name} defaultValue={f.value ?? ""} autoComplete={f.auto} status={errors[f.name] ? "error" : undefined} aria-describedby={`${f.name}-error`} />
                    <FieldError id={`${f.name}-error`} messages={errors[f.name]} />
                  </div>
                ))}
                <div style={{ marginBottom: 16 }}>
                  <label htmlFor="businessScope">主营业务</label>
                  <Input.TextArea id="businessScope" name="businessScope" rows={4} maxLength={2000} defaultValue={c.businessScope ?? ""} />
                  <FieldError id="businessScope-error" messages={errors.businessScope} />
                </div>
                <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
              </Form>
            ),
          },
          { key: "quals", label: "资质", children: <QualificationTable data={profile} /> },
          { key: "indicators", label: "年度指标", children: <IndicatorTable data={profile} /> },
          { key: "facts", label: "画像指标", children: <FactTable facts={profile.facts} /> },
          { key: "history", label: "变更记录", children: <HistoryTimeline items={history} /> },
        ]}
      />
    </Card>
  );
}
