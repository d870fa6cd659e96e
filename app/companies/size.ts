/**
 * 企业规模划分 per《中小企业划型标准规定》（工信部联企业〔2011〕300号）. Thresholds are the
 * text's, article 4; the GB/T 4754-2017 codes of each sector follow the statistical translation
 * of the same rule,《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号).
 * Money in 万元, people in persons. Pure: safe in the browser.
 */
import { industryByCode } from "./industry";
import { SECTIONS, sectionOfDivision } from "./industry-sections";

export type CompanySize = "LARGE" | "MEDIUM" | "SMALL" | "MICRO";

export const SIZE_LABELS: Record<CompanySize, string> = { LARGE: "大型", MEDIUM: "中型", SMALL: "小型", MICRO: "微型" };

export type SizeSector =
  | "AGRICULTURE"
  | "INDUSTRY"
  | "CONSTRUCTION"
  | "WHOLESALE"
  | "RETAIL"
  | "TRANSPORT"
  | "WAREHOUSING"
  | "POSTAL"
  | "ACCOMMODATION"
  | "CATERING"
  | "INFO_TRANSMISSION"
  | "SOFTWARE_IT"
  | "REAL_ESTATE_DEVELOPMENT"
  | "PROPERTY_MANAGEMENT"
  | "LEASING_BUSINESS"
  | "OTHER";

export const SIZE_SECTOR_LABELS: Record<SizeSector, string> = {
  AGRICULTURE: "农、林、牧、渔业",
  INDUSTRY: "工业",
  CONSTRUCTION: "建筑业",
  WHOLESALE: "批发业",
  RETAIL: "零售业",
  TRANSPORT: "交通运输业",
  WAREHOUSING: "仓储业",
  POSTAL: "邮政业",
  ACCOMMODATION: "住宿业",
  CATERING: "餐饮业",
  INFO_TRANSMISSION: "信息传输业",
  SOFTWARE_IT: "软件和信息技术服务业",
  REAL_ESTATE_DEVELOPMENT: "房地产开发经营",
  PROPERTY_MANAGEMENT: "物业管理",
  LEASING_BUSINESS: "租赁和商务服务业",
  OTHER: "其他未列明行业",
};

export type SizeFigure = "employees" | "revenue" | "totalAssets";

export const SIZE_FIGURE_LABELS: Record<SizeFigure, string> = {
  employees: "从业人员",
  revenue: "营业收入",
  totalAssets: "资产总额",
};
const UNITS: Record<SizeFigure, string> = { employees: "人", revenue: "万元", totalAssets: "万元" };

/**
 * One sector's rule: the figures it uses and, per figure, the SME ceiling (below it on any one
 * figure = 中小微型), the medium floor and the small floor (both floors on every figure).
 */
interface SizeRule {
  figures: SizeFigure[];
  ceiling: number[];
  medium: number[];
  small: number[];
}

const rule = (figures: SizeFigure[], ceiling: number[], medium: number[], small: number[]): SizeRule => ({
  figures, ceiling, medium, small,
});

/** Article 4 (一)–(十六) of the 300号 text. */
export const SIZE_RULES: Record<SizeSector, SizeRule> = {
  AGRICULTURE: rule(["revenue"], [20000], [500], [50]),
  INDUSTRY: rule(["employees", "revenue"], [1000, 40000], [300, 2000], [20, 300]),
  CONSTRUCTION: rule(["revenue", "totalAssets"], [80000, 80000], [6000, 5000], [300, 300]),
  WHOLESALE: rule(["employees", "revenue"], [200, 40000], [20, 5000], [5, 1000]),
  RETAIL: rule(["employees", "revenue"], [300, 20000], [50, 500], [10, 100]),
  TRANSPORT: rule(["employees", "revenue"], [1000, 30000], [300, 3000], [20, 200]),
  WAREHOUSING: rule(["employees", "revenue"], [200, 30000], [100, 1000], [20, 100]),
  POSTAL: rule(["employees", "revenue"], [1000, 30000], [300, 2000], [20, 100]),
  ACCOMMODATION: rule(["employees", "revenue"], [300, 10000], [100, 2000], [10, 100]),
  CATERING: rule(["employees", "revenue"], [300, 10000], [100, 2000], [10, 100]),
  INFO_TRANSMISSION: rule(["employees", "revenue"], [2000, 100000], [100, 1000], [10, 100]),
  SOFTWARE_IT: rule(["employees", "revenue"], [300, 10000], [100, 1000], [10, 50]),
  REAL_ESTATE_DEVELOPMENT: rule(["revenue", "totalAssets"], [200000, 10000], [1000, 5000], [100, 2000]),
  PROPERTY_MANAGEMENT: rule(["employees", "revenue"], [1000, 5000], [300, 1000], [100, 500]),
  LEASING_BUSINESS: rule(["employees", "totalAssets"], [300, 120000], [100, 8000], [10, 100]),
  OTHER: rule(["employees"], [300], [100], [10]),
};

/**
 * The rule's sector for a 小类 code, or null where the rule does not apply. Why each mapping:
 * - A (01–05, including 05 专业及辅助性活动): the rule's 农、林、牧、渔业 is the whole 门类.
 * - B, C, D: 工业 is defined as 采矿业、制造业、电力热力燃气及水生产和供应业.
 * - 53 铁路运输业: excluded in so many words ("交通运输业（不含铁路运输业）").
 * - 591 装卸搬运 sits in 59 since the 2017 edition but the rule counts 装卸搬运 as 交通运输业;
 *   仓储业 is the rest of 59 (通用、低温、危险品、农产品、中药材和其他仓储).
 * - 63, 64: 信息传输业 is 电信、广播电视和卫星传输服务 plus 互联网和相关服务.
 * - J 金融业: sized by its own rule (《金融业企业划型标准规定》, 银发〔2015〕309号).
 * - 7030 中介, 7040 租赁经营, 7090 其他房地产业: not listed, so 其他未列明行业. (The
 *   statistical 办法 names 7030 and 7090 there and leaves out 自有房地产经营活动, i.e. 7040;
 *   the 300号 text itself excludes nothing, so 7040 follows the catch-all.)
 * - S 公共管理、社会保障和社会组织, T 国际组织: organs and organisations, not enterprises.
 * - Everything else (M, N, O, P, Q, R): 其他未列明行业, the text's catch-all.
 */
function sectorOfClass(code: string): SizeSector | null {
  const division = code.slice(0, 2);
  const section = sectionOfDivision(division);
  const group = code.slice(0, 3);
  switch (section) {
    case "A": return "AGRICULTURE";
    case "B": case "C": case "D": return "INDUSTRY";
    case "E": return "CONSTRUCTION";
    case "F": return division === "51" ? "WHOLESALE" : "RETAIL";
    case "G":
      if (division === "53") return null;
      if (division === "59") return group === "591" ? "TRANSPORT" : "WAREHOUSING";
      return division === "60" ? "POSTAL" : "TRANSPORT";
    case "H": return division === "61" ? "ACCOMMODATION" : "CATERING";
    case "I": return division === "65" ? "SOFTWARE_IT" : "INFO_TRANSMISSION";
    case "J": return null;
    case "K": return group === "701" ? "REAL_ESTATE_DEVELOPMENT" : group === "702" ? "PROPERTY_MANAGEMENT" : "OTHER";
    case "L": return "LEASING_BUSINESS";
    case "S": case "T": case undefined: return null;
    default: return "OTHER";
  }
}

/** 门类 and 大类 whose 小类 fall under more than one sector of the rule. */
const MIXED = new Set(["F", "G", "H", "I", "J", "K", "S", "T", "59", "70"]);

/**
 * The size-rule sector of any GB/T 4754-2017 code. A code above 小类 resolves only when every
 * 小类 under it lands in the same sector ("38" → 工业; "59" or "70" → null: they straddle two).
 * Null also for unknown codes and industries the rule does not cover; `sizeRuleCoverage` says which.
 */
export function sizeSectorOf(industryCode: string): SizeSector | null {
  const industry = industryByCode(industryCode);
  if (!industry || MIXED.has(industryCode)) return null;
  // A section that is not mixed has one sector: that of its first division.
  const code = industry.level === "section" ? `${String(SECTIONS.find((s) => s.code === industry.code)!.from).padStart(2, "0")}11` : industryCode;
  return sectorOfClass(code.padEnd(4, "1"));
}

export function sizeRuleCoverage(industryCode: string): string | null {
  const industry = industryByCode(industryCode);
  if (!industry) return `“${industryCode}”不是 GB/T 4754-2017 行业代码`;
  if (sizeSectorOf(industryCode)) return null;
  if (MIXED.has(industryCode)) return `${industry.code} ${industry.name}跨多个划型行业，请具体到中类或小类`;
  if (industry.division?.code === "53") return "铁路运输业不适用《中小企业划型标准规定》";
  if (industry.section.code === "J") return "金融业企业按《金融业企业划型标准规定》划型，不适用本规定";
  return `${industry.section.name}不属于企业划型范围`;
}

export interface SizeInput {
  industryCode: string;
  employees?: number;
  revenue?: number;
  totalAssets?: number;
}

export interface SizeResult {
  size: CompanySize | null;
  /** Null when the code is unknown, too broad, or outside the rule (the reason says which). */
  sector: SizeSector | null;
  reason: string;
  /** Chinese names of the figures the sector needs but the input lacks. */
  missing?: string[];
}

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function describe(rule: SizeRule, values: number[]): string {
  return rule.figures.map((f, i) => `${SIZE_FIGURE_LABELS[f]} ${number.format(values[i])} ${UNITS[f]}`).join("、");
}

function bounds(rule: SizeRule, limits: number[], op: string, join: string): string {
  return rule.figures.map((f, i) => `${SIZE_FIGURE_LABELS[f]}${op}${limits[i]}${UNITS[f]}`).join(join);
}

/** Classifies a company; every size comes with the figures and the threshold that decided it. */
export function classifySize(input: SizeInput): SizeResult {
  const sector = sizeSectorOf(input.industryCode);
  if (!sector) return { size: null, sector: null, reason: sizeRuleCoverage(input.industryCode) ?? "" };

  const rule = SIZE_RULES[sector];
  const label = SIZE_SECTOR_LABELS[sector];
  const missing = rule.figures.filter((f) => input[f] === undefined || input[f] === null);
  if (missing.length) {
    const names = missing.map((f) => SIZE_FIGURE_LABELS[f]);
    return { size: null, sector, reason: `${label}：缺少${names.join("、")}，无法划型`, missing: names };
  }
  const values = rule.figures.map((f) => input[f] as number);
  const invalid = rule.figures.filter((_, i) => !Number.isFinite(values[i]) || values[i] < 0);
  if (invalid.length) {
    return { size: null, sector, reason: `${label}：${invalid.map((f) => SIZE_FIGURE_LABELS[f]).join("、")}不是有效的非负数，无法划型` };
  }

  const figures = `${label}：${describe(rule, values)}`;
  const atLeast = (limits: number[]) => values.every((v, i) => v >= limits[i]);
  // Large only when no figure is under the SME ceiling: the ceiling is worded with 或.
  if (atLeast(rule.ceiling)) {
    return { size: "LARGE", sector, reason: `${figures}，超出中小微型企业上限（${bounds(rule, rule.ceiling, "≥", "且")}），为大型企业` };
  }
  if (atLeast(rule.medium)) {
    return { size: "MEDIUM", sector, reason: `${figures}，达到中型标准（${bounds(rule, rule.medium, "≥", "且")}）` };
  }
  if (atLeast(rule.small)) {
    return { size: "SMALL", sector, reason: `${figures}，达到小型标准（${bounds(rule, rule.small, "≥", "且")}）` };
  }
  return { size: "MICRO", sector, reason: `${figures}，为微型企业（${bounds(rule, rule.small, "<", "或")}）` };
}
