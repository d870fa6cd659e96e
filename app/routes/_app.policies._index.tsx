import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { Button, Card, Empty, Input, Space, Table, Tag, Typography } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { requireSection } from "~/auth/permissions.server";
import { listPublishedPolicies, type Validity } from "~/policies/policy-query.server";
import { LEVEL_COLORS, VALIDITY_LABELS } from "~/policies/ui/PolicyView";
import { FormSelect } from "~/ui/FormSelect";

export const meta: MetaFunction = () => [{ title: "政策检索 · 亲清网格" }];

const VALIDITIES = ["in-force", "upcoming", "expired"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSection(request, "policies");
  const p = new URL(request.url).searchParams;
  const validity = VALIDITIES.find((v) => v === p.get("validity")) ?? "";
  const level = ["国家", "省", "市", "区"].find((l) => l === p.get("level")) ?? "";
  const result = await listPublishedPolicies({ q: p.get("q") ?? "", level, validity, page: Number(p.get("page")) || 1 });
  return json(result);
}

export default function PolicyList() {
  const { items, total, page } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const loading = useNavigation().state === "loading";
  const filtered = ["q", "level", "validity"].some((k) => params.get(k));
  return (
    <Card>
      <Typography.Title level={3}>政策检索</Typography.Title>
      <Form method="get" aria-label="筛选政策" style={{ marginBottom: 16 }} key={params.toString()}>
        <Space wrap size={[12, 12]}>
          <Input name="q" placeholder="政策标题、文号或发文单位" defaultValue={params.get("q") ?? ""} allowClear style={{ width: 280 }} aria-label="搜索政策" />
          <FormSelect
            name="level" placeholder="全部层级" allowClear style={{ width: 120 }} aria-label="层级"
            defaultValue={params.get("level") || undefined}
            options={["国家", "省", "市", "区"].map((l) => ({ value: l, label: `${l}级` }))}
          />
          <FormSelect
            name="validity" placeholder="全部状态" allowClear style={{ width: 120 }} aria-label="有效状态"
            defaultValue={params.get("validity") || undefined}
            options={VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v].text }))}
          />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
          {filtered && <Link to="/policies">重置</Link>}
        </Space>
      </Form>
      <Table
        rowKey="policyId"
        loading={loading}
        dataSource={items}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={filtered ? "没有符合条件的政策。可以换个关键词，或点击“重置”查看全部政策。" : "暂无已发布的政策。"} /> }}
        pagination={{
          current: page, pageSize: 20, total, showSizeChanger: false,
          showTotal: (t) => `共 ${t} 项政策`,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set("page", String(p));
            navigate(`?${next}`);
          },
        }}
        columns={[
          { title: "政策名称", dataIndex: "title", render: (t: string, r) => <Link to={`/policies/${r.policyId}`}>{t}</Link> },
          { title: "文号", dataIndex: "docNumber", width: 200 },
          { title: "层级", dataIndex: "level", width: 80, render: (l: string) => <Tag color={LEVEL_COLORS[l]}>{l}级</Tag> },
          { title: "发文单位", dataIndex: "issuer", width: 200 },
          { title: "申享方式", dataIndex: "deliveries", width: 140, render: (d: string[]) => d.map((x) => <Tag key={x} color={x === "免申即享" ? "green" : "blue"}>{x}</Tag>) },
          { title: "有效期", key: "dates", width: 210, render: (_, r) => <>{r.effectiveFrom} 至 {r.expiresOn ?? "长期"}</> },
          { title: "状态", dataIndex: "validity", width: 90, render: (v: Validity) => <Tag color={VALIDITY_LABELS[v].color}>{VALIDITY_LABELS[v].text}</Tag> },
        ]}
      />
    </Card>
  );
}
