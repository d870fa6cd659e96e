import { useCallback, useMemo, useState } from "react";
import {
  QueryBuilder,
  type Field,
  type OptionGroup,
  type RuleGroupType,
  type RuleGroupTypeAny,
  type RuleType,
  type Translations,
  type ValueSourceFlexibleOptions,
  type ValueSources,
} from "react-querybuilder";
import { QueryBuilderAntD } from "@react-querybuilder/antd";
import { Alert, Button, Input, Tabs, Typography } from "antd";
import { FACTS, FACTS_BY_KEY, type FactDefinition } from "~/companies/facts";
import { OPERATOR_LABELS, type Operator, type TopCondition } from "~/rules/conditions";
import { fromQuery, isListOperator, parseRuleJson, readablePath, toQuery, type QueryGroup } from "~/rules/querybuilder";
import { conditionsToChinese } from "~/rules/render-zh";
import { CONTROLS, DEFAULT_TAGS, factLabel, GROUPS, type EditorContext } from "./rule-editor-controls";
import { MAX_DEPTH, missingDataWarnings, OPERATORS_BY_TYPE, validateConditions, type RuleProblem } from "~/rules/validate";

/**
 * The visual eligibility-rule editor for policy officers (react-querybuilder with antd controls).
 *
 * Made for a plain Remix <Form>: the rule is posted as JSON in a hidden <input name={name}>, always
 * the builder's current state. The server must still check it:
 *
 *   const { rule, problems } = parseRuleJson(String(formData.get("conditions") ?? ""));
 *
 * A JSON tab edits the same rule as text (kept in sync both ways); below the editor the rule reads
 * as one Chinese sentence, with validation problems and missing-data warnings.
 */
export interface RuleEditorProps {
  /** Name of the hidden form field carrying the rule as JSON. */
  name: string;
  /** The rule to start from (json-rules-engine conditions; the top is an all/any group). */
  defaultValue: TopCondition;
  /** Called with every change of the rule, and what the validator finds in it. */
  onChange?: (rule: TopCondition, problems: RuleProblem[]) => void;
  /** Known company tags offered for "企业标签" (free text is accepted too). */
  tagSuggestions?: string[];
  /** Accessible name of the editor, e.g. the clause it edits. */
  label?: string;
}


export function RuleEditor({ name, defaultValue, onChange, tagSuggestions = DEFAULT_TAGS, label = "适用条件" }: RuleEditorProps) {
  const [query, setQuery] = useState<QueryGroup>(() => toQuery(defaultValue));
  const [text, setText] = useState(() => pretty(defaultValue));
  const [jsonProblems, setJsonProblems] = useState<RuleProblem[]>([]);
  const [tab, setTab] = useState("visual");

  // The rule as json-rules-engine reads it, and where each builder node sits in it.
  const { rule, pathsById } = useMemo(() => {
    const paths = new Map<string, string>();
    const r = fromQuery(query, (id, path) => id && paths.set(id, path));
    return { rule: r, pathsById: paths };
  }, [query]);
  const problems = useMemo(() => validateConditions(rule), [rule]);
  const warnings = useMemo(() => missingDataWarnings(rule), [rule]);
  const sentence = useMemo(() => safeSentence(rule), [rule]);

  const invalidIds = useMemo(() => {
    const bad = new Set(problems.map((p) => p.path));
    const ids = new Set<string>();
    for (const [id, path] of pathsById) {
      const at = (s: string) => (path ? `${path}.${s}` : s);
      if (bad.has(path) || ["all", "any", "not.all", "not.any"].some((s) => bad.has(at(s)))) ids.add(id);
    }
    return ids;
  }, [problems, pathsById]);

  const onQueryChange = useCallback(
    (q: RuleGroupTypeAny) => {
      const next = normalize(q as QueryGroup);
      setQuery(next);
      const r = fromQuery(next);
      setText(pretty(r));
      setJsonProblems([]);
      onChange?.(r, validateConditions(r));
    },
    [onChange],
  );

  const onTextChange = (value: string) => {
    setText(value);
    const parsed = parseRuleJson(value);
    setJsonProblems(parsed.problems);
    if (parsed.rule) {
      setQuery(toQuery(parsed.rule));
      onChange?.(parsed.rule, []);
    }
  };

  const context = useMemo<EditorContext>(() => ({ tagSuggestions }), [tagSuggestions]);
  const getRuleClassname = useCallback((r: RuleType) => (r.id && invalidIds.has(r.id) ? "qq-invalid" : ""), [invalidIds]);
  const getRuleGroupClassname = useCallback((g: RuleGroupTypeAny) => (g.id && invalidIds.has(g.id) ? "qq-invalid" : ""), [invalidIds]);

  const builder = (
    <QueryBuilderAntD>
      <QueryBuilder
        query={query}
        onQueryChange={onQueryChange}
        fields={FIELDS}
        combinators={COMBINATORS}
        getOperators={getOperators}
        getValueSources={getValueSources}
        getDefaultOperator={getDefaultOperator}
        getDefaultValue={getDefaultValue}
        controlElements={CONTROLS}
        translations={TRANSLATIONS}
        context={context}
        getRuleClassname={getRuleClassname}
        getRuleGroupClassname={getRuleGroupClassname}
        showNotToggle
        listsAsArrays
        enableMountQueryChange={false}
        maxLevels={MAX_DEPTH - 1}
        idGenerator={newId}
        accessibleDescriptionGenerator={describeGroup}
      />
    </QueryBuilderAntD>
  );

  const jsonView = (
    <div className="qq-rule-json">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按 json-rules-engine 格式直接编辑条件。内容有效时自动同步到“可视化编辑”；提交的始终是可视化编辑器中的规则。
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 28 }}
        spellCheck={false}
        aria-label={`${label}（JSON）`}
        aria-invalid={jsonProblems.length > 0}
        aria-describedby={jsonProblems.length ? `${name}-json-problems` : undefined}
        status={jsonProblems.length ? "error" : undefined}
        className="qq-rule-json-text"
      />
      {jsonProblems.length ? (
        <div id={`${name}-json-problems`}>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            title="JSON 未同步到可视化编辑器"
            description={
              <>
                <ProblemList problems={jsonProblems} />
                <div className="qq-muted" style={{ marginTop: 4 }}>可视化编辑器保持修改前的规则，表单提交的也是它。</div>
                <Button size="small" style={{ marginTop: 8 }} onClick={() => { setText(pretty(rule)); setJsonProblems([]); }}>
                  放弃 JSON 修改，恢复为当前规则
                </Button>
              </>
            }
          />
        </div>
      ) : null}
    </div>
  );

  return (
    <div className="qq-rule-editor" role="group" aria-label={label} onKeyDown={keepEnterInside}>
      {/* Raw CSS: as a text child React would escape its quotes and ">" and hydration would differ. */}
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <input type="hidden" name={name} value={JSON.stringify(rule)} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        size="small"
        items={[
          { key: "visual", label: "可视化编辑", children: builder },
          { key: "json", label: jsonProblems.length ? <span className="qq-tab-error">JSON ●</span> : "JSON", children: jsonView },
        ]}
      />
      <section className="qq-rule-summary" aria-label="规则表述和校验结果" aria-live="polite">
        <div className="qq-rule-sentence">
          <Typography.Text type="secondary" className="qq-rule-caption">规则表述</Typography.Text>
          <div>{sentence || <span className="qq-muted">（尚未设置条件）</span>}</div>
        </div>
        {problems.length ? (
          <Alert type="error" showIcon title={`有 ${problems.length} 处需要修改，修改前不能保存`} description={<ProblemList problems={problems} />} />
        ) : (
          <Alert type="success" showIcon title="规则校验通过" />
        )}
        {warnings.length ? (
          <Alert type="warning" showIcon title="请留意：数据缺失的企业也会符合以下否定条件" description={<ProblemList problems={warnings} />} />
        ) : null}
      </section>
    </div>
  );
}

function ProblemList({ problems }: { problems: RuleProblem[] }) {
  return (
    <ul className="qq-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.path ? <span className="qq-problem-where">{readablePath(p.path)}</span> : null}
          {/* The validator names the value it got; an empty one is simply not filled in yet. */}
          {p.message.replace(/，不是“”$/, "，尚未填写")}
        </li>
      ))}
    </ul>
  );
}

/** Enter in a value box confirms the value; it must not submit the surrounding form half-edited. */
function keepEnterInside(e: React.KeyboardEvent<HTMLDivElement>) {
  if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
}

function pretty(rule: unknown): string {
  return JSON.stringify(rule, null, 2);
}

function safeSentence(rule: TopCondition): string {
  try {
    return conditionsToChinese(rule);
  } catch {
    return "";
  }
}

let counter = 0;
function newId(): string {
  counter += 1;
  return `n${Date.now().toString(36)}${counter}`;
}

function describeGroup({ path }: { path: number[] }): string {
  return path.length ? `条件组 ${path.map((i) => i + 1).join("-")}` : "整条规则";
}

/** Fact-to-fact comparison only with single-value operators: a list operator drops it. */
function normalize(q: QueryGroup): QueryGroup {
  let changed = false;
  const fix = (g: RuleGroupType): RuleGroupType => {
    const rules = g.rules.map((r) => {
      if (typeof r === "string") return r;
      if ("rules" in r) return fix(r);
      if (r.valueSource === "field" && isListOperator(r.operator)) {
        changed = true;
        return { ...r, valueSource: "value" as const, value: [] };
      }
      return r;
    });
    return changed ? { ...g, rules } : g;
  };
  const next = fix(q) as QueryGroup;
  return changed ? next : q;
}

// ---------------------------------------------------------------------------------------------
// What the builder offers: facts grouped as the catalogue groups them, operators by fact type.

const FIELDS: OptionGroup<Field>[] = GROUPS.map((group) => ({
  label: group,
  options: FACTS.filter((f) => f.group === group).map((f) => ({ name: f.key, value: f.key, label: factLabel(f) })),
}));

const COMBINATORS = [
  { name: "and", value: "and", label: "全部满足" },
  { name: "or", value: "or", label: "满足其一" },
];

function operatorLabel(fact: FactDefinition | undefined, op: Operator): string {
  if (fact?.key === "qualifications") return op === "contains" ? "持有有效资质" : "未持有有效资质";
  return OPERATOR_LABELS[op];
}

function getOperators(field: string) {
  const fact = FACTS_BY_KEY.get(field);
  const operators = fact ? OPERATORS_BY_TYPE[fact.type] : (Object.keys(OPERATOR_LABELS) as Operator[]);
  return operators.map((op) => ({ name: op, value: op, label: operatorLabel(fact, op) }));
}

const VALUE_OR_FIELD: ValueSourceFlexibleOptions = [
  { name: "value", value: "value", label: "填写数值" },
  { name: "field", value: "field", label: "与另一指标比较" },
];

function getValueSources(field: string, operator: string): ValueSources | ValueSourceFlexibleOptions {
  const fact = FACTS_BY_KEY.get(field);
  return fact?.type === "number" && !isListOperator(operator) ? VALUE_OR_FIELD : ["value"];
}

/** Thresholds ("不低于") are what policies mostly ask of figures; otherwise the first operator. */
function getDefaultOperator(field: string): string {
  const fact = FACTS_BY_KEY.get(field);
  if (fact?.type === "number") return "greaterThanInclusive";
  return fact ? OPERATORS_BY_TYPE[fact.type][0] : "equal";
}

function getDefaultValue(rule: RuleType) {
  const fact = FACTS_BY_KEY.get(rule.field);
  if (rule.valueSource === "field") return "";
  if (isListOperator(rule.operator)) return [];
  if (fact?.type === "boolean") return true;
  return "";
}

const TRANSLATIONS: Partial<Translations> = {
  fields: { title: "指标", placeholderLabel: "请选择指标", placeholderGroupLabel: "请选择指标" },
  operators: { title: "比较方式", placeholderLabel: "请选择", placeholderGroupLabel: "请选择" },
  values: { title: "取值", placeholderLabel: "请选择", placeholderGroupLabel: "请选择" },
  value: { title: "取值" },
  addRule: { label: "添加条件", title: "在这一组中添加一个条件" },
  addGroup: { label: "添加条件组", title: "在这一组中添加一个条件组" },
  removeRule: { label: "删除", title: "删除这个条件" },
  removeGroup: { label: "删除", title: "删除这个条件组及其中全部条件" },
  combinators: { title: "组内条件的组合方式" },
  notToggle: { label: "不满足", title: "取反：组内条件不成立的企业才符合" },
  valueSourceSelector: { title: "比较对象" },
};

// ---------------------------------------------------------------------------------------------
// Layout (react-querybuilder's structure, scoped to the editor; antd draws the controls).

const CSS = `
.qq-rule-editor .queryBuilder { font-size: 14px; }
.qq-rule-editor .ruleGroup { display: flex; flex-direction: column; gap: 8px; padding: 10px 12px; border: 1px solid #d6dfeb; border-radius: 8px; background: #f5f8fc; }
.qq-rule-editor .ruleGroup .ruleGroup { background: #fff; border-color: #dfe5ee; }
.qq-rule-editor .ruleGroup .ruleGroup .ruleGroup { background: #f7f9fc; }
.qq-rule-editor .ruleGroup[data-not="true"] { border-color: #f3b8b5; box-shadow: inset 3px 0 0 #e8685f; }
.qq-rule-editor .ruleGroup-header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.qq-rule-editor .ruleGroup-body { display: flex; flex-direction: column; gap: 8px; counter-reset: qq-item; }
.qq-rule-editor .ruleGroup-body:empty { display: none; }
.qq-rule-editor .rule { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 10px; background: #fff; border: 1px solid #e3e8ef; border-radius: 6px; }
.qq-rule-editor .ruleGroup-body > .rule::before,
.qq-rule-editor .ruleGroup-body > .ruleGroup > .ruleGroup-header::before {
  counter-increment: qq-item; content: counter(qq-item); display: inline-flex; align-items: center; justify-content: center;
  min-width: 22px; height: 22px; padding: 0 4px; border-radius: 11px; background: #e8eef8; color: #1f5fbf; font-size: 12px; font-weight: 600;
}
.qq-rule-editor .rule-remove, .qq-rule-editor .ruleGroup-remove { margin-left: auto; }
.qq-rule-editor .qq-invalid { border-color: #ff7875 !important; box-shadow: 0 0 0 2px rgba(255, 77, 79, 0.12); }
.qq-rule-editor .qq-combinator { display: inline-flex; align-items: center; gap: 6px; }
.qq-rule-editor .qq-combinator-lead, .qq-rule-editor .qq-combinator-tail { color: rgba(0, 0, 0, 0.65); }
.qq-rule-editor .qq-industry-code { display: inline-flex; align-items: center; gap: 8px; }
.qq-rule-editor .qq-error-text { color: #ff4d4f; }
.qq-rule-editor .qq-muted { color: rgba(0, 0, 0, 0.45); }
.qq-rule-editor .qq-tab-error { color: #ff4d4f; }
.qq-rule-editor .qq-rule-json-text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
.qq-rule-editor .qq-rule-summary { display: flex; flex-direction: column; gap: 8px; margin-top: 12px; }
.qq-rule-editor .qq-rule-sentence { padding: 10px 12px; background: #fafbfc; border: 1px solid #e8ebf0; border-left: 3px solid #1f5fbf; border-radius: 6px; line-height: 1.8; }
.qq-rule-editor .qq-rule-caption { display: block; font-size: 12px; }
.qq-rule-editor .qq-problems { margin: 0; padding-left: 18px; }
.qq-rule-editor .qq-problem-where { display: inline-block; margin-right: 6px; padding: 0 6px; font-size: 12px; line-height: 20px; border-radius: 4px; background: rgba(0, 0, 0, 0.04); color: rgba(0, 0, 0, 0.65); }
`;
