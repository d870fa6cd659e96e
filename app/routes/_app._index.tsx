import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, Col, Descriptions, Empty, Row, Statistic, Typography } from "antd";
import { requireActor } from "~/auth/permissions.server";
import { ROLE_LABELS, sectionsFor } from "~/auth/roles";
import { homeSummary } from "~/home/summary.server";
import { queueCounts } from "~/cases/queue.server";
import { GRID_LEVEL_LABELS, type GridLevel } from "~/grids/levels";

export const meta: MetaFunction = () => [{ title: "首页 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const sections = sectionsFor(actor.role);
  const [summary, cases] = await Promise.all([homeSummary({ actor }), sections.some((s) => s.key === "cases") ? queueCounts(actor) : null]);
  return json({ actor, summary, cases, sections });
}

const GREETING: Record<string, string> = {
  ENTERPRISE: "在这里维护企业画像、查看本企业可享受的政策、提交诉求并跟踪办理进度。",
  GRID_WORKER: "在这里服务您负责网格内的企业：查看企业画像、登记走访、办理企业诉求。",
  SUPERVISOR: "在这里查看辖区内全部企业诉求，督办超期诉求，审批延期，办理升级到区级的诉求。",
  DEPT_HANDLER: "在这里办理派遣到本部门的企业诉求，并在时限内反馈处置结果。",
  POLICY_OFFICER: "在这里编写政策和资格规则，发布前测算影响，推送给符合条件的企业并跟踪兑付。",
  REVIEWER: "在这里审核政策规则的发布和兑付批次，审核人不能审核自己提交的内容。",
  ADMIN: "在这里管理账号、网格和数据导入，查看系统运行状态。",
};

export default function Home() {
  const { actor, summary, cases, sections } = useLoaderData<typeof loader>();
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} data-testid="home-title">
        {ROLE_LABELS[actor.role]}工作台
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {actor.displayName}，您好。{GREETING[actor.role]}
      </Typography.Paragraph>
      <Card style={{ marginBottom: 24 }}>
        <Summary summary={summary} />
      </Card>
      {cases && (
        <Card title="诉求办理" style={{ marginBottom: 24 }} extra={<Link to="/cases">进入诉求办理</Link>} data-testid="home-cases">
          <Row gutter={16}>
            <Col xs={8}><Link to="/cases?view=todo"><Statistic title={actor.role === "ENTERPRISE" ? "办理中" : "待我办理"} value={cases.todo} suffix="件" /></Link></Col>
            <Col xs={8}><Link to="/cases?view=overdue"><Statistic title="超期" value={cases.overdue} suffix="件" valueStyle={cases.overdue ? { color: "#cf1322" } : undefined} /></Link></Col>
            <Col xs={8}><Link to="/cases?view=supervised"><Statistic title="督办中" value={cases.supervised} suffix="件" /></Link></Col>
          </Row>
        </Card>
      )}
      <Typography.Title level={4}>我的功能</Typography.Title>
      <Row gutter={[16, 16]}>
        {sections.map((s) => (
          <Col xs={24} sm={12} lg={8} key={s.key}>
            <Link to={`/${s.key}`} style={{ display: "block", height: "100%" }}>
              <Card hoverable title={s.label} style={{ height: "100%" }}>
                <Typography.Text type="secondary">{s.summary}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}

type SummaryData = ReturnType<typeof useLoaderData<typeof loader>>["summary"];

function Summary({ summary }: { summary: SummaryData }) {
  switch (summary.kind) {
    case "enterprise":
      return summary.company ? (
        <Descriptions title="本企业" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="企业名称">{summary.company.name}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{summary.company.uscc}</Descriptions.Item>
          <Descriptions.Item label="所属网格">{summary.company.grid?.name ?? "待分配"}</Descriptions.Item>
          <Descriptions.Item label="所在园区">{summary.company.parkGrid?.name ?? "—"}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description="账号尚未关联企业，请联系管理员。" />
      );
    case "grid":
      return summary.grids.length ? (
        <Row gutter={16}>
          <Col xs={24} md={8}><Statistic title="负责企业" value={summary.companyCount} suffix="家" /></Col>
          <Col xs={24} md={16}>
            <Descriptions title="负责网格" column={1}>
              {summary.grids.map((g) => (
                <Descriptions.Item key={g.id} label={g.name}>
                  {GRID_LEVEL_LABELS[g.level as GridLevel] ?? g.level}，下辖 {g.descendantCount} 个网格
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Col>
        </Row>
      ) : (
        <Empty description="账号尚未分配网格，请联系管理员。" />
      );
    case "department":
      return (
        <Descriptions title="所属部门">
          <Descriptions.Item label="部门">{summary.department?.name ?? "未关联部门，请联系管理员"}</Descriptions.Item>
        </Descriptions>
      );
    case "city":
      return (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}><Statistic title="街道/乡镇（一级网格）" value={summary.gridsByLevel.STREET ?? 0} /></Col>
          <Col xs={12} md={6}><Statistic title="社区/村（二级网格）" value={summary.gridsByLevel.COMMUNITY ?? 0} /></Col>
          <Col xs={12} md={6}><Statistic title="专属网格" value={summary.gridsByLevel.DEDICATED ?? 0} /></Col>
          <Col xs={12} md={6}><Statistic title="在册企业" value={summary.companyCount} suffix="家" /></Col>
          {summary.userCount !== null ? (
            <Col xs={12} md={6}><Statistic title="用户账号" value={summary.userCount} /></Col>
          ) : null}
        </Row>
      );
  }
}
