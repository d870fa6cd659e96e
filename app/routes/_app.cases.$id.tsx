import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Card, Col, Descriptions, Rate, Row, Space, Tag, Timeline, Typography } from "antd";
import { FileOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime } from "~/companies/labels";
import { formatBytes } from "~/applications/labels";
import { act, StepError } from "~/cases/case-store.server";
import { getCase } from "~/cases/case-detail.server";
import { parseCaseUpload } from "~/cases/attachments.server";
import { ACTIONS, isCaseAction } from "~/cases/flow";
import { CaseActions } from "~/cases/ui/CaseActions";
import { StatusTag, Countdown } from "~/cases/ui/CaseTags";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.number ?? "诉求"} · 诉求办理 · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const c = await getCase({ actor, caseId: params.id ?? "" });
  if (!c) throw notFound("没有找到该诉求，或您无权查看。");
  return json(c);
}

export type StepResult = { errors: Record<string, string[]>; message: string | null; done: string | null; action: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "cases");
  if (Number(request.headers.get("content-length") ?? 0) > 120 * 1024 * 1024) {
    return json<StepResult>({ errors: { attachment: ["上传内容过大，附件每个不超过 10 MB、最多 5 个"] }, message: null, done: null, action: null }, { status: 413 });
  }
  const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
  const { form, files } = multipart ? await parseCaseUpload(request) : { form: await request.formData(), files: [] };
  await requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "");
  const text = (k: string) => (form.get(k) === null ? null : String(form.get(k)));
  try {
    await act({
      actor, caseId: params.id ?? "", action: intent, comment: text("comment"), target: text("target"),
      days: text("days") ? Number(text("days")) : null, rating: text("rating") ? Number(text("rating")) : null,
      files, ip: clientIp(context),
    });
  } catch (error) {
    if (error instanceof StepError) {
      const errors = error.field ? { [error.field]: [error.message] } : {};
      return json<StepResult>({ errors, message: error.field ? null : error.message, done: null, action: intent }, { status: error.status });
    }
    throw error;
  }
  const label = isCaseAction(intent) ? ACTIONS[intent].label : "办理";
  return json<StepResult>({ errors: {}, message: null, done: `已${label}。`, action: null });
}

const SOURCE_LABELS: Record<string, string> = { PORTAL: "企业提交", GRID: "网格员代提交", VISIT: "走访发现", OPEN311: "12345 热线 / 接口" };

export default function CasePage() {
  const c = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Text type="secondary"><Link to="/cases">诉求办理</Link> / 诉求 {c.number}</Typography.Text>
        <Typography.Title level={3} style={{ margin: "4px 0 8px" }}>{c.title}</Typography.Title>
        <Space wrap>
          <StatusTag status={c.status} label={c.statusLabel} />
          {c.countdown && <Countdown value={c.countdown} />}
          {c.supervised && <Tag color="volcano">督办</Tag>}
          <Tag>{c.level}办理</Tag>
          <Typography.Text type="secondary">编号 {c.number} · 提交于 {formatDateTime(c.createdAt)}</Typography.Text>
        </Space>
        {params.get("filed") && !result && <Alert style={{ marginTop: 12 }} type="success" showIcon message={`诉求已提交，编号 ${c.number}。`} description={`已转至${c.grid}受理，受理、派遣和办结时会通知您。`} />}
        {result?.done && <Alert style={{ marginTop: 12 }} type="success" showIcon message={result.done} />}
        {result?.message && <Alert style={{ marginTop: 12 }} type="error" showIcon message={result.message} data-testid="step-error" />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title="诉求内容" size="small">
              {/* Plain text: React escapes it, so HTML or script typed by a filer is shown, never run. */}
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} data-testid="case-description">{c.description}</Typography.Paragraph>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: "company", label: "企业", children: c.company ? c.company.name : "—" },
                { key: "category", label: "分类", children: c.category },
                { key: "urgency", label: "紧急程度", children: c.urgency },
                { key: "source", label: "来源", children: SOURCE_LABELS[c.source] ?? c.source },
                { key: "contact", label: "联系人", children: `${c.contact.name}　${c.contact.phone}` },
                { key: "grid", label: "所属网格", children: c.grid },
                { key: "handler", label: "当前负责", children: c.handler },
                { key: "assignee", label: "承办单位", children: c.assignee ?? "尚未派遣" },
                ...(c.address ? [{ key: "address", label: "地点", children: c.address }] : []),
                ...(c.stageDeadline ? [{ key: "deadline", label: "本环节时限", children: `${formatDateTime(c.stageDeadline)}${c.extendedDays ? `（已延期 ${c.extendedDays} 个工作日）` : ""}` }] : []),
                ...(c.suggested && c.suggested !== c.category ? [{ key: "suggested", label: "系统建议分类", children: c.suggested }] : []),
              ]} />
              {c.rating != null && (
                <div style={{ marginTop: 8 }}>
                  满意度评价：<Rate disabled value={c.rating} /> {c.ratingComment && <Typography.Text type="secondary">{c.ratingComment}</Typography.Text>}
                </div>
              )}
            </Card>
            <Card title="办理过程" size="small">
              <Timeline items={c.timeline.map((e) => ({
                color: /不予|不通过|退回|不批准/.test(e.action) ? "red" : /结案|通过|评价/.test(e.action) ? "green" : /督办|升级|挂起|延期/.test(e.action) ? "orange" : "blue",
                children: (
                  <div data-testid="timeline-item">
                    <div><b>{e.action}</b> · {e.who} · {formatDateTime(e.at)}{e.to && e.to !== e.from ? <Typography.Text type="secondary">（→ {e.to}）</Typography.Text> : null}</div>
                    {e.detail?.target ? <div>派遣至：{String(e.detail.target)}</div> : null}
                    {e.detail?.to ? <div>升级至：{String(e.detail.to)}</div> : null}
                    {e.detail?.days ? <div>延期：{String(e.detail.days)} 个工作日</div> : null}
                    {e.detail?.rating ? <div>评价：{"★".repeat(Number(e.detail.rating))}</div> : null}
                    {e.comment && <div className="qq-muted" style={{ whiteSpace: "pre-wrap" }}>{e.comment}</div>}
                    {e.attachments.map((a) => (
                      <div key={a.id}><FileOutlined /> <a href={`/cases/${c.id}/attachments/${a.id}`}>{a.fileName}</a> <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text></div>
                    ))}
                  </div>
                ),
              }))} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <CaseActions c={c} result={result ?? null} />
        </Col>
      </Row>
    </Space>
  );
}
