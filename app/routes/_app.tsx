import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Badge, Button, Layout, Menu, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { BellOutlined, LogoutOutlined } from "@ant-design/icons";
import { requireActor } from "~/auth/permissions.server";
import { ROLE_LABELS, sectionsFor } from "~/auth/roles";
import { unreadCount } from "~/notifications/inbox.server";

/**
 * A list's filters, paging or a search as you type change only the query string: the layout's
 * data (user, unread count, CSRF token) stays, so each keystroke costs one data request, not three.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  formMethod || currentUrl.pathname !== nextUrl.pathname ? defaultShouldRevalidate : false;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json({ actor, unread: await unreadCount(actor), sections: sectionsFor(actor.role).map(({ key, label }) => ({ key, label })) });
}

export default function AppLayout() {
  const { actor, sections, unread } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const [siderReady, setSiderReady] = useState(false);
  const selected = pathname === "/" ? "home" : pathname.split("/")[1];
  const items = [{ key: "home", label: <Link to="/">首页</Link> }].concat(
    sections.map((s) => ({ key: s.key, label: <Link to={`/${s.key}`}>{s.label}</Link> })),
  );
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a href="#main" className="skip-link">跳到主要内容</a>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 16, paddingInline: 16, background: "#1f5fbf" }}>
        <Link to="/" style={{ color: "#fff", fontSize: 18, fontWeight: 600, whiteSpace: "nowrap" }}>亲清网格</Link>
        <div style={{ flex: 1 }} />
        <Space size="small" wrap style={{ color: "#fff" }}>
          <Link to="/notifications" aria-label={unread ? `消息，${unread} 条未读` : "消息"} data-testid="inbox-link">
            <Badge count={unread} size="small" overflowCount={99}><BellOutlined style={{ color: "#fff", fontSize: 18 }} /></Badge>
          </Link>
          <span data-testid="current-user">{actor.displayName}</span>
          <Tag color="blue" data-testid="current-role">{ROLE_LABELS[actor.role]}</Tag>
          <Form method="post" action="/logout">
            <AuthenticityTokenInput name="csrf" />
            <Button htmlType="submit" size="small" icon={<LogoutOutlined />}>退出</Button>
          </Form>
        </Space>
      </Layout.Header>
      <Layout>
        {/* antd collapses the sider on small screens only once scripts run; until it reports its
            breakpoint, CSS keeps the server-rendered sider from widening a phone's page. */}
        <Layout.Sider
          breakpoint="lg" collapsedWidth={0} width={200} theme="light" zeroWidthTriggerStyle={{ top: 8 }}
          className={siderReady ? undefined : "qq-sider-pending"}
          onBreakpoint={() => setSiderReady(true)}
        >
          <nav aria-label="主导航">
            <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24, outline: "none" }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: "center", padding: 12 }}>
        <Typography.Text type="secondary">亲清网格 · 一格管全面 · 一网统全局</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
