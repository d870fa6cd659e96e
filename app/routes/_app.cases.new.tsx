import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Input, Radio, Select, Space, Tag, Typography } from "antd";
import { BulbOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { LEAF_CATEGORIES, URGENCIES, URGENCY_LABELS } from "~/cases/categories";
import { parseFiling, type FilingErrors } from "~/cases/filing-form";
import { fileCase, FlowError } from "~/cases/case-store.server";
import { attachmentProblem, parseCaseUpload } from "~/cases/attachments.server";
import { filingDefaults } from "~/cases/filing.server";
import { FieldError } from "~/ui/FieldError";

export const meta: MetaFunction = () => [{ title: "提交诉求 · 亲清网格" }];

/** Above this the request is refused before it is read (5 files of 10 MB and the text fit well under). */
const MAX_REQUEST_BYTES = 120 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "cases");
  const params = new URL(request.url).searchParams;
  return json({ ...(await filingDefaults(actor, params.get("companyId"), params.get("visit"))), submissionKey: crypto.randomUUID() });
}

type ActionData = { errors: FilingErrors; message: string | null; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSection(request, "cases");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) {
    return json<ActionData>({ errors: {}, message: "上传内容过大（附件每个不超过 10 MB，最多 5 个），请压缩后重新提交。", values: {} }, { status: 413 });
  }
  const { form, files } = await parseCaseUpload(request);
  await requireCsrf(request, form);
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "csrf")) as Record<string, string>;
  const parsed = parseFiling(values);
  const fileProblem = attachmentProblem(files);
  if (!parsed.ok || fileProblem) {
    const errors = parsed.ok ? {} : parsed.errors;
    if (fileProblem) errors.attachment = [fileProblem];
    return json<ActionData>({ errors, message: "请按提示修改后再提交，已填写的内容都保留着。", values }, { status: 400 });
  }
  try {
    const created = await fileCase({ actor, companyId: values.companyId || null, form: parsed.data, submissionKey: values.submissionKey || null, files, fromVisit: values.fromVisit === "1" });
    return redirect(`/cases/${created.id}?filed=1`);
  } catch (error) {
    if (error instanceof FlowError) return json<ActionData>({ errors: {}, message: error.message, values }, { status: error.status });
    throw error;
  }
}

const CATEGORY_OPTIONS = Object.values(
  LEAF_CATEGORIES.reduce<Record<string, { label: string; options: { value: string; label: string }[] }>>((groups, c) => {
    const top = c.fullName.split(" / ")[0];
    (groups[top] ??= { label: top, options: [] }).options.push({ value: c.code, label: c.fullName });
    return groups;
  }, {}),
);

interface Suggestion { code: string; name: string; fullName: string; score: number }

export default function NewCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const v = result?.values ?? (d.prefill ? { ...d.prefill } : {}) as Record<string, string>;
  const [category, setCategory] = useState<string | undefined>(v.categoryCode || undefined);
  const [text, setText] = useState({ title: v.title ?? "", description: v.description ?? "" });
  const suggest = useFetcher<{ suggestions: Suggestion[] }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    clearTimeout(timer.current);
    const q = `${text.title} ${text.description}`.trim();
    if (q.length < 4) return;
    // As the user types: one request after a short pause, not one per key.
    timer.current = setTimeout(() => suggest.load(`/cases/suggest?text=${encodeURIComponent(q.slice(0, 500))}`), 350);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text.title, text.description]);
  const suggestions = suggest.data?.suggestions ?? [];

  if (!d.canFile) {
    return (
      <Card title="提交诉求">
        <Alert type="info" showIcon message={d.reason} action={d.pickCompany ? <Link to="/companies">去网格企业选择</Link> : undefined} />
      </Card>
    );
  }
  return (
    <Card title="提交诉求" extra={<Link to="/cases">返回诉求列表</Link>}>
      <Typography.Paragraph type="secondary">
        {d.company ? `为 ${d.company.name} 提交。` : ""}诉求提交后由所属网格（{d.company?.grid ?? "网格中心"}）受理，按 受理→立案→派遣→处置→核查→结案 办理，每一步都会通知您。
      </Typography.Paragraph>
      {result?.message && <Alert type="error" showIcon message={result.message} style={{ marginBottom: 16 }} />}
      <Form method="post" encType="multipart/form-data" aria-label="提交诉求" style={{ maxWidth: 760 }}>
        <AuthenticityTokenInput />
        <input type="hidden" name="submissionKey" value={v.submissionKey || d.submissionKey} />
        {d.company && d.fromGrid && <input type="hidden" name="companyId" value={d.company.id} />}
        {d.fromVisit && <input type="hidden" name="fromVisit" value="1" />}
        <input type="hidden" name="suggestedCode" value={suggestions[0]?.code ?? ""} />
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <div>
            <label htmlFor="title">标题</label>
            <Input id="title" name="title" maxLength={50} showCount placeholder="一句话说明问题，如：园区厂房频繁停电影响生产" defaultValue={v.title} onChange={(e) => setText((t) => ({ ...t, title: e.target.value }))} status={errors.title ? "error" : undefined} aria-describedby="title-error" />
            <FieldError id="title-error" messages={errors.title} />
          </div>
          <div>
            <label htmlFor="description">具体情况</label>
            <Input.TextArea id="description" name="description" rows={5} maxLength={2000} showCount placeholder="发生了什么、从什么时候开始、影响多大、希望政府帮助解决什么" defaultValue={v.description} onChange={(e) => setText((t) => ({ ...t, description: e.target.value }))} status={errors.description ? "error" : undefined} aria-describedby="description-error" />
            <FieldError id="description-error" messages={errors.description} />
          </div>
          <div>
            <label htmlFor="category">诉求分类</label>
            {suggestions.length > 0 && (
              <div data-testid="category-suggestions" style={{ margin: "4px 0 8px" }}>
                <BulbOutlined style={{ color: "#d48806" }} /> <Typography.Text type="secondary">系统根据描述建议：</Typography.Text>
                {suggestions.map((s) => (
                  <Tag.CheckableTag key={s.code} checked={category === s.code} onChange={() => setCategory(s.code)} style={{ border: "1px solid #d9d9d9" }}>
                    {s.fullName}（{Math.round(s.score * 100)}%）
                  </Tag.CheckableTag>
                ))}
                <Typography.Text type="secondary">点选确认，或在下方自行选择。</Typography.Text>
              </div>
            )}
            <Select id="category" showSearch optionFilterProp="label" placeholder="请选择（可输入关键字搜索）" style={{ width: "100%" }} options={CATEGORY_OPTIONS} value={category} onChange={setCategory} status={errors.categoryCode ? "error" : undefined} aria-describedby="categoryCode-error" />
            <input type="hidden" name="categoryCode" value={category ?? ""} />
            <FieldError id="categoryCode-error" messages={errors.categoryCode} />
          </div>
          <div>
            <span id="urgency-label">紧急程度</span>
            <div>
              <Radio.Group name="urgency" defaultValue={v.urgency || "NORMAL"} aria-labelledby="urgency-label">
                {URGENCIES.map((u) => <Radio key={u} value={u}>{URGENCY_LABELS[u]}</Radio>)}
              </Radio.Group>
            </div>
            <FieldError id="urgency-error" messages={errors.urgency} />
          </div>
          <Space wrap size="middle" align="start">
            <div>
              <label htmlFor="contactName">联系人</label>
              <Input id="contactName" name="contactName" maxLength={20} defaultValue={v.contactName ?? d.contact.name} status={errors.contactName ? "error" : undefined} aria-describedby="contactName-error" />
              <FieldError id="contactName-error" messages={errors.contactName} />
            </div>
            <div>
              <label htmlFor="contactPhone">联系电话</label>
              <Input id="contactPhone" name="contactPhone" maxLength={20} defaultValue={v.contactPhone ?? d.contact.phone} status={errors.contactPhone ? "error" : undefined} aria-describedby="contactPhone-error" />
              <FieldError id="contactPhone-error" messages={errors.contactPhone} />
            </div>
            <div>
              <label htmlFor="contactEmail">邮箱（选填，用于接收办理进度）</label>
              <Input id="contactEmail" name="contactEmail" maxLength={100} defaultValue={v.contactEmail ?? d.contact.email} status={errors.contactEmail ? "error" : undefined} aria-describedby="contactEmail-error" />
              <FieldError id="contactEmail-error" messages={errors.contactEmail} />
            </div>
          </Space>
          <div>
            <label htmlFor="address">发生地点（选填）</label>
            <Input id="address" name="address" maxLength={100} placeholder="如：郑州863软件园 3 号楼" defaultValue={v.address} aria-describedby="address-error" />
            <FieldError id="address-error" messages={errors.address} />
          </div>
          <div>
            <label htmlFor="attachment">附件（选填）：照片或 PDF，最多 5 个，每个不超过 10 MB</label>
            <div><input id="attachment" type="file" name="attachment" multiple accept="image/jpeg,image/png,application/pdf" aria-describedby="attachment-error" /></div>
            <FieldError id="attachment-error" messages={errors.attachment} />
            {errors.attachment && <Typography.Text type="secondary">出于安全原因，附件需重新选择。</Typography.Text>}
          </div>
          <Button type="primary" htmlType="submit" loading={busy}>提交诉求</Button>
        </Space>
      </Form>
    </Card>
  );
}
