import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, Col, Descriptions, Empty, Input, List, Radio, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { notFound, requireRole } from "~/auth/permissions.server";
import { SIZE_LABELS } from "~/companies/labels";
import { computeImpact, explainCompanies, explainCompany, findCompaniesForTest, impactPage, type ImpactFilter } from "~/policies/impact.server";
import { getVersionDetail } from "~/policies/policy-query.server";
import { cityDate, isCalendarDate } from "~/utils/dates";
import { useQueryUpdate } from "~/ui/use-query-update";

export const meta: MetaFunction = () => [{ title: "发布前测算 · 政策管理 · 亲清网格" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["POLICY_OFFICER", "REVIEWER", "ADMIN"]);
  const detail = await getVersionDetail({ actor, versionId: params.versionId ?? "" });
  if (!detail) throw notFound("没有该政策版本。");
  const p = new URL(request.url).searchParams;
  const onParam = p.get("on") ?? "";
  const on = isCalendarDate(onParam) ? onParam : cityDate();
  const filter = (["all", "new", "lost"] as const).find((f) => f === p.get("filter")) ?? "all";
  const impact = (await computeImpact(detail.version.id, on))!;
  const list = impactPage(impact, filter, Number(p.get("page")) || 1);
  // Explanations only for the page shown: each costs a fact lookup.
  const explained = new Map((await explainCompanies(detail.version.id, list.rows.map((r) => r.id), on)).map((e) => [e.company.id, e]));
  const q = p.get("company") ?? "";
  const candidates = q ? await findCompaniesForTest(q) : [];
  const chosen = p.get("companyId") ?? (candidates.length === 1 ? candidates[0].id : null);
  const test = chosen ? await explainCompany(detail.version.id, chosen, on) : null;
  const clauseNames = Object.fromEntries(detail.policy.clauses.map((c) => [c.id, c.name]));
  return json({
    version: { id: detail.version.id, number: detail.version.number, status: detail.version.status, title: detail.policy.title },
    on,
    badDate: onParam !== "" && onParam !== on,
    filter,
    summary: { ...impact, rows: undefined },
    list: { ...list, rows: list.rows.map((r) => ({ ...r, explanation: explained.get(r.id)?.clauses ?? [] })) },
    clauseNames,
    q,
    candidates,
    test,
  });
}

const money = (v: number) => `${v.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 万元`;

export default function ImpactPage() {
  const { version, on, badDate, filter, summary, list, clauseNames, q, candidates, test } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const loading = useNavigation().state === "loading";
  const go = useQueryUpdate({ preventScrollReset: true });
  const c = summary.compare;
  const delta = c ? Math.round((summary.totalAmount - c.totalAmount) * 100) / 100 : 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>发布前测算：{version.title}</Typography.Title>
        <Typography.Paragraph type="secondary">
          第 {version.number} 版对全部 {summary.evaluated.toLocaleString("zh-CN")} 家存续企业的测算（评估日 {on}，按评估日前一年度指标；用时 {summary.elapsedMs} 毫秒）。
          金额已按互斥组“从高、不重复”计算。<Link to={`/policy-admin/v/${version.id}`}>返回版本页</Link>
        </Typography.Paragraph>
        <Form method="get">
          <Space wrap>
            <label>评估日 <Input name="on" type="date" defaultValue={on} style={{ width: 170 }} aria-label="评估日" /></label>
            <Button htmlType="submit">重新测算</Button>
          </Space>
        </Form>
        {badDate && <Alert style={{ marginTop: 12 }} type="warning" showIcon message="评估日格式不正确，已按今天测算。" />}
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={12} md={6}><Statistic title="符合条件的企业" value={summary.qualified} suffix="家" /></Col>
          <Col xs={12} md={6}><Statistic title="预计兑现总额" value={summary.totalAmount} precision={2} suffix="万元" /></Col>
          {c && <Col xs={12} md={6}><Statistic title={`较现行第 ${c.number} 版`} value={summary.qualified - c.qualified} prefix={summary.qualified - c.qualified > 0 ? "+" : ""} suffix="家" /></Col>}
          {c && <Col xs={12} md={6}><Statistic title="总额变化" value={delta} precision={2} prefix={delta > 0 ? "+" : ""} suffix="万元" /></Col>}
        </Row>
        {c && (
          <Alert
            style={{ marginTop: 12 }} type="info" showIcon
            message={`与现行第 ${c.number} 版相比：新增符合 ${c.newly} 家，不再符合 ${c.lost} 家；兑现总额 ${money(c.totalAmount)} → ${money(summary.totalAmount)}。`}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title="按条款" size="small">
            <Table
              rowKey="key" size="small" pagination={false} dataSource={summary.clauses}
              columns={[
                { title: "条款", dataIndex: "name", render: (n: string, r) => <>{n} <Tag color={r.delivery === "免申即享" ? "green" : "blue"}>{r.delivery}</Tag></> },
                { title: "符合", dataIndex: "qualified", width: 60 },
                { title: "实际享受", dataIndex: "paid", width: 80 },
                { title: "金额（万元）", dataIndex: "amount", width: 110 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title="按区县网格" size="small">
            <Table
              rowKey="name" size="small" pagination={{ pageSize: 8, size: "small" }} dataSource={summary.byDistrict}
              locale={{ emptyText: "无" }}
              columns={[{ title: "网格", dataIndex: "name" }, { title: "企业", dataIndex: "qualified", width: 60 }, { title: "万元", dataIndex: "amount", width: 90 }]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title="按企业规模" size="small">
            <Table
              rowKey="name" size="small" pagination={false} dataSource={summary.bySize}
              locale={{ emptyText: "无" }}
              columns={[{ title: "规模", dataIndex: "name" }, { title: "企业", dataIndex: "qualified", width: 60 }, { title: "万元", dataIndex: "amount", width: 90 }]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="企业名单及判断依据" size="small" extra={
        <Radio.Group value={filter} onChange={(e) => go({ filter: e.target.value === "all" ? null : e.target.value, page: null })} optionType="button" size="small"
          options={[{ value: "all", label: "全部符合" }, ...(c ? [{ value: "new", label: `新增符合（${c.newly}）` }, { value: "lost", label: `不再符合（${c.lost}）` }] : [])]} />
      }>
        <Table
          rowKey="id"
          loading={loading}
          dataSource={list.rows}
          locale={{ emptyText: <Empty description={filter === "all" ? "在该评估日没有企业符合条件。可调整评估日，或检查条件是否过严。" : "没有企业。"} /> }}
          pagination={{ current: list.page, total: list.total, pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 家`, onChange: (p) => go({ page: String(p) }) }}
          expandable={{
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: "100%" }}>
                {r.explanation.map((e) => (
                  <div key={e.key}>
                    <b>{e.name}</b>：{e.qualifies ? (e.excludedBy ? `符合，但与“${e.excludedBy}”不重复享受` : "符合") : "不符合"}
                    <pre style={{ margin: "4px 0 0", whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{e.lines.join("\n")}</pre>
                  </div>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: "企业", dataIndex: "name", width: 260, render: (n: string, r) => <Link to={`/companies/${r.id}`}>{n}</Link> },
            { title: "统一社会信用代码", dataIndex: "uscc", width: 190 },
            { title: "区县网格", dataIndex: "district", width: 160, render: (d: string | null) => d ?? "待分配网格" },
            { title: "规模", dataIndex: "sizeClass", width: 70, render: (s: string | null) => (s ? SIZE_LABELS[s] : "—") },
            { title: "符合条款", key: "clauses", render: (_, r) => r.clauses.map((x) => <Tag key={x.key} color={x.excludedBy ? "default" : "green"}>{clauseNames[x.key]}{x.excludedBy ? "（不重复享受）" : ""}</Tag>) },
            { title: "金额（万元）", dataIndex: "amount", width: 110 },
            ...(filter !== "all" ? [{ title: "现行版本金额", key: "before", width: 120, render: (_: unknown, r: (typeof list.rows)[number]) => r.before?.amount ?? 0 }] : []),
          ]}
        />
      </Card>
      <Card title="测试单个企业" size="small">
        <Form method="get">
          <input type="hidden" name="on" value={on} />
          <Space wrap>
            <Input name="company" defaultValue={q} placeholder="企业名称或统一社会信用代码" style={{ width: 300 }} aria-label="企业名称或统一社会信用代码" />
            <Button htmlType="submit" type="primary">测试</Button>
          </Space>
        </Form>
        {q && candidates.length === 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`没有找到“${q}”，请核对企业名称或代码。`} />}
        {candidates.length > 1 && !test && (
          <List size="small" header="找到多家企业，请选择：" dataSource={candidates}
            renderItem={(x) => <List.Item><Link to={`?on=${on}&company=${encodeURIComponent(q)}&companyId=${x.id}`}>{x.name}（{x.uscc}）</Link></List.Item>} />
        )}
        {test && (
          <Descriptions style={{ marginTop: 12 }} bordered size="small" column={1} title={`${test.company.name}（${test.company.uscc}）：合计 ${money(test.amount)}`} data-testid="company-test">
            {test.clauses.map((x) => (
              <Descriptions.Item key={x.key} label={<>{x.name} {x.qualifies ? <Tag color={x.excludedBy ? "default" : "green"}>{x.excludedBy ? "不重复享受" : "符合"}</Tag> : <Tag color="red">不符合</Tag>}</>}>
                {x.qualifies && x.amount != null && <div>金额：{money(x.amount)}{x.excludedBy ? `（与“${x.excludedBy}”从高不重复）` : ""}</div>}
                <pre style={{ margin: 0, whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{x.lines.join("\n")}</pre>
                {x.nearMisses.length > 0 && <div style={{ color: "#d46b08" }}>还差一步：{x.nearMisses.join("；或")}</div>}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
    </Space>
  );
}
