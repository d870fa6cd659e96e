import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { AuthenticityTokenInput, useAuthenticityToken } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { KeyOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { ApiKeyError, createApiKey, listApiKeys, revokeApiKey } from "~/open311/api-keys.server";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "接口密钥 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "api-keys");
  return json({ keys: await listApiKeys({ actor }), endpoint: `${new URL(request.url).origin}/open311/v2` });
}

type Result = { created?: { name: string; key: string; prefix: string }; revoked?: string; error?: string; field?: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "api-keys");
  const form = await request.formData();
  await requireCsrf(request, form);
  const ip = clientIp(context);
  // The new key travels once, in this answer: never cached, never put in a redirect or session.
  const headers = { "Cache-Control": "no-store" };
  try {
    if (form.get("intent") === "revoke") {
      await revokeApiKey({ actor, id: String(form.get("id") ?? ""), ip });
      return json<Result>({ revoked: String(form.get("name") ?? "") }, { headers });
    }
    const created = await createApiKey({ actor, name: String(form.get("name") ?? ""), ip });
    return json<Result>({ created: { name: created.name, key: created.key, prefix: created.prefix } }, { headers });
  } catch (error) {
    if (error instanceof ApiKeyError) return json<Result>({ error: error.message, field: error.field ?? null }, { status: error.status, headers });
    throw error;
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["keys"][number];

export default function ApiKeys() {
  const { keys, endpoint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const submit = useSubmit();
  const csrf = useAuthenticityToken();
  const nameError = result?.field === "name" ? result.error : undefined;
  return (
    <Card>
      <Typography.Title level={3}>接口密钥</Typography.Title>
      {/* One string per sentence group: line breaks inside JSX text would put spaces into the Chinese. */}
      <Typography.Paragraph type="secondary">
        {"12345 热线、随手拍等系统通过 Open311 GeoReport v2 接口（"}<Typography.Text code>{endpoint}</Typography.Text>
        {"）提交企业诉求时，须携带接口密钥（参数 api_key）。请为每个接入系统单独新建密钥，便于查看使用情况和单独停用。密钥只在新建时显示一次，系统只保存其摘要。"}
        {"查询诉求进度不需要密钥，且只能查到经本接口提交的诉求，不含联系人和企业信息。"}
      </Typography.Paragraph>
      {result?.created && (
        <Alert
          type="success" showIcon style={{ marginBottom: 16 }} role="status"
          message={`已新建密钥“${result.created.name}”`}
          description={
            <>
              <div>请立即复制并安全地交给接入方。离开或刷新本页后将无法再次查看；如遗失，请停用后重新新建。</div>
              <Typography.Text code copyable={{ text: result.created.key, tooltips: ["复制", "已复制"] }} data-testid="new-api-key" style={{ wordBreak: "break-all" }}>
                {result.created.key}
              </Typography.Text>
            </>
          }
        />
      )}
      {result?.revoked !== undefined && <Alert type="info" showIcon style={{ marginBottom: 16 }} role="status" message={`已停用密钥“${result.revoked}”，使用它的请求将被拒绝。`} />}
      {result?.error && !result.field && <Alert type="error" showIcon style={{ marginBottom: 16 }} role="alert" message={result.error} />}
      {/* Remounted after each new key, so the name field is empty for the next one. */}
      <Form method="post" aria-label="新建接口密钥" style={{ marginBottom: 24 }} key={result?.created?.prefix ?? "new"}>
        <AuthenticityTokenInput />
        <input type="hidden" name="intent" value="create" />
        <Space wrap align="start">
          <label htmlFor="key-name" style={{ lineHeight: "32px" }}>密钥名称：</label>
          <div>
            <Input
              id="key-name" name="name" placeholder="如：12345 热线" maxLength={50} style={{ width: 280 }}
              aria-label="密钥名称" aria-describedby="name-error" aria-invalid={!!nameError} status={nameError ? "error" : undefined}
            />
            <FieldError id="name-error" messages={nameError ? [nameError] : undefined} />
          </div>
          <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={busy}>新建密钥</Button>
        </Space>
      </Form>
      <Table<Row>
        rowKey="id"
        dataSource={keys}
        pagination={false}
        locale={{ emptyText: <Empty description="还没有接口密钥" /> }}
        columns={[
          { title: "名称", dataIndex: "name" },
          { title: "密钥前缀", dataIndex: "prefix", render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: "创建时间", dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
          { title: "最近使用", dataIndex: "lastUsedAt", render: (v: string | null) => (v ? formatDateTime(v) : "从未使用") },
          {
            title: "状态", key: "status",
            render: (_, k) => (k.revokedAt ? <><Tag>已停用</Tag><div className="qq-muted">{formatDateTime(k.revokedAt)}</div></> : <Tag color="green">使用中</Tag>),
          },
          {
            title: "操作", key: "actions",
            render: (_, k) => k.revokedAt ? null : (
              <Popconfirm
                title={`停用密钥“${k.name}”？`} description="停用后，使用该密钥的系统将无法再提交诉求；停用不能撤销。"
                okText="停用" cancelText="取消" okButtonProps={{ danger: true }}
                onConfirm={() => submit({ intent: "revoke", id: k.id, name: k.name, csrf }, { method: "post" })}
              >
                <Button danger size="small">停用</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
