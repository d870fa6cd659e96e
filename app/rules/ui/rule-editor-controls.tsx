import { useMemo } from "react";
import {
  type ActionProps,
  type CombinatorSelectorProps,
  type FieldSelectorProps,
  type FullOption,
  type FullOptionList,
  type NotToggleProps,
  type OperatorSelectorProps,
  type OptionGroup,
  type ValueEditorProps,
  type ValueSourceSelectorProps,
} from "react-querybuilder";
import { AntDValueEditor } from "@react-querybuilder/antd";
import { AutoComplete, Button, Checkbox, Input, InputNumber, Radio, Select, Space } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { FACTS, FACTS_BY_KEY, type FactDefinition } from "~/companies/facts";
import { industryLabel, isValidIndustryCode } from "~/companies/industry";
import { CLASSES, DIVISIONS } from "~/companies/industry-divisions";
import { divisionsOfSection, SECTIONS } from "~/companies/industry-sections";
import { DISTRICT_NAMES } from "~/grids/districts";
import { isListOperator } from "~/rules/querybuilder";

/**
 * The rule editor's controls: react-querybuilder's selectors, actions and value editors drawn
 * with antd, and a value editor per kind of fact (qualifications, districts, industries, tags…).
 */
export interface EditorContext {
  tagSuggestions: string[];
}

export const DEFAULT_TAGS = ["重点企业", "上市后备", "总部企业", "外资企业", "招商引资", "出口企业", "严重失信", "经营异常"];

export const GROUPS = [...new Set(FACTS.map((f) => f.group))];

export function factLabel(f: FactDefinition): string {
  return f.unit ? `${f.label}（${f.unit}）` : f.label;
}

// ---------------------------------------------------------------------------------------------
// Controls (antd). Each puts RQB's className on its outer element so the layout CSS applies.

type AntdOption = { value: string; label: string } | { label: string; options: { value: string; label: string }[] };

function antdOptions(options: FullOptionList<FullOption>): AntdOption[] {
  return (options as (FullOption | OptionGroup<FullOption>)[]).map((o) =>
    "options" in o
      ? { label: String(o.label), options: (o.options as FullOption[]).map((x) => ({ value: x.name, label: String(x.label) })) }
      : { value: o.name, label: String(o.label) },
  );
}

function FieldSelector({ className, options, value, handleOnChange, disabled, title }: FieldSelectorProps) {
  const opts = useMemo(() => antdOptions(options as FullOptionList<FullOption>), [options]);
  return (
    <Select
      className={className}
      value={value}
      onChange={handleOnChange}
      options={opts}
      disabled={disabled}
      aria-label={title}
      showSearch={{ optionFilterProp: "label" }}
      popupMatchSelectWidth={false}
      style={{ width: 260 }}
    />
  );
}

function OperatorSelector({ className, options, value, handleOnChange, disabled, title }: OperatorSelectorProps) {
  const opts = useMemo(() => antdOptions(options as FullOptionList<FullOption>), [options]);
  const longest = Math.max(...opts.map((o) => ("options" in o ? 0 : o.label.length)));
  return (
    <Select
      className={className}
      value={value}
      onChange={handleOnChange}
      options={opts}
      disabled={disabled}
      aria-label={title}
      popupMatchSelectWidth={false}
      style={{ width: Math.max(104, longest * 14 + 48) }}
    />
  );
}

/** "填写数值" or "与另一指标比较"; the closed select shows it short to keep the row calm. */
function ValueSourceSelector({ className, options, value, handleOnChange, disabled, title }: ValueSourceSelectorProps) {
  const opts = useMemo(() => antdOptions(options as FullOptionList<FullOption>), [options]);
  return (
    <Select
      className={className}
      value={value}
      onChange={handleOnChange}
      options={opts}
      disabled={disabled}
      aria-label={title}
      labelRender={({ value: v }) => (v === "field" ? "比较指标" : "填写数值")}
      popupMatchSelectWidth={false}
      style={{ width: 112 }}
    />
  );
}

function CombinatorSelector({ className, options, value, handleOnChange, disabled, title, level }: CombinatorSelectorProps) {
  return (
    <span className={`${className ?? ""} qq-combinator`}>
      <span className="qq-combinator-lead">{level === 0 ? "企业须" : "以下条件"}</span>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        size="small"
        value={value}
        disabled={disabled}
        aria-label={title}
        onChange={(e) => handleOnChange(e.target.value)}
        options={(options as FullOption[]).map((o) => ({ value: o.name, label: String(o.label) }))}
      />
      <span className="qq-combinator-tail">{level === 0 ? "以下条件" : null}</span>
    </span>
  );
}

function NotToggle({ className, checked, handleOnChange, disabled, title, label, level }: NotToggleProps) {
  if (level === 0) return null; // the top of a rule is always an all/any group
  return (
    <Checkbox className={className} checked={!!checked} disabled={disabled} title={title} onChange={(e) => handleOnChange(e.target.checked)}>
      {label}
    </Checkbox>
  );
}

function AddAction({ className, handleOnClick, disabled, title, label }: ActionProps) {
  return (
    <Button className={className} size="small" icon={<PlusOutlined />} title={title} disabled={disabled} onClick={(e) => handleOnClick(e)}>
      {label}
    </Button>
  );
}

function RemoveAction({ className, handleOnClick, disabled, title, label }: ActionProps) {
  return (
    <Button className={className} size="small" type="text" danger icon={<DeleteOutlined />} title={title} aria-label={title} disabled={disabled} onClick={(e) => handleOnClick(e)}>
      {label}
    </Button>
  );
}

// ---------------------------------------------------------------------------------------------
// Value editors by fact type.

const DISTRICT_OPTIONS = Object.entries(DISTRICT_NAMES)
  .filter(([code]) => code.length === 6)
  .map(([code, districtName]) => ({ value: code, label: districtName }));
const SECTION_OPTIONS = SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }));
const DIVISION_OPTIONS = SECTIONS.map((s) => ({
  label: `${s.code} ${s.name}`,
  options: divisionsOfSection(s.code).filter((d) => DIVISIONS[d]).map((d) => ({ value: d, label: `${d} ${DIVISIONS[d]}` })),
}));
const CLASS_OPTIONS = Object.keys(DIVISIONS)
  .map((d) => ({
    label: `${d} ${DIVISIONS[d]}`,
    options: Object.keys(CLASSES).filter((c) => c.startsWith(d)).sort().map((c) => ({ value: c, label: `${c} ${CLASSES[c]}` })),
  }))
  .filter((g) => g.options.length);
const NUMBER_FACT_OPTIONS = GROUPS.map((group) => ({
  label: group,
  options: FACTS.filter((f) => f.group === group && f.type === "number").map((f) => ({ value: f.key, label: factLabel(f) })),
})).filter((g) => g.options.length);

function choicesFor(fact: FactDefinition): AntdOption[] | null {
  if (fact.values) return fact.values.map((v) => ({ value: v.value, label: v.label }));
  switch (fact.key) {
    case "districtCode": return DISTRICT_OPTIONS;
    case "industrySection": return SECTION_OPTIONS;
    case "industryDivision": return DIVISION_OPTIONS;
    default: return null;
  }
}

/** Lists take the rest of the row (and grow in height) so the delete button stays on the line. */
const LIST_STYLE = { flex: "1 1 280px", minWidth: 240, maxWidth: 640 };
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === "" || v == null ? [] : [v]);
const asSingle = (v: unknown): unknown => (Array.isArray(v) ? (v[0] ?? "") : v);
const filterByLabel = (input: string, option?: { label?: unknown; value?: unknown }) =>
  `${String(option?.label ?? "")} ${String(option?.value ?? "")}`.toLowerCase().includes(input.trim().toLowerCase());

function ValueEditor(props: ValueEditorProps) {
  const { field, operator, value, handleOnChange, valueSource, className, disabled, context } = props;
  const fact = FACTS_BY_KEY.get(field);
  if (!fact) return <AntDValueEditor {...props} />;
  const aria = `${fact.label}的取值`;
  const list = isListOperator(operator);
  const common = { className, disabled, "aria-label": aria };

  if (valueSource === "field") {
    return (
      <Select
        {...common}
        aria-label={`与“${fact.label}”比较的指标`}
        value={typeof value === "string" && value ? value : undefined}
        placeholder="选择另一指标"
        onChange={handleOnChange}
        options={NUMBER_FACT_OPTIONS.map((g) => ({ ...g, options: g.options.filter((o) => o.value !== field) }))}
        showSearch={{ optionFilterProp: "label" }}
        popupMatchSelectWidth={false}
        style={{ width: 230 }}
      />
    );
  }

  if (fact.type === "boolean") {
    const v = asSingle(value);
    return (
      <Radio.Group
        {...common}
        optionType="button"
        buttonStyle="solid"
        value={v === true || v === "true" ? true : v === false || v === "false" ? false : undefined}
        onChange={(e) => handleOnChange(e.target.value)}
        options={[{ value: true, label: "是" }, { value: false, label: "否" }]}
      />
    );
  }

  if (fact.type === "number") {
    if (list) {
      return (
        <Select
          {...common}
          mode="tags"
          value={asList(value).map(String)}
          onChange={(vs: string[]) => handleOnChange(vs.map((s) => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s)))}
          tokenSeparators={[",", "，", "、", " "]}
          placeholder={`输入数值后回车，可填多个${fact.unit ? `（${fact.unit}）` : ""}`}
          open={false}
          suffixIcon={null}
          style={LIST_STYLE}
        />
      );
    }
    const v = asSingle(value);
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null;
    return (
      <Space.Compact className={className}>
        <InputNumber
          disabled={disabled}
          aria-label={fact.unit ? `${aria}（${fact.unit}）` : aria}
          value={n}
          onChange={(x) => handleOnChange(x ?? "")}
          placeholder="请输入"
          status={n === null ? "warning" : undefined}
          style={{ width: 140 }}
        />
        {fact.unit ? <Space.Addon>{fact.unit}</Space.Addon> : null}
      </Space.Compact>
    );
  }

  if (fact.key === "tags") {
    const { tagSuggestions } = (context ?? { tagSuggestions: DEFAULT_TAGS }) as EditorContext;
    return (
      <AutoComplete
        {...common}
        value={String(asSingle(value) ?? "")}
        onChange={(v: string) => handleOnChange(v)}
        options={tagSuggestions.map((t) => ({ value: t, label: t }))}
        showSearch={{ filterOption: filterByLabel }}
        placeholder="输入或选择标签"
        style={{ width: 200 }}
      />
    );
  }

  if (fact.key === "industryCode") {
    if (list) {
      return (
        <Select
          {...common}
          mode="tags"
          value={asList(value).map(String)}
          onChange={handleOnChange}
          options={CLASS_OPTIONS}
          showSearch={{ filterOption: filterByLabel }}
          tokenSeparators={[",", "，", "、", " "]}
          placeholder="选择或输入行业代码，可多个"
          popupMatchSelectWidth={false}
          style={LIST_STYLE}
        />
      );
    }
    const code = String(asSingle(value) ?? "");
    const bad = code !== "" && !isValidIndustryCode(code);
    return (
      <span className={`${className ?? ""} qq-industry-code`}>
        <AutoComplete
          disabled={disabled}
          aria-label={aria}
          value={code}
          onChange={(v: string) => handleOnChange(v.trim())}
          options={CLASS_OPTIONS}
          showSearch={{ filterOption: filterByLabel }}
          placeholder="如 3841"
          status={bad ? "error" : undefined}
          popupMatchSelectWidth={false}
          style={{ width: 140 }}
        />
        <span className={bad ? "qq-error-text" : "qq-muted"}>{code ? (bad ? "不是有效的国民经济行业代码" : industryLabel(code)) : null}</span>
      </span>
    );
  }

  const choices = choicesFor(fact);
  if (choices) {
    return (
      <Select
        {...common}
        mode={list ? "multiple" : undefined}
        value={list ? asList(value).map(String) : asSingle(value) === "" ? undefined : String(asSingle(value))}
        onChange={handleOnChange}
        options={choices}
        placeholder={list ? "可选择多项" : "请选择"}
        showSearch={{ filterOption: filterByLabel }}
        allowClear={list}
        popupMatchSelectWidth={false}
        style={list ? LIST_STYLE : { minWidth: 200 }}
      />
    );
  }

  if (list) {
    return (
      <Select
        {...common}
        mode="tags"
        value={asList(value).map(String)}
        onChange={handleOnChange}
        tokenSeparators={[",", "，", "、", " "]}
        placeholder="输入后回车，可填多个"
        open={false}
        suffixIcon={null}
        style={LIST_STYLE}
      />
    );
  }
  return <Input {...common} value={String(asSingle(value) ?? "")} onChange={(e) => handleOnChange(e.target.value)} placeholder="请输入" style={{ width: 200 }} />;
}

export const CONTROLS = {
  fieldSelector: FieldSelector,
  operatorSelector: OperatorSelector,
  valueSourceSelector: ValueSourceSelector,
  combinatorSelector: CombinatorSelector,
  notToggle: NotToggle,
  addRuleAction: AddAction,
  addGroupAction: AddAction,
  removeRuleAction: RemoveAction,
  removeGroupAction: RemoveAction,
  valueEditor: ValueEditor,
};

