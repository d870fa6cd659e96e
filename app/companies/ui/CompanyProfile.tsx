import { Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from "antd";
import { formatDate, formatMoney, qualificationLabel, SIZE_LABELS } from "~/companies/labels";

/** What the loaders send: dates arrive as strings after JSON. */
export interface ProfileData {
  company: {
    uscc: string; name: string; legalRep: string | null; registeredAt: string | null; registeredCapital: number | null;
    address: string | null; contactName: string | null; contactPhone: string | null; contactEmail: string | null;
    businessScope: string | null; industryCode: string | null; sizeClass: string | null; status: string;
    parkGrid: { name: string } | null; tags: { tag: string }[];
    qualifications: { id: string; kind: string; certificateNo: string | null; issuedAt: string; expiresAt: string | null }[];
    indicators: { year: number; revenue: number | null; rdExpense: number | null; taxPaid: number | null; totalAssets: number | null; employees: number | null; insuredStaff: number | null; scienceStaff: number | null; unemploymentInsurancePaid: number | null; insuranceMonthsPaid: number | null; layoffs: number | null; highTechRevenue: number | null }[];
  };
  gridTrail: string[];
  industryLabel: string | null;
  sizeReason: string | null;
}

export function ProfileFacts({ data }: { data: ProfileData }) {
  const c = data.company;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label="企业名称">{c.name}</Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">{c.uscc}</Descriptions.Item>
      <Descriptions.Item label="法定代表人">{c.legalRep ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="成立日期">{formatDate(c.registeredAt)}</Descriptions.Item>
      <Descriptions.Item label="注册资本">{formatMoney(c.registeredCapital)}</Descriptions.Item>
      <Descriptions.Item label="登记状态">{c.status === "ACTIVE" ? "存续" : "注销/吊销"}</Descriptions.Item>
      <Descriptions.Item label="行业" span={2}>{data.industryLabel ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="企业规模" span={2}>
        {c.sizeClass ? SIZE_LABELS[c.sizeClass] : "未划型"}
        {data.sizeReason ? <Typography.Text type="secondary">（{data.sizeReason}）</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label="注册地址" span={2}>{c.address ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="所属网格" span={2}>{data.gridTrail.length ? data.gridTrail.join(" / ") : <Tag color="orange">待分配</Tag>}</Descriptions.Item>
      <Descriptions.Item label="所在园区">{c.parkGrid?.name ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="标签">{c.tags.length ? c.tags.map((t) => <Tag key={t.tag}>{t.tag}</Tag>) : "—"}</Descriptions.Item>
      <Descriptions.Item label="联系人">{c.contactName ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{c.contactPhone ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="联系邮箱">{c.contactEmail ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="主营业务">{c.businessScope ?? "—"}</Descriptions.Item>
    </Descriptions>
  );
}

export function QualificationTable({ data }: { data: ProfileData }) {
  const today = new Date();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={data.company.qualifications}
      locale={{ emptyText: <Empty description="暂无资质认定记录" /> }}
      columns={[
        { title: "资质", dataIndex: "kind", render: (k: string) => qualificationLabel(k) },
        { title: "认定日期", dataIndex: "issuedAt", render: formatDate },
        { title: "有效期至", dataIndex: "expiresAt", render: (v: string | null) => (v ? formatDate(v) : "长期") },
        {
          title: "状态", key: "state",
          render: (_, q) => (q.expiresAt && new Date(q.expiresAt) < today ? <Tag>已过期</Tag> : new Date(q.issuedAt) > today ? <Tag>未生效</Tag> : <Tag color="green">有效</Tag>),
        },
      ]}
    />
  );
}

const money = (v: number | null) => (v == null ? "—" : v.toLocaleString("zh-CN", { maximumFractionDigits: 2 }));
const people = (v: number | null) => (v == null ? "—" : v.toLocaleString("zh-CN"));

export function IndicatorTable({ data }: { data: ProfileData }) {
  return (
    <Table
      rowKey="year"
      size="small"
      pagination={false}
      scroll={{ x: 1100 }}
      dataSource={data.company.indicators}
      locale={{ emptyText: <Empty description="暂无年度指标（由税务、人社、统计部门数据导入）" /> }}
      columns={[
        { title: "年度", dataIndex: "year", fixed: "left", width: 70 },
        { title: "营业收入（万元）", dataIndex: "revenue", render: money },
        { title: "研发费用（万元）", dataIndex: "rdExpense", render: money },
        { title: "纳税总额（万元）", dataIndex: "taxPaid", render: money },
        { title: "资产总额（万元）", dataIndex: "totalAssets", render: money },
        { title: "高新技术产品收入（万元）", dataIndex: "highTechRevenue", render: money },
        { title: "从业人员", dataIndex: "employees", render: people },
        { title: "参保人数", dataIndex: "insuredStaff", render: people },
        { title: "科技人员", dataIndex: "scienceStaff", render: people },
        { title: "失业保险缴费（万元）", dataIndex: "unemploymentInsurancePaid", render: money },
        { title: "缴费月数", dataIndex: "insuranceMonthsPaid", render: people },
        { title: "裁员人数", dataIndex: "layoffs", render: people },
      ]}
    />
  );
}

export interface HistoryItem {
  id: number;
  at: string;
  action: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

const ACTION_LABELS: Record<string, string> = {
  "company.create": "建档",
  "company.update": "信息变更",
  "company.visit": "走访",
  "company.reassign": "调整网格",
};

const FIELD_LABELS: Record<string, string> = {
  name: "企业名称", legalRep: "法定代表人", registeredAt: "成立日期", registeredCapital: "注册资本", address: "注册地址",
  contactName: "联系人", contactPhone: "联系电话", contactEmail: "联系邮箱", industryCode: "行业代码", businessScope: "主营业务",
  districtCode: "区县代码", streetCode: "街道代码", communityCode: "社区代码", gridId: "所属网格", parkGridId: "所在园区", sizeClass: "企业规模",
};

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "（空）" : typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDate(v) : String(v));

/** The audit trail of a company, in words. */
export function HistoryTimeline({ items }: { items: HistoryItem[] }) {
  if (!items.length) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      items={items.map((h) => {
        const changes = (h.detail?.changes ?? {}) as Record<string, [unknown, unknown]>;
        return {
          key: h.id,
          children: (
            <Space direction="vertical" size={2}>
              <span>
                <strong>{ACTION_LABELS[h.action] ?? h.action}</strong>　{new Date(h.at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}　
                {h.actor ?? "系统"}{h.detail?.source ? `（${String(h.detail.source)}）` : ""}
              </span>
              {Object.entries(changes).map(([field, [from, to]]) => (
                <Typography.Text key={field} type="secondary">
                  {FIELD_LABELS[field] ?? field}：{show(from)} → {show(to)}
                </Typography.Text>
              ))}
              {h.detail?.reason ? <Typography.Text type="secondary">原因：{String(h.detail.reason)}</Typography.Text> : null}
              {h.action === "company.visit" && h.detail?.problems ? <Typography.Text type="secondary">反映问题：{String(h.detail.problems)}</Typography.Text> : null}
            </Space>
          ),
        };
      })}
    />
  );
}

export interface FactRow {
  key: string;
  label: string;
  unit: string | null;
  group: string;
  derivation: string;
  value: string;
}

/** The facts eligibility rules read about this company today (the fact catalogue, evaluated). */
export function FactTable({ facts }: { facts: FactRow[] }) {
  return (
    <>
      <Typography.Paragraph type="secondary">
        政策资格规则按以下指标判断企业是否符合条件（“上年度”指评估日前一年）。数据缺失的指标显示为“—”，相关条件将无法判断。
      </Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={facts}
        columns={[
          { title: "类别", dataIndex: "group", width: 100 },
          { title: "指标", dataIndex: "label", width: 200 },
          { title: "当前值", key: "value", width: 180, render: (_, f) => (f.value === "—" ? "—" : `${f.value}${f.unit && f.unit !== "%" ? ` ${f.unit}` : f.unit ?? ""}`) },
          { title: "口径", dataIndex: "derivation" },
        ]}
      />
    </>
  );
}
