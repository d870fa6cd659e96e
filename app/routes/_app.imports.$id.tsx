import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useRevalidator, useSearchParams } from "@remix-run/react";
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Progress, Table, Tag, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useEffect } from "react";
import { notFound, requireSection } from "~/auth/permissions.server";
import { getImportJob } from "~/companies/import/import-job.server";
import { JOB_STATUS } from "~/companies/import/status";

export const meta: MetaFunction = () => [{ title: "导入详情 · 亲清网格" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "imports");
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const detail = await getImportJob({ actor, id: params.id!, errorPage: page });
  if (!detail) throw notFound();
  return json({ ...detail, page });
}

export default function ImportDetail() {
  const { job, errors, errorCount, page } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const running = job.status === "QUEUED" || job.status === "RUNNING";
  // Poll while the job runs so the progress bar moves; stop as soon as it ends.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const status = JOB_STATUS[job.status as keyof typeof JOB_STATUS];
  return (
    <Card>
      <Breadcrumb items={[{ title: <Link to="/imports">数据导入</Link> }, { title: job.fileName }]} style={{ marginBottom: 8 }} />
      <Typography.Title level={3}>{job.fileName}</Typography.Title>
      <Progress percent={Math.round(job.progress * 100)} status={job.status === "FAILED" ? "exception" : running ? "active" : "success"} aria-label="导入进度" />
      {job.message ? <Alert type={job.status === "FAILED" ? "error" : "success"} showIcon message={job.message} style={{ margin: "16px 0" }} /> : null}
      <Descriptions size="small" column={{ xs: 2, md: 5 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label="状态"><Tag color={status.color}>{status.label}</Tag></Descriptions.Item>
        <Descriptions.Item label="已读行数">{job.rowsRead}</Descriptions.Item>
        <Descriptions.Item label="新增">{job.created}</Descriptions.Item>
        <Descriptions.Item label="更新">{job.updated}</Descriptions.Item>
        <Descriptions.Item label="错误行">{job.failed}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={4}>
        错误明细{" "}
        {errorCount ? <Button size="small" href={`/imports/${job.id}/errors`} icon={<DownloadOutlined />}>下载错误清单</Button> : null}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={errors}
        locale={{ emptyText: <Empty description={running ? "正在检查……" : "没有错误，全部行均已导入"} /> }}
        pagination={{
          current: page, pageSize: 50, total: errorCount, showSizeChanger: false,
          showTotal: (t) => (t >= 5000 ? `前 ${t} 条（错误过多，仅保存前 5000 条）` : `共 ${t} 条`),
          onChange: (p) => { const next = new URLSearchParams(params); next.set("page", String(p)); navigate(`?${next}`); },
        }}
        columns={[
          { title: "行号", dataIndex: "row", width: 80 },
          { title: "列", dataIndex: "column", width: 200, render: (c: string | null) => c || "—" },
          { title: "问题", dataIndex: "message" },
        ]}
      />
    </Card>
  );
}
