import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Input, Radio, Space, Table, Tag, Typography } from "antd";
import { requireCsrf } from "~/auth/csrf.server";
import { forbidden, requireSection } from "~/auth/permissions.server";
import { CalendarError, listCalendarDays, removeCalendarDay, setCalendarDay } from "~/cases/calendar.server";
import { cityDate } from "~/utils/dates";
import { FieldError } from "~/ui/FieldError";

export const meta: MetaFunction = () => [{ title: "工作日历 · 诉求办理 · 亲清网格" }];

async function requireAdmin(request: Request) {
  const actor = await requireSection(request, "cases");
  if (actor.role !== "ADMIN") throw forbidden("只有管理员可以维护工作日历。");
  return actor;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const year = Number(new URL(request.url).searchParams.get("year")) || Number(cityDate().slice(0, 4));
  const days = await listCalendarDays(year);
  return json({ year, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) });
}

type ActionData = { errors: Record<string, string[]>; done: string | null; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const form = await request.formData();
  await requireCsrf(request, form);
  const values = { date: String(form.get("date") ?? ""), kind: String(form.get("kind") ?? ""), name: String(form.get("name") ?? "") };
  if (form.get("intent") === "remove") {
    await removeCalendarDay({ actor, date: values.date });
    return json<ActionData>({ errors: {}, done: `已删除 ${values.date}。`, values: {} });
  }
  try {
    await setCalendarDay({ actor, ...values });
  } catch (error) {
    if (error instanceof CalendarError) {
      return json<ActionData>({ errors: Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, [v]])), done: null, values }, { status: 400 });
    }
    throw error;
  }
  return json<ActionData>({ errors: {}, done: `已保存 ${values.date}（${values.kind === "OFF" ? "放假" : "调休上班"}）。之后计算的办理时限按新日历执行，已在计时的时限不变。`, values: {} });
}

export default function CalendarPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  return (
    <Card>
      <Typography.Text type="secondary"><Link to="/cases">诉求办理</Link> / 工作日历</Typography.Text>
      <Typography.Title level={3} style={{ marginTop: 4 }}>工作日历</Typography.Title>
      <Typography.Paragraph type="secondary">
        诉求各环节的办理时限按工作日计算：周一至周五为工作日，这里登记法定节假日（放假）和调休上班的周末。请以国务院办公厅每年发布的放假安排为准。
      </Typography.Paragraph>
      {result?.done && <Alert type="success" showIcon message={result.done} style={{ marginBottom: 12 }} />}
      <Form method="post" aria-label="登记节假日" key={result?.done ?? "form"} style={{ marginBottom: 16 }}>
        <AuthenticityTokenInput />
        <Space wrap align="start">
          <div>
            <label htmlFor="date">日期</label>
            <Input id="date" type="date" name="date" defaultValue={v.date} status={errors.date ? "error" : undefined} aria-describedby="date-error" style={{ width: 170 }} />
            <FieldError id="date-error" messages={errors.date} />
          </div>
          <div>
            <span id="kind-label">类型</span>
            <div>
              <Radio.Group name="kind" defaultValue={v.kind || "OFF"} aria-labelledby="kind-label">
                <Radio value="OFF">放假</Radio>
                <Radio value="WORK">调休上班</Radio>
              </Radio.Group>
            </div>
            <FieldError id="kind-error" messages={errors.kind} />
          </div>
          <div>
            <label htmlFor="name">名称</label>
            <Input id="name" name="name" maxLength={20} placeholder="如：国庆节" defaultValue={v.name} status={errors.name ? "error" : undefined} aria-describedby="name-error" style={{ width: 200 }} />
            <FieldError id="name-error" messages={errors.name} />
          </div>
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 22 }}>保存</Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 12 }}>
        {[d.year - 1, d.year, d.year + 1].map((y) => (
          <Link key={y} to={`?year=${y}`}><Button type={y === d.year ? "primary" : "default"} size="small">{y} 年</Button></Link>
        ))}
      </Space>
      <Table
        rowKey="date" size="small" dataSource={d.days} pagination={false} key={params.toString()}
        locale={{ emptyText: <Empty description={`${d.year} 年还没有登记节假日，将只按周末计算。`} /> }}
        columns={[
          { title: "日期", dataIndex: "date", width: 140 },
          { title: "星期", key: "weekday", width: 80, render: (_, r) => "日一二三四五六"[new Date(`${r.date}T00:00:00Z`).getUTCDay()] },
          { title: "类型", dataIndex: "kind", width: 110, render: (k: string) => (k === "OFF" ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
          { title: "名称", dataIndex: "name" },
          {
            title: "操作", key: "op", width: 90,
            render: (_, r) => (
              <Form method="post" onSubmit={(e) => { if (!window.confirm(`删除 ${r.date}（${r.name}）？`)) e.preventDefault(); }}>
                <AuthenticityTokenInput />
                <input type="hidden" name="date" value={r.date} />
                <Button size="small" danger htmlType="submit" name="intent" value="remove">删除</Button>
              </Form>
            ),
          },
        ]}
      />
    </Card>
  );
}
