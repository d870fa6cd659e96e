import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Card, Empty, Segmented, Table, Typography } from "antd";
import { requireSection } from "~/auth/permissions.server";
import { listVisits } from "~/companies/visits.server";
import { formatDate } from "~/companies/labels";

export const meta: MetaFunction = () => [{ title: "走访记录 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "visits");
  const params = new URL(request.url).searchParams;
  const page = Math.max(1, Math.min(10_000, Number(params.get("page")) || 1));
  const onlyMine = params.get("who") !== "all";
  return json({ ...(await listVisits({ actor, page, onlyMine })), page, onlyMine });
}

export default function Visits() {
  const { rows, total, page, onlyMine } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    navigate(`?${next}`);
  };
  return (
    <Card>
      <Typography.Title level={3}>走访记录</Typography.Title>
      <Typography.Paragraph type="secondary">在“网格企业”中打开企业，即可在“走访记录”页登记新的走访。</Typography.Paragraph>
      <Segmented
        value={onlyMine ? "mine" : "all"}
        onChange={(v) => go({ who: String(v), page: "1" })}
        options={[{ value: "mine", label: "我登记的" }, { value: "all", label: "负责网格内全部" }]}
        style={{ marginBottom: 16 }}
      />
      <Table
        rowKey="id"
        dataSource={rows}
        locale={{ emptyText: <Empty description="还没有走访记录" /> }}
        pagination={{ current: page, pageSize: 20, total, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: (p) => go({ page: String(p) }) }}
        columns={[
          { title: "走访日期", dataIndex: "visitedOn", width: 110, render: formatDate },
          { title: "企业", key: "company", width: 240, render: (_, v) => <Link to={`/companies/${v.company.id}`}>{v.company.name}</Link> },
          { title: "走访人", key: "visitor", width: 90, render: (_, v) => v.visitor.displayName },
          { title: "走访情况", dataIndex: "notes" },
          { title: "反映问题", dataIndex: "problems", render: (p: string | null) => p ?? "—" },
        ]}
      />
    </Card>
  );
}
