import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Space, Tag, Typography } from "antd";
import { DownloadOutlined, EditOutlined } from "@ant-design/icons";
import { notFound, requireSection } from "~/auth/permissions.server";
import { getPublicPolicy } from "~/policies/policy-query.server";
import { PolicyView, VALIDITY_LABELS } from "~/policies/ui/PolicyView";
import { cityDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.policy.title ?? "政策"} · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "policies");
  const page = await getPublicPolicy({ actor, policyId: params.id ?? "" });
  if (!page) throw notFound("没有找到该政策，或尚未发布。");
  return json({ ...page, today: cityDate() });
}

export default function PolicyPage() {
  const { policy, version, validity, canManage, today } = useLoaderData<typeof loader>();
  return (
    <Card>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <div>
          <Typography.Title level={3} style={{ marginBottom: 8 }}>{policy.title}</Typography.Title>
          <Space wrap>
            <Tag color={VALIDITY_LABELS[validity].color}>{VALIDITY_LABELS[validity].text}</Tag>
            <Typography.Text type="secondary">第 {version.number} 版</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} href={`/policies/${policy.id}/export`}>下载规则文件</Button>
            {canManage && <Link to={`/policy-admin/policy/${policy.id}`}><Button size="small" icon={<EditOutlined />}>管理此政策</Button></Link>}
          </Space>
        </div>
        {version.status === "RETIRED" && <Alert type="error" showIcon message="该政策已废止，不再受理和兑现。以下为废止前的内容，仅供查阅。" />}
        {version.status === "PUBLISHED" && validity === "expired" && <Alert type="warning" showIcon message={`该政策已于 ${policy.expiresOn} 到期，仅供查阅。`} />}
        {validity === "upcoming" && <Alert type="info" showIcon message={`该政策自 ${policy.effectiveFrom} 起施行。`} />}
        <PolicyView policy={policy} on={today} />
      </Space>
    </Card>
  );
}
