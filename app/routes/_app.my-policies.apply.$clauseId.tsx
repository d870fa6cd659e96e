import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { AuthenticityTokenInput, useAuthenticityToken } from "remix-utils/csrf/react";
import { Alert, Button, Card, Checkbox, Col, Descriptions, Input, List, Popconfirm, Row, Space, Tag, Typography } from "antd";
import { FileOutlined, UploadOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { notFound, requireSection } from "~/auth/permissions.server";
import { formatDateTime, formatMoney } from "~/companies/labels";
import { ApplicationError, applyPage, submitApplication, withdrawApplication } from "~/applications/applications.server";
import { parseApplicationFields } from "~/applications/application-form.server";
import { APPLICATION_STATUS, formatBytes } from "~/applications/labels";
import { checkMaterials } from "~/applications/materials.server";
import { parseApplicationUpload } from "~/applications/upload.server";
import { FieldError } from "~/ui/FieldError";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `申报：${data?.clause.name ?? "事项"} · 我的政策 · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "my-policies");
  const page = await applyPage({ actor, clauseId: params.clauseId ?? "" });
  if (!page) throw notFound("没有该事项。");
  return json(page);
}

type ActionData = { errors: Record<string, string[] | undefined>; message: string | null; done: string | null; values: Record<string, string> };

/** The most material fields a policy lists; parts beyond are read and dropped. */
const MAX_MATERIALS = 20;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "my-policies");
  const clauseId = params.clauseId ?? "";
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const { form, files } = multipart ? await parseApplicationUpload(request, MAX_MATERIALS) : { form: await request.formData(), files: new Map() };
  await requireCsrf(request, form);
  const ip = clientIp(context);
  const values = Object.fromEntries(["contactName", "contactPhone", "contactEmail", "accountName", "bank", "accountNumber", "note"].map((k) => [k, String(form.get(k) ?? "")]));
  const fail = (errors: ActionData["errors"], message: string | null, status = 400) => json<ActionData>({ errors, message, done: null, values }, { status });
  try {
    if (form.get("intent") === "withdraw") {
      await withdrawApplication({ actor, clauseId, ip });
      return json<ActionData>({ errors: {}, message: null, done: "已撤回申报。如需要，可修改后重新提交。", values: {} });
    }
    const page = await applyPage({ actor, clauseId });
    if (!page) throw notFound("没有该事项。");
    if (page.refusal) return fail({}, page.refusal, 409);
    // Every problem at once: the text fields and each file.
    const { input, errors } = parseApplicationFields(form, page.needsAccount);
    const fileErrors = checkMaterials(page.materials, files);
    if (!input || Object.keys(fileErrors).length) return fail({ ...errors, ...fileErrors }, "请按提示修改后重新提交");
    await submitApplication({ actor, clauseId, fields: input, files, ip });
  } catch (error) {
    if (error instanceof ApplicationError) {
      return fail(error.fieldErrors, error.message, error.status);
    }
    throw error;
  }
  return redirect(`/my-policies/apply/${clauseId}?submitted=1`);
}

export default function Apply() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { clause, application } = page;
  const justSubmitted = useSearchParams()[0].get("submitted") === "1" && !result;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Text type="secondary"><Link to="/my-policies">我的政策</Link> / 申报</Typography.Text>
        <Typography.Title level={3} style={{ margin: "4px 0 8px" }}>{clause.name}</Typography.Title>
        <Space wrap>
          <Tag color="blue">申报</Tag>
          <Link to={`/policies/${clause.policyId}`}>{clause.policy}</Link>
          <Typography.Text type="secondary">{clause.issuer} · {clause.docNumber}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          扶持内容：{clause.benefit}
          {page.amount != null && page.amount > 0 && <>；按贵企业数据测算<b>最高 {formatMoney(page.amount)}</b>，以审核核定为准。</>}
        </Typography.Paragraph>
      </Card>

      {result?.done && <Alert type="success" showIcon message={result.done} />}
      {justSubmitted && application?.status === "SUBMITTED" && <Alert type="success" showIcon message="申报已提交。政策专员审核后，结果会通过站内消息和邮件通知您。" />}
      {page.refusal && (
        <Alert type="warning" showIcon message="暂不能申报" description={<>{page.refusal} <Link to="/my-policies">返回我的政策</Link></>} />
      )}
      {application && application.status !== "WITHDRAWN" && <ApplicationStatusCard application={application} />}
      {page.canApply && <ApplyForm page={page} result={result} busy={busy} />}
    </Space>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function ApplicationStatusCard({ application }: { application: NonNullable<Page["application"]> }) {
  const submit = useSubmit();
  const csrf = useAuthenticityToken();
  const s = APPLICATION_STATUS[application.status];
  return (
    <Card title="申报情况">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
        { key: "status", label: "状态", children: <Tag color={s.color} data-testid="application-status">{s.label}</Tag> },
        { key: "at", label: "提交时间", children: formatDateTime(application.submittedAt) },
        ...(application.decidedAt ? [{ key: "decided", label: "审核时间", children: formatDateTime(application.decidedAt) }] : []),
        ...(application.approvedAmount ? [{ key: "amount", label: "核定金额", children: formatMoney(application.approvedAmount) }] : []),
        ...(application.reason ? [{ key: "reason", label: application.status === "REJECTED" ? "未通过原因" : "审核意见", children: application.reason }] : []),
      ]} />
      {application.status === "SUBMITTED" && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>审核前可以撤回，修改后重新提交。</Typography.Paragraph>
      )}
      {application.status === "APPROVED" && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>涉及资金的，将按兑付批次拨付到申报时填写的收款账户，到账时另行通知。</Typography.Paragraph>
      )}
      <List
        size="small"
        header={<b>已提交的材料</b>}
        dataSource={application.materials}
        renderItem={(m) => (
          <List.Item>
            <Space><FileOutlined /><span>{m.material}：</span><a href={`/applications/${application.id}/materials/${m.index}`}>{m.fileName}</a><Typography.Text type="secondary">{formatBytes(m.size)}</Typography.Text></Space>
          </List.Item>
        )}
      />
      {application.status === "SUBMITTED" && (
        <Popconfirm title="撤回这份申报？" description="撤回后可修改并重新提交。" okText="撤回" cancelText="取消" onConfirm={() => submit({ intent: "withdraw", csrf }, { method: "post" })}>
          <Button style={{ marginTop: 12 }}>撤回申报</Button>
        </Popconfirm>
      )}
    </Card>
  );
}

function ApplyForm({ page, result, busy }: { page: Page; result?: ActionData; busy: boolean }) {
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  const prev = page.previous;
  const field = (name: string, label: string, defaultValue: string, extra: { placeholder?: string; inputMode?: "numeric" | "tel" | "email" } = {}) => (
    <div>
      <label>{label}<Input name={name} defaultValue={v[name] || defaultValue} aria-describedby={`${name}-error`} status={errors[name] ? "error" : undefined} {...extra} /></label>
      <FieldError id={`${name}-error`} messages={errors[name]} />
    </div>
  );
  return (
    <Form method="post" encType="multipart/form-data" aria-label="申报表">
      <AuthenticityTokenInput />
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {result?.message && <Alert type="error" showIcon message={result.message} role="alert" />}
        <Card title="一、企业信息" size="small" extra={<Typography.Text type="secondary">来自企业登记信息，如有变化请在“企业画像”中更新</Typography.Text>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
            { key: "name", label: "企业名称", children: page.company.name },
            { key: "uscc", label: "统一社会信用代码", children: page.company.uscc },
            { key: "address", label: "注册地址", children: page.company.address ?? "—" },
          ]} />
        </Card>
        <Card title="二、申报依据" size="small" extra={<Typography.Text type="secondary">政府部门已掌握的数据，无需重复填报</Typography.Text>}>
          <Typography.Paragraph>根据截至 {page.evaluatedOn} 政府部门掌握的数据，贵企业符合本事项的申报条件（✓ 满足，✗ 不满足；“任一条件”中满足一项即可）：</Typography.Paragraph>
          <pre style={{ margin: 0, whiteSpace: "pre-wrap", fontFamily: "inherit", lineHeight: 1.9 }} data-testid="apply-basis">{page.basis.join("\n")}</pre>
        </Card>
        <Card title="三、联系人" size="small">
          <Row gutter={16}>
            <Col xs={24} md={8}>{field("contactName", "联系人", prev?.contact.name ?? page.company.contactName ?? "")}</Col>
            <Col xs={24} md={8}>{field("contactPhone", "联系电话", prev?.contact.phone ?? page.company.contactPhone ?? "", { inputMode: "tel" })}</Col>
            <Col xs={24} md={8}>{field("contactEmail", "联系邮箱（选填）", prev?.contact.email ?? page.company.contactEmail ?? "", { inputMode: "email" })}</Col>
          </Row>
        </Card>
        {page.needsAccount && (
          <Card title="四、收款账户" size="small" extra={<Typography.Text type="secondary">审核通过后扶持资金拨付到此账户，须为本企业对公账户</Typography.Text>}>
            <Row gutter={16}>
              <Col xs={24} md={8}>{field("accountName", "开户名称", prev?.account?.name ?? page.company.name)}</Col>
              <Col xs={24} md={8}>{field("bank", "开户银行", prev?.account?.bank ?? "", { placeholder: "如 中国银行郑州高新技术开发区支行" })}</Col>
              <Col xs={24} md={8}>{field("accountNumber", "银行账号", prev?.account?.number ?? "", { inputMode: "numeric" })}</Col>
            </Row>
          </Card>
        )}
        <Card title={`${page.needsAccount ? "五" : "四"}、申报材料`} size="small" extra={<Typography.Text type="secondary">每项一个文件，支持 PDF、JPG、PNG，单个不超过 10 MB</Typography.Text>}>
          <Space direction="vertical" style={{ width: "100%" }}>
            {page.materials.map((m, i) => (
              <div key={m}>
                <label htmlFor={`material-${i}`}><b>{i + 1}. {m}</b></label>
                <div>
                  <input
                    id={`material-${i}`} type="file" name={`material-${i}`} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby={`material-${i}-error`} aria-invalid={errors[`material-${i}`] ? true : undefined}
                  />
                </div>
                <FieldError id={`material-${i}-error`} messages={errors[`material-${i}`]} />
              </div>
            ))}
          </Space>
        </Card>
        <Card size="small">
          <Space direction="vertical" style={{ width: "100%" }}>
            <label>补充说明（选填）<Input.TextArea name="note" rows={3} maxLength={1000} defaultValue={v.note || prev?.note || ""} aria-describedby="note-error" /></label>
            <FieldError id="note-error" messages={errors.note} />
            <Checkbox name="promise" value="1" aria-describedby="promise-error">本企业承诺所填信息及所附材料真实、准确、完整，如有虚假，愿承担相应责任。</Checkbox>
            <FieldError id="promise-error" messages={errors.promise} />
            <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy}>提交申报</Button>
          </Space>
        </Card>
      </Space>
    </Form>
  );
}
