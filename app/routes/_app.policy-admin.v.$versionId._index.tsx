import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Input, Space, Steps, Table, Tabs, Tag, Timeline, Typography } from "antd";
import { DownloadOutlined, EditOutlined, ExperimentOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireRole } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { comparePolicies } from "~/policies/compare";
import { ACTION_LABELS, EVENT_LABELS, STATUS_COLORS, STATUS_LABELS, TRANSITIONS, type LifecycleAction } from "~/policies/lifecycle";
import { readPolicyFile } from "~/policies/policy-file";
import { getVersionDetail } from "~/policies/policy-query.server";
import { PolicyError, transition } from "~/policies/policy-store.server";
import { runSituations } from "~/policies/situations";
import { PolicyView } from "~/policies/ui/PolicyView";
import { cityDate } from "~/utils/dates";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.policy.title ?? "政策版本"} · 政策管理 · 亲清网格` }];

const EDITORS = ["POLICY_OFFICER", "REVIEWER", "ADMIN"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, EDITORS);
  const detail = await getVersionDetail({ actor, versionId: params.versionId ?? "" });
  if (!detail) throw notFound("没有该政策版本。");
  const today = cityDate();
  const inForce = detail.inForce ? readPolicyFile(detail.inForce.document).policy : null;
  return json({
    ...detail,
    today,
    canEdit: actor.role === "POLICY_OFFICER" && detail.version.status === "DRAFT",
    canRevise: actor.role === "POLICY_OFFICER" && ["PUBLISHED", "SUPERSEDED", "RETIRED"].includes(detail.version.status),
    situations: runSituations(detail.policy),
    changes: inForce ? comparePolicies(inForce, detail.policy, today) : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, EDITORS);
  const form = await request.formData();
  await requireCsrf(request, form);
  const intent = String(form.get("intent"));
  if (!(intent in TRANSITIONS)) return json({ error: "未知的操作", done: null }, { status: 400 });
  try {
    await transition({ actor, versionId: params.versionId ?? "", action: intent as LifecycleAction, comment: String(form.get("comment") ?? ""), ip: clientIp(context) });
    return json({ error: null, done: ACTION_LABELS[intent as LifecycleAction] });
  } catch (error) {
    if (error instanceof PolicyError) return json({ error: error.message, done: null }, { status: error.status });
    throw error;
  }
}

const STEPS = ["DRAFT", "SUBMITTED", "APPROVED", "PUBLISHED"] as const;

export default function PolicyVersionPage() {
  const { version, policy, events, actions, isWriter, versions, today, canEdit, canRevise, situations, changes, inForce } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const step = STEPS.indexOf(version.status as (typeof STEPS)[number]);
  const failed = situations.filter((s) => !s.passed);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 8 }}>{policy.title}</Typography.Title>
            <Space wrap>
              <Typography.Text>第 {version.number} 版</Typography.Text>
              <Tag color={STATUS_COLORS[version.status]} data-testid="version-status">{STATUS_LABELS[version.status]}</Tag>
              <Typography.Text type="secondary">编写人：{version.author ?? "系统导入"}{version.reviewer ? `；审核人：${version.reviewer}` : ""}</Typography.Text>
            </Space>
          </div>
          {step >= 0 && (
            <Steps size="small" current={step} items={[{ title: "草稿" }, { title: "待审核" }, { title: "审核通过" }, { title: "已发布" }]} />
          )}
          <Space wrap>
            {canEdit && <Link to="edit"><Button type="primary" icon={<EditOutlined />}>编辑草稿</Button></Link>}
            {canRevise && (
              <Form method="post" action={`/policy-admin/policy/${version.policyId}`}>
                <AuthenticityTokenInput />
                <Button htmlType="submit" icon={<EditOutlined />}>修订（新建草稿版本）</Button>
              </Form>
            )}
            <Link to="impact"><Button icon={<ExperimentOutlined />}>发布前测算</Button></Link>
            <Button icon={<DownloadOutlined />} href={`/policies/${version.policyId}/export?version=${version.id}`}>下载规则文件</Button>
            {versions.length > 1 && (
              <Typography.Text type="secondary">
                其他版本：{versions.filter((v) => v.id !== version.id).map((v) => <Link key={v.id} to={`/policy-admin/v/${v.id}`} style={{ marginRight: 8 }}>第 {v.number} 版（{STATUS_LABELS[v.status]}）</Link>)}
              </Typography.Text>
            )}
          </Space>
          {result?.error && <Alert type="error" showIcon message={result.error} />}
          {result?.done && <Alert type="success" showIcon message={`已${result.done}`} />}
          {actions.length > 0 && (
            <Form method="post" aria-label="审核与发布">
              <AuthenticityTokenInput />
              <Space direction="vertical" style={{ width: "100%" }}>
                {actions.includes("submit") && failed.length > 0 && <Alert type="warning" showIcon message={`有 ${failed.length} 个测试情形未通过，请先核对再提交审核。`} />}
                <Input.TextArea name="comment" rows={2} maxLength={2000} placeholder={actions.some((a) => TRANSITIONS[a].commentRequired) ? "意见（退回、废止须填写理由）" : "意见（可选）"} aria-label="意见" />
                <Space wrap>
                  {actions.map((a) => (
                    <Button key={a} htmlType="submit" name="intent" value={a} loading={busy} type={a === "return" || a === "retire" ? "default" : "primary"} danger={a === "retire"}>
                      {ACTION_LABELS[a]}
                    </Button>
                  ))}
                </Space>
              </Space>
            </Form>
          )}
          {version.status === "SUBMITTED" && isWriter && (
            <Alert type="info" showIcon message="您编写或修改过此版本，按四眼原则须由其他审核人审核。" />
          )}
        </Space>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: "content", label: "政策内容", children: <PolicyView policy={policy} on={today} /> },
            {
              key: "changes",
              label: inForce ? `与现行第 ${inForce.number} 版对比` : "与现行版本对比",
              children: !changes ? <Empty description="该政策暂无现行版本，这是首次发布。" />
                : changes.length === 0 ? <Empty description="与现行版本内容相同。" />
                : (
                  <Table
                    rowKey={(c) => c.what}
                    size="small"
                    pagination={false}
                    dataSource={changes}
                    columns={[
                      { title: "变更项", dataIndex: "what", width: 220 },
                      { title: "现行版本", dataIndex: "before", render: (v: string | null) => v ?? <Typography.Text type="secondary">（无）</Typography.Text> },
                      { title: "本版本", dataIndex: "after", render: (v: string | null) => v ?? <Typography.Text type="secondary">（删除）</Typography.Text> },
                    ]}
                  />
                ),
            },
            {
              key: "situations",
              label: `测试情形（${situations.length - failed.length}/${situations.length} 通过）`,
              children: situations.length === 0 ? <Empty description="还没有测试情形。可下载规则文件，在 situations 中补充后导入。" /> : (
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={situations}
                  columns={[
                    { title: "情形", dataIndex: "name" },
                    { title: "评估日", dataIndex: "on", width: 110 },
                    { title: "结果", key: "r", width: 260, render: (_, s) => (s.passed ? <Tag color="success">通过</Tag> : <><Tag color="error">未通过</Tag>{s.failures.join("；")}</>) },
                  ]}
                />
              ),
            },
            {
              key: "history",
              label: "流转记录",
              children: (
                <Timeline
                  items={events.map((e) => ({
                    children: (
                      <>
                        <div><b>{EVENT_LABELS[e.action] ?? e.action}</b> · {e.actor} · {formatDateTime(e.at)}</div>
                        {e.comment && <div className="qq-muted">{e.comment}</div>}
                      </>
                    ),
                  }))}
                />
              ),
            },
            { key: "file", label: "规则文件", children: <pre style={{ maxHeight: 600, overflow: "auto", background: "#fafafa", padding: 12, fontSize: 12 }}>{version.document}</pre> },
          ]}
        />
      </Card>
    </Space>
  );
}
