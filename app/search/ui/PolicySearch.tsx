import { Form, Link, useNavigate, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Col, Empty, Input, Pagination, Row, Segmented, Space, Switch, Typography } from "antd";
import { CheckCircleFilled, SearchOutlined } from "@ant-design/icons";
import { useEffect, useRef, useState } from "react";
import { LEVEL_COLORS } from "~/policies/ui/PolicyView";
import { FACET_LABELS, hasFilters, PAGE_SIZE, searchHref, SORTS, type SortKey } from "~/search/search-params";
import type { FacetCount, PolicyHit, PolicySearchResult } from "~/search/search-types";
import { AMOUNT_BANDS, FACETS, LEVELS, STATUSES, type Facet } from "~/search/vocabulary";
import { Highlight, plain } from "./Highlight";

const STATUS_COLORS: Record<string, string> = { 有效: "success", 未生效: "warning", 已过期: "default", 已废止: "error" };
/** Examples offered when nothing is found: common words of the trade that find something. */
const SUGGESTIONS = ["高企", "研发费用", "专精特新", "稳岗返还", "上市奖励", "社保补贴", "首台套", "税收优惠"];
const TYPING_DELAY_MS = 300;

const valueLabel = (facet: Facet, value: string) => (facet === "level" ? `${value}级` : value);

/** Fixed lists keep their natural order; open ones (issuers, industries) by count. */
function ordered(facet: Facet, counts: FacetCount[]): FacetCount[] {
  const order: readonly string[] | undefined = facet === "level" ? LEVELS : facet === "status" ? STATUSES : facet === "amountBands" ? AMOUNT_BANDS : undefined;
  if (!order) return [...counts].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "zh-CN"));
  return [...counts].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
}

export function PolicySearch({ data }: { data: PolicySearchResult }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const busy = useNavigation().state === "loading";
  const { input } = data;
  const go = (href: string, replace = false) => navigate(href, { replace, preventScrollReset: true });

  // Results as you type: the URL follows the box after a short pause (so links can be shared).
  const [text, setText] = useState(input.q);
  const typed = useRef(input.q);
  useEffect(() => {
    if (input.q !== typed.current) setText(input.q); // changed by a link (suggestion, back button)
    typed.current = input.q;
  }, [input.q]);
  useEffect(() => {
    const q = text.trim();
    if (q === input.q) return;
    const timer = setTimeout(() => {
      typed.current = q;
      go(searchHref(params, { set: { q } }), true);
    }, TYPING_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  // While the database answers, look again now and then: the page recovers by itself.
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!data.degraded) return;
    const timer = setInterval(() => document.visibilityState === "visible" && revalidator.revalidate(), 10_000);
    return () => clearInterval(timer);
  }, [data.degraded, revalidator]);

  const filtered = hasFilters(input);
  // No facet to offer (nothing found, nothing chosen): the results take the whole width.
  const facetsShown = FACETS.some((f) => (data.facets[f]?.length ?? 0) > 0 || input.filters[f].length > 0);
  return (
    <Card>
      <Typography.Title level={3}>政策检索</Typography.Title>
      <Form method="get" role="search" aria-label="检索政策" onSubmit={() => (typed.current = text.trim())}>
        <Space.Compact style={{ width: "100%", maxWidth: 720 }}>
          <Input
            name="q" size="large" allowClear autoComplete="off" aria-label="搜索政策" value={text} maxLength={200}
            placeholder="输入政策名称、文号或关键词，如“高企奖励”“稳岗返还”“研发费用”"
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />}>搜索</Button>
        </Space.Compact>
        {/* Submitting the box keeps the filters chosen. */}
        {[...params].filter(([k]) => k !== "q" && k !== "page").map(([k, v], i) => <input key={`${k}-${i}`} type="hidden" name={k} value={v} />)}
      </Form>

      <Space wrap size={[16, 8]} style={{ margin: "16px 0 8px" }}>
        <Space size={8}>
          <Typography.Text type="secondary">排序</Typography.Text>
          <Segmented
            aria-label="排序方式"
            value={input.sort}
            options={(Object.keys(SORTS) as SortKey[]).map((k) => ({ value: k, label: SORTS[k] }))}
            onChange={(v) => go(searchHref(params, { set: { sort: v === "relevance" ? null : String(v) } }))}
          />
        </Space>
        {data.mine.offered && (
          <Space size={8}>
            <Switch
              id="mine-switch" checked={data.mine.active} aria-describedby="mine-hint"
              onChange={(on) => go(searchHref(params, { set: { mine: on ? "1" : null } }))}
            />
            <label htmlFor="mine-switch" style={{ whiteSpace: "nowrap" }}>只看我符合的</label>
            <Typography.Text type="secondary" id="mine-hint">（据本企业匹配结果，共 {data.mine.qualifiedCount} 项政策）</Typography.Text>
          </Space>
        )}
      </Space>

      {data.degraded && (
        <Alert
          data-testid="search-degraded" type="warning" showIcon style={{ marginBottom: 12 }}
          message={data.degraded === "indexing" ? "检索索引正在建立，当前为基础检索" : "全文检索服务暂时不可用，当前为基础检索"}
          description={
            (data.degraded === "indexing"
              ? "首次启动或检索设置更新后需要建立索引，通常一分钟内完成。"
              : "结果来自数据库的关键词匹配，排序较简单，暂不能按适用行业、扶持金额筛选。") +
            "恢复后本页会自动切换回全文检索。"
          }
        />
      )}
      {data.notices.map((n) => <Alert key={n} type="info" showIcon message={n} style={{ marginBottom: 12 }} />)}

      <Row gutter={[24, 16]}>
        {facetsShown && (
          // On a phone the results come first and the filters below them.
          <Col xs={{ span: 24, order: 2 }} md={{ span: 7, order: 1 }} lg={{ span: 6, order: 1 }}>
            <Facets
              data={data}
              onToggle={(facet, value) => go(searchHref(params, { toggle: [facet, value] }))}
              clearHref={filtered ? searchHref(params, { clearFilters: true }) : null}
            />
          </Col>
        )}
        <Col xs={{ span: 24, order: 1 }} md={{ span: facetsShown ? 17 : 24, order: 2 }} lg={{ span: facetsShown ? 18 : 24, order: 2 }}>
          <div aria-busy={busy} style={{ opacity: busy ? 0.6 : 1, transition: "opacity .2s" }}>
            <Typography.Paragraph type="secondary" data-testid="search-summary" aria-live="polite" style={{ marginBottom: 12 }}>
              {input.q ? <>与“{input.q}”相关的政策</> : "全部政策"}共 <b>{data.total}</b> 项
              {data.mine.active && "（只看本企业符合的）"}
              {data.processingTimeMs !== null && `，用时 ${data.processingTimeMs} 毫秒`}
            </Typography.Paragraph>
            {data.hits.length ? (
              <div className="qq-hits">{data.hits.map((hit) => <HitCard key={hit.id} hit={hit} />)}</div>
            ) : (
              <NoResults data={data} params={params} />
            )}
            {data.pages > 1 && (
              <Pagination
                style={{ marginTop: 16 }} current={data.page} pageSize={PAGE_SIZE} total={Math.min(data.total, PAGE_SIZE * 1000)} showSizeChanger={false}
                showTotal={(t) => `共 ${t} 项`}
                onChange={(page) => go(searchHref(params, { page }))}
              />
            )}
          </div>
        </Col>
      </Row>
    </Card>
  );
}

function Facets({ data, onToggle, clearHref }: { data: PolicySearchResult; onToggle: (facet: Facet, value: string) => void; clearHref: string | null }) {
  return (
    <nav aria-label="筛选条件">
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        {clearHref && <Link to={clearHref} preventScrollReset>清除全部筛选</Link>}
        {FACETS.filter((f) => data.facets[f]).map((facet) => {
          const selected = data.input.filters[facet];
          const counts = ordered(facet, data.facets[facet] ?? []);
          // A chosen value stays visible (with 0) even when nothing matches it any more.
          for (const v of selected) if (!counts.some((c) => c.value === v)) counts.push({ value: v, count: 0 });
          if (!counts.length) return null;
          return (
            <fieldset key={facet} style={{ border: 0, margin: 0, padding: 0 }} data-testid={`facet-${facet}`}>
              <legend style={{ fontWeight: 600, marginBottom: 6, fontSize: 14 }}>{FACET_LABELS[facet]}</legend>
              <Space direction="vertical" size={4}>
                {counts.slice(0, facet === "issuers" || facet === "industries" ? 12 : undefined).map((c) => (
                  <Checkbox key={c.value} checked={selected.includes(c.value)} onChange={() => onToggle(facet, c.value)}>
                    {valueLabel(facet, c.value)} <span className="qq-muted">({c.count})</span>
                  </Checkbox>
                ))}
              </Space>
            </fieldset>
          );
        })}
      </Space>
    </nav>
  );
}

// Plain elements styled by public/app.css (qq-*), not antd components: a page of results renders
// about 150 of them, and each antd component's theme work is paid on every server render.
const TAG_CLASSES: Record<string, string> = {
  red: "qq-tag-red", volcano: "qq-tag-orange", blue: "qq-tag-blue", geekblue: "qq-tag-blue",
  success: "qq-tag-green", warning: "qq-tag-warn", error: "qq-tag-red", default: "",
};
const tag = (color: string | undefined) => `qq-tag ${TAG_CLASSES[color ?? "default"] ?? ""}`;

function HitCard({ hit }: { hit: PolicyHit }) {
  return (
    <article className="qq-hit" data-testid="search-hit" data-policy={hit.id}>
      <h5 className="qq-hit-title">
        <Link to={`/policies/${hit.id}`} aria-label={plain(hit.title)}><Highlight text={hit.title} /></Link>
      </h5>
      <div>
        <span className={tag(LEVEL_COLORS[hit.level])}>{hit.level}级</span>
        <span className={tag(STATUS_COLORS[hit.status])}>{hit.status}</span>
        {hit.deliveries.map((d) => <span key={d} className={d === "免申即享" ? "qq-tag qq-tag-green" : "qq-tag qq-tag-blue"}>{d}</span>)}
        {hit.amountText && <span className="qq-tag qq-tag-gold">{hit.amountText}</span>}
        {hit.qualifies && <span className="qq-tag qq-tag-green" data-testid="qualifies"><CheckCircleFilled /> 本企业符合</span>}
      </div>
      <div className="qq-muted qq-small">
        {hit.docNumber && <>文号：<Highlight text={hit.docNumber} />　</>}
        发文单位：<Highlight text={hit.issuer} />　有效期：{hit.effectiveFrom} 至 {hit.expiresOn ?? "长期"}
      </div>
      {hit.snippet && <p className="qq-hit-snippet"><Highlight text={hit.snippet} /></p>}
      {hit.clauses.length > 0 && (
        <div className="qq-small">
          相关条款：{hit.clauses.map((c, i) => <span key={i}>{i > 0 && "；"}<Highlight text={c} /></span>)}
        </div>
      )}
    </article>
  );
}

function NoResults({ data, params }: { data: PolicySearchResult; params: URLSearchParams }) {
  const { input, mine } = data;
  return (
    <Empty
      data-testid="search-empty"
      description={input.q ? `没有找到与“${input.q}”相关的政策` : "没有符合条件的政策"}
    >
      <div style={{ textAlign: "left", display: "inline-block", maxWidth: 560 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>可以试试：</Typography.Paragraph>
        <ul style={{ paddingLeft: 20, margin: 0, lineHeight: 2 }}>
          {mine.active && (
            <li>
              {mine.qualifiedCount === 0 ? "暂未生成本企业的匹配结果，或暂无符合的政策。" : "当前只显示本企业符合的政策。"}
              <Link to={searchHref(params, { set: { mine: null } })}>查看全部政策</Link>
            </li>
          )}
          {hasFilters(input) && <li>减少筛选条件：<Link to={searchHref(params, { clearFilters: true })}>清除全部筛选</Link></li>}
          <li>
            检查是否有错别字，或换个常用说法：
            {SUGGESTIONS.map((s) => <Link key={s} to={searchHref(new URLSearchParams(), { set: { q: s } })} style={{ marginRight: 8 }}>{s}</Link>)}
          </li>
          {input.q && <li>用更短的关键词，例如只输入政策名称中的两三个字。</li>}
        </ul>
      </div>
    </Empty>
  );
}
