import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Checkbox, Col, Input, Row, Space, Typography } from "antd";
import { PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireRole } from "~/auth/permissions.server";
import { newClause, NEW_PARAMETER_ROWS, policyFromForm, type FormProblem } from "~/policies/edit-form";
import { serializePolicy, type ClauseSpec } from "~/policies/policy-file";
import { getVersionDetail } from "~/policies/policy-query.server";
import { PolicyError, saveDraft } from "~/policies/policy-store.server";
import type { TopCondition } from "~/rules/conditions";
import { RuleEditor } from "~/rules/ui/RuleEditor";
import { FieldError } from "~/ui/FieldError";
import { FormSelect } from "~/ui/FormSelect";
import { cityDate } from "~/utils/dates";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "编辑政策草稿 · 亲清网格" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["POLICY_OFFICER"]);
  const detail = await getVersionDetail({ actor, versionId: params.versionId ?? "" });
  if (!detail) throw notFound("没有该政策版本。");
  if (detail.version.status !== "DRAFT") throw redirect(`/policy-admin/v/${detail.version.id}`);
  return json({ version: { id: detail.version.id, number: detail.version.number, policyId: detail.version.policyId }, policy: detail.policy });
}

type ActionData = { problems: FormProblem[]; message: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["POLICY_OFFICER"]);
  const form = await request.formData();
  await requireCsrf(request, form);
  const detail = await getVersionDetail({ actor, versionId: params.versionId ?? "" });
  if (!detail) throw notFound("没有该政策版本。");
  const { policy, problems } = policyFromForm(form, detail.policy);
  if (problems.length) return json<ActionData>({ problems, message: "有填写错误，未保存，请按提示修改" }, { status: 400 });
  // "添加条款" saves what is on the form and appends a clause to shape.
  const adding = form.get("intent") === "add";
  if (adding) policy.clauses.push(newClause(policy.clauses.map((c) => c.id), cityDate()));
  try {
    await saveDraft({ actor, versionId: detail.version.id, text: serializePolicy(policy), ip: clientIp(context) });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return json<ActionData>({ problems: error.problems.map((p) => ({ field: p.where, message: p.message })), message: error.message }, { status: error.status });
  }
  return redirect(adding ? `/policy-admin/v/${detail.version.id}/edit#c${policy.clauses.length - 1}` : `/policy-admin/v/${detail.version.id}`);
}

/** Problems for one field, or for everything under a prefix (a clause's rule, by id or index). */
function problemsAt(problems: FormProblem[], ...prefixes: string[]): string[] {
  return problems.filter((p) => prefixes.some((x) => p.field === x || p.field.startsWith(`${x}.`))).map((p) => p.message);
}

export default function EditPolicy() {
  const { version, policy } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problems = result?.problems ?? [];
  const field = (name: string) => problemsAt(problems, name);
  return (
    <Form method="post" aria-label="编辑政策草稿">
      <AuthenticityTokenInput />
      <input type="hidden" name="clauseCount" value={policy.clauses.length} />
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Card>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>编辑：{policy.title}</Typography.Title>
          <Typography.Paragraph type="secondary">
            第 {version.number} 版草稿（政策编号 {version.policyId}）。保存后可在版本页做发布前测算并提交审核。
            <Link to={`/policy-admin/v/${version.id}`}>返回版本页</Link>
          </Typography.Paragraph>
          {result && (
            <Alert
              type="error" showIcon message={result.message} style={{ marginBottom: 16 }}
              description={problems.length ? <ul style={{ margin: 0, paddingLeft: 20 }}>{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul> : undefined}
            />
          )}
          <Row gutter={[16, 8]}>
            <Col xs={24} md={16}><Labeled label="标题" name="title" value={policy.title} problems={field("title")} /></Col>
            <Col xs={24} md={8}><Labeled label="文号" name="docNumber" value={policy.docNumber} problems={field("docNumber")} /></Col>
            <Col xs={24} md={10}><Labeled label="发文单位" name="issuer" value={policy.issuer} problems={field("issuer")} /></Col>
            <Col xs={12} md={4}>
              <label>层级<FormSelect name="level" defaultValue={policy.level} style={{ width: "100%" }} aria-label="层级" options={["国家", "省", "市", "区"].map((l) => ({ value: l, label: `${l}级` }))} /></label>
            </Col>
            <Col xs={12} md={10}><Labeled label="适用地区（行政区划代码）" name="region" value={policy.region} problems={field("region")} /></Col>
            <Col xs={24} md={8}><Labeled label="发布日期" name="publishedOn" type="date" value={policy.publishedOn} problems={field("publishedOn")} /></Col>
            <Col xs={24} md={8}><Labeled label="施行日期" name="effectiveFrom" type="date" value={policy.effectiveFrom} problems={field("effectiveFrom")} /></Col>
            <Col xs={24} md={8}><Labeled label="有效期至（长期有效则留空）" name="expiresOn" type="date" value={policy.expiresOn ?? ""} problems={field("expiresOn")} /></Col>
            <Col xs={24} md={12}><Labeled label="原文链接" name="source" value={policy.source ?? ""} problems={field("source")} /></Col>
            <Col xs={24} md={6}><Labeled label="标签（用顿号或逗号分隔）" name="tags" value={policy.tags.join("、")} /></Col>
            <Col xs={24} md={6}><Labeled label="适用行业" name="industries" value={policy.industries.join("、")} /></Col>
            <Col xs={24}><Labeled label="摘要" name="summary" value={policy.summary} rows={2} problems={field("summary")} /></Col>
            <Col xs={24}><Labeled label="政策原文" name="text" value={policy.text} rows={5} problems={field("text")} /></Col>
          </Row>
        </Card>
        {policy.clauses.map((c, i) => (
          <ClauseEditor key={c.id} clause={c} index={i} problems={problems} />
        ))}
        <Card>
          <Space wrap>
            <Button type="primary" htmlType="submit" name="intent" value="save" icon={<SaveOutlined />} loading={busy}>保存草稿</Button>
            <Button htmlType="submit" name="intent" value="add" icon={<PlusOutlined />} loading={busy}>保存并添加条款</Button>
          </Space>
        </Card>
      </Space>
    </Form>
  );
}

function Labeled({ label, name, value, problems, rows, type }: { label: string; name: string; value: string; problems?: string[]; rows?: number; type?: string }) {
  const id = `${name}-error`;
  const status = problems?.length ? "error" : undefined;
  return (
    <label style={{ display: "block" }}>
      {label}
      {rows ? <Input.TextArea name={name} defaultValue={value} rows={rows} aria-describedby={id} status={status} />
        : <Input name={name} defaultValue={value} type={type} aria-describedby={id} status={status} />}
      <FieldError id={id} messages={problems} />
    </label>
  );
}

function ClauseEditor({ clause, index, problems }: { clause: ClauseSpec; index: number; problems: FormProblem[] }) {
  const p = `c${index}.`;
  const [kind, setKind] = useState(clause.benefit.kind);
  const [delivery, setDelivery] = useState(clause.delivery);
  const parameters = clause.benefit.kind === "none" ? [] : Object.entries(clause.benefit.parameters).flatMap(([name, values]) => values.map((v) => ({ name, ...v })));
  const rows = [...parameters, ...Array.from({ length: NEW_PARAMETER_ROWS }, () => ({ name: "", from: "", value: "", reference: "" }))];
  const ruleProblems = problemsAt(problems, `clauses.${clause.id}`, `clauses.${index}`, `${p}conditions`);
  return (
    <Card id={`c${index}`} title={`条款 ${index + 1}：${clause.name}`} data-testid={`edit-clause-${clause.id}`} extra={<Checkbox name={`${p}delete`} value="1">删除此条款</Checkbox>}>
      <input type="hidden" name={`${p}id`} value={clause.id} />
      <input type="hidden" name={`${p}paramCount`} value={rows.length} />
      <Row gutter={[16, 8]}>
        <Col xs={24} md={10}><Labeled label="条款名称" name={`${p}name`} value={clause.name} problems={problemsAt(problems, `${p}name`)} /></Col>
        <Col xs={12} md={5}>
          <label>申享方式<FormSelect name={`${p}delivery`} defaultValue={clause.delivery} onValueChange={(v) => setDelivery(v as typeof delivery)} style={{ width: "100%" }} aria-label="申享方式" options={[{ value: "免申即享", label: "免申即享" }, { value: "申报", label: "申报" }]} /></label>
        </Col>
        <Col xs={12} md={9}><Labeled label="互斥组（从高、不重复，可留空）" name={`${p}exclusiveGroup`} value={clause.exclusiveGroup ?? ""} /></Col>
        <Col xs={24}>
          <RuleEditor name={`${p}conditions`} defaultValue={clause.conditions as TopCondition} label={`条款“${clause.name}”的适用条件`} />
          <FieldError id={`${p}conditions-error`} messages={ruleProblems} />
        </Col>
        {delivery === "申报" && (
          <Col xs={24}><Labeled label="申报材料（每行一项）" name={`${p}materials`} value={(clause.materials ?? []).join("\n")} rows={3} /></Col>
        )}
        <Col xs={12} md={6}>
          <label>扶持方式<FormSelect name={`${p}kind`} defaultValue={clause.benefit.kind} onValueChange={(v) => setKind(v as typeof kind)} style={{ width: "100%" }} aria-label="扶持方式"
            options={[{ value: "fixed", label: "定额（万元）" }, { value: "formula", label: "按公式计算" }, { value: "none", label: "非资金（减免、服务等）" }]} /></label>
        </Col>
        <Col xs={24} md={18}><Labeled label="扶持内容说明" name={`${p}description`} value={clause.benefit.description} problems={problemsAt(problems, `${p}description`)} /></Col>
        {kind === "formula" && (
          <>
            <Col xs={24} md={12}><Labeled label="公式（企业指标和参数，支持 + − × ÷、min、max、round）" name={`${p}formula`} value={clause.benefit.kind === "formula" ? clause.benefit.formula : ""} /></Col>
            <Col xs={24} md={12}><Labeled label="上限（万元或公式，可留空）" name={`${p}cap`} value={clause.benefit.kind === "formula" ? clause.benefit.cap ?? "" : ""} /></Col>
          </>
        )}
        {kind !== "none" && (
          <Col xs={24}>
            <Typography.Text strong>参数（金额参数名为 amount；年度调整请新增一行新的生效日期，不要改旧值）</Typography.Text>
            {rows.map((r, j) => {
              const q = `${p}p${j}.`;
              const errs = problemsAt(problems, `${q}name`, `${q}from`, `${q}value`);
              return (
                <div key={j} style={{ marginTop: 6 }}>
                  <Space wrap>
                    <Input name={`${q}name`} defaultValue={r.name} placeholder="参数名" style={{ width: 120 }} aria-label={`参数 ${j + 1} 名称`} />
                    <Input name={`${q}from`} defaultValue={r.from} type="date" style={{ width: 160 }} aria-label={`参数 ${j + 1} 生效日期`} />
                    <Input name={`${q}value`} defaultValue={String(r.value)} placeholder="取值" style={{ width: 110 }} aria-label={`参数 ${j + 1} 取值`} />
                    <Input name={`${q}reference`} defaultValue={r.reference ?? ""} placeholder="依据（文件及条款）" style={{ width: 420 }} aria-label={`参数 ${j + 1} 依据`} />
                  </Space>
                  <FieldError id={`${q}error`} messages={errs} />
                </div>
              );
            })}
          </Col>
        )}
      </Row>
    </Card>
  );
}

