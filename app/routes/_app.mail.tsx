import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Card, Collapse, Empty, Typography } from "antd";
import { config } from "~/config.server";
import { requireSection } from "~/auth/permissions.server";
import { countCaughtMail, listCaughtMail } from "~/notifications/mail-catcher.server";

export const meta: MetaFunction = () => [{ title: "邮件查看 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSection(request, "mail");
  const dir = config().MAIL_CATCHER_DIR;
  if (!dir) return json({ enabled: false, total: 0, mails: [] });
  const [total, mails] = await Promise.all([countCaughtMail(dir), listCaughtMail(dir, SHOWN)]);
  return json({ enabled: true, total, mails });
}

/** The newest this many: a catcher after a full match run holds over 100,000 messages. */
const SHOWN = 100;

export default function CaughtMail() {
  const { enabled, total, mails } = useLoaderData<typeof loader>();
  return (
    <Card>
      <Typography.Title level={3}>邮件查看</Typography.Title>
      {!enabled ? (
        <Alert type="info" showIcon message="已配置外部邮件服务器（SMTP_URL），邮件直接发往收件人，这里不再保存副本。" />
      ) : mails.length === 0 ? (
        <Empty description="内置邮件接收器还没有收到邮件。系统发出的通知邮件会显示在这里。" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {total > mails.length ? `共收到 ${total.toLocaleString("zh-CN")} 封邮件，这里列出最新的 ${mails.length} 封。` : `共收到 ${total.toLocaleString("zh-CN")} 封邮件。`}
          </Typography.Paragraph>
          <Collapse
            items={mails.map((m) => ({
              key: m.id,
              label: `${m.date ? new Date(m.date).toLocaleString("zh-CN") : ""}　${m.subject}　→ ${m.to}`,
              children: (
                <>
                  <Typography.Paragraph type="secondary">发件人：{m.from}　收件人：{m.to}</Typography.Paragraph>
                  <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{m.text}</pre>
                </>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
