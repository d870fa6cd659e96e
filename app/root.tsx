import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { AuthenticityTokenProvider } from "remix-utils/csrf/react";
import { App as AntdApp, ConfigProvider, Result } from "antd";
import zhCNModule from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { commitCsrfToken } from "~/auth/csrf.server";
import { AntdServerStyles } from "~/ui/antd-ssr";
import { theme } from "~/ui/theme";
import antdCss from "antd/dist/antd.css";
// Bundled, so its URL carries a content hash: a deploy that adds classes is never served the old sheet.
import appCss from "~/styles/app.css";

dayjs.locale("zh-cn");

// antd's locale files are CommonJS: Node's ESM loader hands us { default: locale } on the
// server, the browser bundle gives the locale itself.
const zhCN = (zhCNModule as unknown as { default?: typeof zhCNModule }).default ?? zhCNModule;

export const meta: MetaFunction = () => [{ title: "亲清网格 · 企业服务门户" }];

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: antdCss },
  { rel: "stylesheet", href: appCss },
];

/**
 * A list's filters, paging or a search as you type change only the query string: the layout's
 * data (user, unread count, CSRF token) stays, so each keystroke costs one data request, not three.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  formMethod || currentUrl.pathname !== nextUrl.pathname ? defaultShouldRevalidate : false;

export async function loader({ request }: LoaderFunctionArgs) {
  const [csrf, cookieHeader] = await commitCsrfToken(request);
  return json({ csrf }, { headers: cookieHeader ? { "Set-Cookie": cookieHeader } : {} });
}

function Document({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <AntdServerStyles />
      </head>
      <body style={{ margin: 0 }}>
        <ConfigProvider locale={zhCN} theme={theme}>
          <AntdApp>{children}</AntdApp>
        </ConfigProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function Root() {
  const { csrf } = useLoaderData<typeof loader>();
  return (
    <Document>
      <AuthenticityTokenProvider token={csrf}>
        <Outlet />
      </AuthenticityTokenProvider>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string" && error.data
      ? error.data
      : error.statusText
    : "系统出现错误，请稍后重试。如果问题持续，请联系管理员。";
  const resultStatus = status === 403 ? "403" : status === 404 ? "404" : "500";
  return (
    <Document>
      <Result
        status={resultStatus}
        title={status === 404 ? "页面不存在" : status === 403 ? "无权访问" : "出错了"}
        subTitle={message}
        extra={<a href="/">返回首页</a>}
      />
    </Document>
  );
}
