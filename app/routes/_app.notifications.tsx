import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Badge, Button, Card, Empty, List, Space, Switch, Tag, Typography } from "antd";
import { requireCsrf } from "~/auth/csrf.server";
import { requireActor } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { inbox, INBOX_PAGE, markRead, setEmailOptOut } from "~/notifications/inbox.server";

export const meta: MetaFunction = () => [{ title: "消息 · 亲清网格" }];

const KIND_LABELS: Record<string, string> = { MATCH: "政策", PAYOUT: "兑付", APPLICATION: "申报", CASE: "诉求", SYSTEM: "系统" };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const p = new URL(request.url).searchParams;
  const page = Math.max(1, Number(p.get("page")) || 1);
  return json({ ...(await inbox(actor, page, p.get("unread") === "1")), page });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await request.formData();
  await requireCsrf(request, form);
  const intent = form.get("intent");
  if (intent === "read-all") await markRead(actor, "all");
  else if (intent === "read") await markRead(actor, [String(form.get("id"))]);
  else if (intent === "email") await setEmailOptOut(actor, form.get("optOut") === "1");
  return json({ ok: true });
}

export default function Notifications() {
  const { items, total, page, emailOptOut } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const unreadOnly = params.get("unread") === "1";
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>消息</Typography.Title>
        <Space wrap>
          <Link to={unreadOnly ? "?" : "?unread=1"}>{unreadOnly ? "显示全部" : "只看未读"}</Link>
          <Form method="post">
            <AuthenticityTokenInput />
            <Button htmlType="submit" name="intent" value="read-all" size="small">全部标为已读</Button>
          </Form>
        </Space>
      </Space>
      <Form method="post" style={{ margin: "12px 0" }}>
        <AuthenticityTokenInput />
        <input type="hidden" name="intent" value="email" />
        <input type="hidden" name="optOut" value={emailOptOut ? "0" : "1"} />
        <Space>
          <Switch checked={!emailOptOut} onChange={(_, e) => (e.currentTarget as HTMLElement).closest("form")?.requestSubmit()} aria-label="一般消息邮件提醒" />
          <Typography.Text>一般消息同时发送邮件{emailOptOut ? "（已关闭）" : "（已开启）"}</Typography.Text>
          <noscript><Button htmlType="submit" size="small">{emailOptOut ? "开启" : "关闭"}</Button></noscript>
          <Typography.Text type="secondary">涉及资金的消息（免申即享、兑付、申报结果）总会发送邮件。</Typography.Text>
        </Space>
      </Form>
      <List
        dataSource={items}
        locale={{ emptyText: <Empty description={unreadOnly ? "没有未读消息。" : "还没有消息。"} /> }}
        pagination={{ current: page, pageSize: INBOX_PAGE, total, hideOnSinglePage: true, onChange: (p) => navigate(`?${unreadOnly ? "unread=1&" : ""}page=${p}`) }}
        renderItem={(n) => (
          <List.Item
            actions={n.readAt ? [] : [
              <Form method="post" key="read"><AuthenticityTokenInput /><input type="hidden" name="id" value={n.id} /><Button size="small" type="link" htmlType="submit" name="intent" value="read">标为已读</Button></Form>,
            ]}
          >
            <List.Item.Meta
              title={<Space>{!n.readAt && <Badge status="processing" />}<Tag>{KIND_LABELS[n.kind] ?? n.kind}</Tag>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</Space>}
              description={<>{n.body}<div className="qq-muted">{formatDateTime(n.createdAt)}</div></>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
