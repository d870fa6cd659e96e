import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Input, Typography } from "antd";
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { z } from "zod";
import { requireCsrf } from "~/auth/csrf.server";
import { attemptLogin, LOGIN_LIMITS } from "~/auth/login.server";
import { createSession, getActor } from "~/auth/session.server";
import { clientIp, safeRedirect } from "~/utils/request.server";
import { FieldError } from "~/ui/FieldError";

export const meta: MetaFunction = () => [{ title: "登录 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return null;
}

const LoginForm = z.object({
  identifier: z.string().trim().min(1, "请输入用户名或手机号").max(64, "用户名过长"),
  password: z.string().min(1, "请输入密码").max(256, "密码过长"),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  await requireCsrf(request, formData);
  const parsed = LoginForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return json({ fieldErrors: parsed.error.flatten().fieldErrors, formError: null }, { status: 400 });
  }
  const ip = clientIp(context);
  const result = await attemptLogin({ identifier: parsed.data.identifier, password: parsed.data.password, ip });
  if (!result.ok) {
    const formError =
      result.reason === "throttled"
        ? `登录尝试次数过多，请 ${LOGIN_LIMITS.windowMinutes} 分钟后再试。`
        : "账号或密码错误。";
    return json({ fieldErrors: {}, formError }, { status: result.reason === "throttled" ? 429 : 401 });
  }
  const cookie = await createSession(result.userId, { ip, userAgent: request.headers.get("User-Agent") ?? undefined });
  return redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors: Partial<Record<string, string[]>> = data?.fieldErrors ?? {};
  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "linear-gradient(160deg,#e8f0fb,#f7f9fc)", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <Typography.Title level={2} style={{ marginBottom: 4, textAlign: "center" }}>亲清网格</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          企业服务门户 · 政策找企 · 免申即享 · 诉求直达
        </Typography.Paragraph>
        {data?.formError ? <Alert type="error" showIcon message={data.formError} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form method="post" noValidate>
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <div style={{ marginBottom: 16 }}>
            <label htmlFor="identifier">账号</label>
            <Input id="identifier" name="identifier" size="large" prefix={<UserOutlined />} placeholder="用户名或手机号"
              autoComplete="username" autoFocus status={errors.identifier ? "error" : undefined}
              aria-invalid={Boolean(errors.identifier)} aria-describedby="identifier-error" />
            <FieldError id="identifier-error" messages={errors.identifier} />
          </div>
          <div style={{ marginBottom: 24 }}>
            <label htmlFor="password">密码</label>
            <Input.Password id="password" name="password" size="large" prefix={<LockOutlined />} placeholder="密码"
              autoComplete="current-password" status={errors.password ? "error" : undefined}
              aria-invalid={Boolean(errors.password)} aria-describedby="password-error" />
            <FieldError id="password-error" messages={errors.password} />
          </div>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>登录</Button>
        </Form>
      </Card>
    </main>
  );
}
