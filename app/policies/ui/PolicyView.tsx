import { Card, Descriptions, List, Space, Table, Tag, Typography } from "antd";
import type { PolicyFile } from "~/policies/policy-file";
import { benefitSummary, PARAMETER_LABELS } from "~/policies/present";
import { conditionsToChinese } from "~/rules/render-zh";
import type { TopCondition } from "~/rules/conditions";
import { DISTRICT_NAMES } from "~/grids/districts";

export const LEVEL_COLORS: Record<string, string> = { 国家: "red", 省: "volcano", 市: "blue", 区: "geekblue" };
export const VALIDITY_LABELS = { "in-force": { text: "有效", color: "success" }, expired: { text: "已过期", color: "default" }, upcoming: { text: "未生效", color: "warning" } } as const;

const REGION_NAMES: Record<string, string> = { "41": "河南省", "4101": "郑州市", "410100": "郑州市" };
export function regionName(code: string): string {
  return REGION_NAMES[code] ?? DISTRICT_NAMES[code] ?? code;
}

/** A policy's metadata, text and clauses in plain Chinese: the public page and the review page. */
export function PolicyView({ policy, on }: { policy: PolicyFile; on: string }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="文号">{policy.docNumber}</Descriptions.Item>
        <Descriptions.Item label="发文单位">{policy.issuer}</Descriptions.Item>
        <Descriptions.Item label="层级"><Tag color={LEVEL_COLORS[policy.level]}>{policy.level}级</Tag></Descriptions.Item>
        <Descriptions.Item label="适用地区">{regionName(policy.region)}</Descriptions.Item>
        <Descriptions.Item label="发布日期">{policy.publishedOn}</Descriptions.Item>
        <Descriptions.Item label="有效期">{policy.effectiveFrom} 至 {policy.expiresOn ?? "长期"}</Descriptions.Item>
        {policy.industries.length > 0 && <Descriptions.Item label="适用行业">{policy.industries.join("、")}</Descriptions.Item>}
        {policy.tags.length > 0 && (
          <Descriptions.Item label="标签">{policy.tags.map((t) => <Tag key={t}>{t}</Tag>)}</Descriptions.Item>
        )}
        {policy.source && (
          <Descriptions.Item label="原文链接" span={2}>
            <a href={policy.source} target="_blank" rel="noreferrer noopener">{policy.source}</a>
          </Descriptions.Item>
        )}
        {policy.attachments?.length ? (
          <Descriptions.Item label="附件" span={2}>
            {policy.attachments.map((a) => <div key={a.url}><a href={a.url} target="_blank" rel="noreferrer noopener">{a.name}</a></div>)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Card size="small" title="政策摘要"><Typography.Paragraph style={{ marginBottom: 0 }}>{policy.summary}</Typography.Paragraph></Card>
      <Typography.Title level={4} style={{ marginBottom: 0 }}>条款（{policy.clauses.length} 项）</Typography.Title>
      {policy.clauses.map((c, i) => (
        <Card
          key={c.id}
          size="small"
          data-testid={`clause-${c.id}`}
          title={<Space wrap><span>{i + 1}. {c.name}</span><Tag color={c.delivery === "免申即享" ? "green" : "blue"}>{c.delivery}</Tag></Space>}
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="申享条件">
              <span data-testid="clause-sentence">{conditionsToChinese(c.conditions as TopCondition)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="扶持内容">
              {c.benefit.kind === "none" ? c.benefit.description : <>{benefitSummary(c.benefit, on)}<Typography.Text type="secondary">（{c.benefit.description}）</Typography.Text></>}
            </Descriptions.Item>
            {c.exclusiveGroup && (
              <Descriptions.Item label="不重复享受">与同组其他事项“从高、不重复”享受：同一年度符合多项的，只享受金额最高的一项。</Descriptions.Item>
            )}
            {c.excludes?.map((x) => (
              <Descriptions.Item key={`${x.policy}/${x.clause ?? ""}`} label="不重复补助">
                {x.reason}（<a href={`/policies/${x.policy}`}>相关政策</a>）
              </Descriptions.Item>
            ))}
            {c.delivery === "申报" && c.materials?.length ? (
              <Descriptions.Item label="申报材料">
                <ol style={{ margin: 0, paddingLeft: 20 }}>{c.materials.map((m) => <li key={m}>{m}</li>)}</ol>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {c.benefit.kind !== "none" && Object.values(c.benefit.parameters).some((p) => p.length > 1 || p[0].reference) && (
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.name}-${r.from}`}
              title={() => "参数及其生效日期"}
              dataSource={Object.entries(c.benefit.parameters).flatMap(([name, values]) => values.map((v) => ({ name, ...v })))}
              columns={[
                { title: "参数", dataIndex: "name", render: (n: string) => PARAMETER_LABELS[n] ?? n },
                { title: "自", dataIndex: "from" },
                { title: "取值", dataIndex: "value" },
                { title: "依据", dataIndex: "reference", render: (r?: string) => r ?? "—" },
              ]}
            />
          )}
        </Card>
      ))}
      <Card size="small" title="政策原文">
        <List
          size="small"
          dataSource={policy.text.split(/\n+/).filter(Boolean)}
          renderItem={(p) => <List.Item style={{ display: "block" }}>{p}</List.Item>}
        />
      </Card>
    </Space>
  );
}
