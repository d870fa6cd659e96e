import { isValidOn, QUALIFICATION_KINDS, QUALIFICATIONS } from "~/companies/qualifications";
import { sectionOfDivision } from "~/companies/industry-sections";
import { SIZE_LABELS } from "~/companies/size";

/**
 * 事实目录: every company fact an eligibility rule may use, defined once. Profile pages show
 * them, the rule editor offers them, the matcher evaluates them; a new fact is one entry here.
 *
 * Facts about a year mean the year before the evaluation date ("上年度"), as policies do.
 * Ratios are percentages (5 means 5%).
 */
export type FactType = "number" | "boolean" | "enum" | "string" | "set";
export type FactValue = number | boolean | string | string[];

export interface IndicatorYear {
  year: number;
  revenue: number | null;
  rdExpense: number | null;
  taxPaid: number | null;
  totalAssets: number | null;
  highTechRevenue: number | null;
  employees: number | null;
  insuredStaff: number | null;
  scienceStaff: number | null;
  unemploymentInsurancePaid: number | null;
  insuranceMonthsPaid: number | null;
  layoffs: number | null;
}

/** What the facts are computed from: a company with its qualifications and yearly indicators. */
export interface FactSource {
  registeredAt: Date | null;
  registeredCapital: number | null;
  districtCode: string | null;
  streetCode: string | null;
  industryCode: string | null;
  sizeClass: string | null;
  parkGridId: string | null;
  tags: string[];
  qualifications: { kind: string; issuedAt: Date; expiresAt: Date | null }[];
  indicators: IndicatorYear[];
}

export interface FactDefinition {
  key: string;
  label: string;
  type: FactType;
  unit?: string;
  /** For enum and set facts: the allowed values with their Chinese labels. */
  values?: { value: string; label: string }[];
  group: "基本信息" | "行业与规模" | "资质" | "上年度指标" | "派生指标";
  /** How the value is obtained, shown to policy officers. */
  derivation: string;
  /** Every company has a value (an empty list at worst), so "missing data" cannot happen. */
  alwaysKnown?: true;
  /** For yes/no facts: how a rule reads when it requires yes, and when it requires no. */
  phrases?: { yes: string; no: string };
  compute: (source: FactSource, on: Date) => FactValue | undefined;
}

const lastYear = (s: FactSource, on: Date) => s.indicators.find((i) => i.year === on.getFullYear() - 1);
const yearBefore = (s: FactSource, on: Date) => s.indicators.find((i) => i.year === on.getFullYear() - 2);
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || b === 0 ? undefined : Math.round((a / b) * 10000) / 100;
const value = <T>(v: T | null | undefined) => (v == null ? undefined : v);

function indicator(key: Figure, label: string, unit: string): FactDefinition {
  return {
    key, label, unit, type: "number", group: "上年度指标",
    derivation: `上年度${label}（年度指标）`,
    compute: (s, on) => value(lastYear(s, on)?.[key]),
  };
}

type Figure = keyof Omit<IndicatorYear, "year">;

/** A last-year ratio in percent, e.g. 研发费用 ÷ 营业收入 × 100. */
function ratioFact(key: string, label: string, [num, numLabel]: [Figure, string], [den, denLabel]: [Figure, string]): FactDefinition {
  return {
    key, label, type: "number", unit: "%", group: "派生指标",
    derivation: `上年度${numLabel} ÷ 上年度${denLabel} × 100`,
    compute: (s, on) => ratio(lastYear(s, on)?.[num], lastYear(s, on)?.[den]),
  };
}

export const SIZE_VALUES = Object.entries(SIZE_LABELS).map(([value, label]) => ({ value, label }));

export const FACTS: FactDefinition[] = [
  {
    key: "districtCode", label: "注册地区县", type: "string", group: "基本信息",
    derivation: "企业登记的所属区县行政区划代码，如 410172（郑州高新区）",
    compute: (s) => value(s.districtCode),
  },
  {
    key: "streetCode", label: "注册地街道", type: "string", group: "基本信息",
    derivation: "企业登记的所属街道（乡镇）行政区划代码",
    compute: (s) => value(s.streetCode),
  },
  {
    key: "inPark", label: "入驻园区", type: "boolean", group: "基本信息", alwaysKnown: true, phrases: { yes: "入驻园区", no: "未入驻园区" },
    derivation: "是否属于某个园区专属网格",
    compute: (s) => s.parkGridId !== null,
  },
  {
    key: "registeredYears", label: "成立年限", type: "number", unit: "年", group: "基本信息",
    derivation: "评估日与成立日期相差的整年数",
    compute: (s, on) => {
      if (!s.registeredAt) return undefined;
      const r = s.registeredAt;
      let years = on.getFullYear() - r.getFullYear();
      if (on.getMonth() < r.getMonth() || (on.getMonth() === r.getMonth() && on.getDate() < r.getDate())) years--;
      return years;
    },
  },
  {
    key: "registeredCapital", label: "注册资本", type: "number", unit: "万元", group: "基本信息",
    derivation: "登记的注册资本",
    compute: (s) => value(s.registeredCapital),
  },
  {
    key: "tags", label: "企业标签", type: "set", group: "基本信息", alwaysKnown: true,
    derivation: "网格和部门给企业打的标签，如 重点企业、上市后备",
    compute: (s) => s.tags,
  },
  {
    key: "industryCode", label: "行业代码", type: "string", group: "行业与规模",
    derivation: "GB/T 4754-2017 国民经济行业分类代码（通常为 4 位小类）",
    compute: (s) => value(s.industryCode),
  },
  {
    key: "industrySection", label: "行业门类", type: "string", group: "行业与规模",
    derivation: "GB/T 4754-2017 门类字母，如 C（制造业）、I（信息传输、软件和信息技术服务业）",
    compute: (s) => (s.industryCode ? sectionOfDivision(s.industryCode.slice(0, 2)) : undefined),
  },
  {
    key: "industryDivision", label: "行业大类", type: "string", group: "行业与规模",
    derivation: "GB/T 4754-2017 两位大类代码，如 65（软件和信息技术服务业）",
    compute: (s) => (s.industryCode ? s.industryCode.slice(0, 2) : undefined),
  },
  {
    key: "sizeClass", label: "企业规模", type: "enum", values: SIZE_VALUES, group: "行业与规模",
    derivation: "按《中小企业划型标准规定》（工信部联企业〔2011〕300号）由行业和上年度指标划分",
    compute: (s) => value(s.sizeClass),
  },
  {
    key: "isSme", label: "中小微企业", type: "boolean", group: "行业与规模", phrases: { yes: "为中小微企业", no: "不是中小微企业" },
    derivation: "企业规模为中型、小型或微型",
    compute: (s) => (s.sizeClass ? s.sizeClass !== "LARGE" : undefined),
  },
  {
    key: "qualifications", label: "有效资质", type: "set", group: "资质", alwaysKnown: true,
    values: QUALIFICATION_KINDS.map((k) => ({ value: k, label: QUALIFICATIONS[k].label })),
    derivation: "评估日仍在有效期内的资质（认定日期 ≤ 评估日 ≤ 有效期截止日）",
    compute: (s, on) => [...new Set(s.qualifications.filter((q) => isValidOn(q, on)).map((q) => q.kind))].sort(),
  },
  indicator("revenue", "营业收入", "万元"),
  indicator("rdExpense", "研发费用", "万元"),
  indicator("taxPaid", "纳税总额", "万元"),
  indicator("totalAssets", "资产总额", "万元"),
  indicator("highTechRevenue", "高新技术产品收入", "万元"),
  indicator("employees", "从业人员", "人"),
  indicator("insuredStaff", "参保人数", "人"),
  indicator("scienceStaff", "科技人员", "人"),
  indicator("unemploymentInsurancePaid", "失业保险缴费", "万元"),
  indicator("insuranceMonthsPaid", "失业保险足额缴费月数", "月"),
  indicator("layoffs", "裁员人数", "人"),
  ratioFact("rdRatio", "研发费用占营业收入比例", ["rdExpense", "研发费用"], ["revenue", "营业收入"]),
  ratioFact("highTechRevenueRatio", "高新技术产品收入占比", ["highTechRevenue", "高新技术产品收入"], ["revenue", "营业收入"]),
  ratioFact("scienceStaffRatio", "科技人员占比", ["scienceStaff", "科技人员"], ["employees", "从业人员"]),
  ratioFact("layoffRate", "裁员率", ["layoffs", "裁员人数"], ["insuredStaff", "参保人数"]),
  {
    key: "revenueGrowth", label: "营业收入增长率", type: "number", unit: "%", group: "派生指标",
    derivation: "（上年度营业收入 − 前年营业收入）÷ 前年营业收入 × 100",
    compute: (s, on) => {
      const a = lastYear(s, on)?.revenue;
      const b = yearBefore(s, on)?.revenue;
      return a == null || b == null || b === 0 ? undefined : Math.round(((a - b) / b) * 10000) / 100;
    },
  },
];

export const FACTS_BY_KEY: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.key, f]));

/** All facts of one company on one date; a fact whose data is missing is absent. */
export function computeFacts(source: FactSource, on: Date): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  for (const f of FACTS) {
    const v = f.compute(source, on);
    if (v !== undefined) facts[f.key] = v;
  }
  return facts;
}
