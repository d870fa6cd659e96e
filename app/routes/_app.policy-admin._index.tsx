import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { z } from "zod";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { STATUS_COLORS, STATUS_LABELS, VERSION_STATUSES, type VersionStatus } from "~/policies/lifecycle";
import { listPoliciesForEditors } from "~/policies/policy-query.server";
import { createDraftFromText, PolicyError } from "~/policies/policy-store.server";
import { skeletonPolicy } from "~/policies/skeleton";
import { FormSelect } from "~/ui/FormSelect";
import { FieldError } from "~/ui/FieldError";
import { useQueryUpdate } from "~/ui/use-query-update";
import { cityDate } from "~/utils/dates";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "政策管理 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "policy-admin");
  const p = new URL(request.url).searchParams;
  const status = VERSION_STATUSES.find((s) => s === p.get("status"));
  const page = Number(p.get("page"));
  return json(await listPoliciesForEditors({ actor, status, q: p.get("q") ?? "", page: Number.isInteger(page) && page > 0 ? page : 1 }));
}

const NewPolicy = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{3,60}$/, "政策编号用 3–60 位小写字母、数字和连字符，如 gaoqi-rending-jiangli"),
  title: z.string().trim().min(4, "标题至少 4 个字").max(200, "标题过长"),
  issuer: z.string().trim().min(2, "请填写发文单位").max(100, "发文单位过长"),
  level: z.enum(["国家", "省", "市", "区"], { errorMap: () => ({ message: "请选择层级" }) }),
  region: z.string().trim().regex(/^\d{2,6}$/, "适用地区应为行政区划代码，如 4101（郑州市）"),
});

type ActionResult = { errors: Record<string, string[] | undefined>; problems: { where: string; message: string }[]; message: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSection(request, "policy-admin");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 1_000_000 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return json<ActionResult>({ errors: {}, problems: [], message: "规则文件过大（上限 1 MB）" }, { status: 413 });
    }
    throw error;
  }
  await requireCsrf(request, form);
  const ip = clientIp(context);
  try {
    if (form.get("intent") === "upload") {
      const file = form.get("file");
      const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get("text") ?? "");
      if (!text.trim()) return json<ActionResult>({ errors: { file: ["请选择规则文件或粘贴内容"] }, problems: [], message: null }, { status: 400 });
      const { versionId } = await createDraftFromText({ actor, text, ip });
      return redirect(`/policy-admin/v/${versionId}`);
    }
    const parsed = NewPolicy.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json<ActionResult>({ errors: parsed.error.flatten().fieldErrors, problems: [], message: null }, { status: 400 });
    const { versionId } = await createDraftFromText({ actor, text: skeletonPolicy({ ...parsed.data, today: cityDate() }), ip });
    return redirect(`/policy-admin/v/${versionId}/edit`);
  } catch (error) {
    if (error instanceof PolicyError) return json<ActionResult>({ errors: {}, problems: error.problems, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function PolicyAdmin() {
  const { rows: policies, total, page, pageSize } = useLoaderData<typeof loader>();
  const go = useQueryUpdate();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const errors = result?.errors ?? {};
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3}>政策管理</Typography.Title>
        <Form method="get" style={{ marginBottom: 16 }} key={params.toString()}>
          <Space wrap>
            <Input name="q" placeholder="标题、文号或政策编号" defaultValue={params.get("q") ?? ""} allowClear style={{ width: 240 }} aria-label="搜索政策" />
            <FormSelect
              name="status" placeholder="全部状态" allowClear style={{ width: 140 }} aria-label="最新版本状态"
              defaultValue={params.get("status") || undefined}
              options={VERSION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            />
            <Button htmlType="submit" type="primary">查询</Button>
          </Space>
        </Form>
        <Table
          rowKey="id"
          dataSource={policies}
          pagination={{
            current: page, pageSize, total, showSizeChanger: false,
            showTotal: (t) => `共 ${t.toLocaleString("zh-CN")} 项政策`,
            onChange: (next) => go({ page: String(next) }),
          }}
          locale={{ emptyText: <Empty description="没有符合条件的政策。" /> }}
          scroll={{ x: 900 }}
          columns={[
            { title: "政策", key: "title", render: (_, p) => <Link to={`/policy-admin/v/${p.latest.id}`}>{p.latest.title}</Link> },
            { title: "文号", key: "doc", width: 200, render: (_, p) => p.latest.docNumber },
            { title: "层级", key: "level", width: 70, render: (_, p) => p.latest.level },
            { title: "最新版本", key: "status", width: 170, render: (_, p) => <>第 {p.latest.number} 版 <Tag color={STATUS_COLORS[p.latest.status as VersionStatus]}>{STATUS_LABELS[p.latest.status as VersionStatus]}</Tag></> },
            { title: "现行版本", key: "inForce", width: 90, render: (_, p) => (p.inForce ? `第 ${p.inForce} 版` : "—") },
            { title: "有效期至", key: "expires", width: 110, render: (_, p) => p.latest.expiresOn ?? "长期" },
          ]}
        />
      </Card>
      {result?.message && (
        <Alert
          type="error" showIcon message={result.message}
          description={result.problems.length ? <ul style={{ margin: 0, paddingLeft: 20 }}>{result.problems.map((p, i) => <li key={i}>{p.where ? `${p.where}：` : ""}{p.message}</li>)}</ul> : undefined}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="新建政策" size="small">
            <Form method="post" encType="multipart/form-data" aria-label="新建政策">
              <AuthenticityTokenInput />
              <input type="hidden" name="intent" value="create" />
              <Space direction="vertical" style={{ width: "100%" }}>
                <label>政策编号<Input name="id" placeholder="如 qiye-shangyun-butie" aria-describedby="id-error" status={errors.id ? "error" : undefined} /></label>
                <FieldError id="id-error" messages={errors.id} />
                <label>标题<Input name="title" aria-describedby="title-error" status={errors.title ? "error" : undefined} /></label>
                <FieldError id="title-error" messages={errors.title} />
                <label>发文单位<Input name="issuer" aria-describedby="issuer-error" status={errors.issuer ? "error" : undefined} /></label>
                <FieldError id="issuer-error" messages={errors.issuer} />
                <Space wrap>
                  <FormSelect name="level" placeholder="层级" style={{ width: 120 }} aria-label="层级" options={["国家", "省", "市", "区"].map((l) => ({ value: l, label: `${l}级` }))} />
                  <Input name="region" placeholder="适用地区代码，如 4101" style={{ width: 220 }} aria-label="适用地区代码" aria-describedby="region-error" />
                </Space>
                <FieldError id="level-error" messages={errors.level} />
                <FieldError id="region-error" messages={errors.region} />
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>新建草稿</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="导入规则文件（YAML）" size="small">
            <Form method="post" encType="multipart/form-data" aria-label="导入规则文件">
              <AuthenticityTokenInput />
              <input type="hidden" name="intent" value="upload" />
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text type="secondary">上传 rules/ 格式的政策文件：新政策生成草稿，已有政策生成新的修订草稿，均需审核后发布。</Typography.Text>
                <input type="file" name="file" accept=".yaml,.yml,text/yaml" aria-label="规则文件" aria-describedby="file-error" />
                <Input.TextArea name="text" rows={4} placeholder="或直接粘贴文件内容" aria-label="规则文件内容" />
                <FieldError id="file-error" messages={errors.file} />
                <Button htmlType="submit" icon={<UploadOutlined />} loading={busy}>导入为草稿</Button>
              </Space>
            </Form>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
