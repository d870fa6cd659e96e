import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json, redirect, unstable_composeUploadHandlers, unstable_createFileUploadHandler, unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData, MaxPartSizeExceededError,
  type NodeOnDiskFile,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Empty, Progress, Space, Table, Tag, Typography } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { createImportJob, importDir, listImportJobs, MAX_UPLOAD_BYTES } from "~/companies/import/import-job.server";
import { JOB_STATUS } from "~/companies/import/status";

export const meta: MetaFunction = () => [{ title: "数据导入 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "imports");
  return json({ jobs: await listImportJobs({ actor }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSection(request, "imports");
  let form: FormData;
  let originalName = "";
  // Files to disk under a generated name (never the user's); the small text fields in memory.
  const toDisk = unstable_createFileUploadHandler({ directory: `${importDir()}/incoming`, maxPartSize: MAX_UPLOAD_BYTES, avoidFileConflicts: true });
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        async (part) => {
          if (part.name !== "file" || !part.filename) return undefined;
          originalName = part.filename;
          return toDisk(part);
        },
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
      ),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json({ error: "文件超过 60 MB，请拆分后分批导入。" }, { status: 413 });
    throw error;
  }
  await requireCsrf(request, form);
  const file = form.get("file") as NodeOnDiskFile | null;
  if (!file || typeof file === "string" || file.size === 0) return json({ error: "请选择要导入的 CSV 或 XLSX 文件。" }, { status: 400 });
  const job = await createImportJob({ actor, filePath: file.getFilePath(), fileName: originalName || file.name });
  return redirect(`/imports/${job.id}`);
}

export default function Imports() {
  const { jobs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Card>
      <Typography.Title level={3}>企业数据导入</Typography.Title>
      <Typography.Paragraph type="secondary">
        支持 CSV（UTF-8 或 GBK 编码）和 Excel（.xlsx）文件，单个文件不超过 60 MB。按统一社会信用代码匹配：已有企业更新，新企业建档；
        有错误的行不会导入，并逐行列出原因；同一文件可重复导入，不会产生重复数据。
        <Link to="/imports/template">下载导入模板</Link>
      </Typography.Paragraph>
      {result?.error ? <Alert type="error" showIcon message={result.error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form method="post" encType="multipart/form-data" style={{ marginBottom: 24 }}>
        <AuthenticityTokenInput name="csrf" />
        <Space wrap>
          <label htmlFor="file">选择文件：</label>
          <input id="file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy}>上传并导入</Button>
        </Space>
      </Form>
      <Table
        rowKey="id"
        dataSource={jobs}
        pagination={false}
        locale={{ emptyText: <Empty description="还没有导入记录" /> }}
        columns={[
          { title: "文件", dataIndex: "fileName", render: (name: string, j) => <Link to={`/imports/${j.id}`}>{name}</Link> },
          { title: "状态", dataIndex: "status", render: (s: keyof typeof JOB_STATUS) => <Tag color={JOB_STATUS[s].color}>{JOB_STATUS[s].label}</Tag> },
          { title: "进度", dataIndex: "progress", width: 160, render: (p: number, j) => <Progress percent={Math.round(p * 100)} size="small" status={j.status === "FAILED" ? "exception" : undefined} /> },
          { title: "新增", dataIndex: "created" },
          { title: "更新", dataIndex: "updated" },
          { title: "错误行", dataIndex: "failed" },
          { title: "导入人", key: "by", render: (_, j) => j.createdBy.displayName },
          { title: "时间", dataIndex: "createdAt", render: (d: string) => new Date(d).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) },
        ]}
      />
    </Card>
  );
}
