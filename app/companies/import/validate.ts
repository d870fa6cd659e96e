import { checkUscc, USCC_PROBLEM_LABELS } from "~/companies/uscc";
import { isValidIndustryCode } from "~/companies/industry";
import { qualificationByLabel, type QualificationKind } from "~/companies/qualifications";
import type { IndicatorYear } from "~/companies/facts";
import { IMPORT_COLUMNS, type ImportField, type ImportRow } from "./columns";

/** One company as read from an import row, checked and typed; not yet placed in a grid. */
export interface CompanyRecord {
  uscc: string;
  name: string;
  legalRep: string | null;
  registeredAt: Date | null;
  registeredCapital: number | null;
  address: string | null;
  district: string | null;
  street: string | null;
  community: string | null;
  park: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  industryCode: string | null;
  businessScope: string | null;
  tags: string[];
  qualifications: { kind: QualificationKind; issuedAt: Date; expiresAt: Date | null }[];
  indicator: IndicatorRecord | null;
}

/** One year's figures, as the fact catalogue reads them. */
export type IndicatorRecord = IndicatorYear;

export interface CellError {
  column: string;
  message: string;
}

export type ValidationResult = { ok: true; record: CompanyRecord } | { ok: false; errors: CellError[] };

// Upper bounds that catch unit mistakes (元 typed into a 万元 column) and typos, not real giants:
// the largest Chinese companies report revenue around 3 万亿元 = 3e8 万元.
const MONEY_MAX = 5e8;
const PEOPLE_MAX = 2_000_000;
const EARLIEST = new Date("1949-10-01");

const MONEY_FIELDS = ["revenue", "rdExpense", "taxPaid", "totalAssets", "highTechRevenue", "unemploymentInsurancePaid"] as const;
const PEOPLE_FIELDS = ["employees", "insuredStaff", "scienceStaff", "layoffs"] as const;

/**
 * Checks one import row and says, per column and in Chinese, everything that is wrong with it.
 * `formulaColumns` are the headers of cells that held spreadsheet formulas (never evaluated).
 */
export function validateRow(row: ImportRow, options: { today: Date; formulaColumns?: string[] }): ValidationResult {
  const errors: CellError[] = [];
  const fail = (field: ImportField, message: string) => errors.push({ column: IMPORT_COLUMNS[field], message });
  const formulas = new Set(options.formulaColumns ?? []);

  const text = (field: ImportField, max = 200): string | null => {
    const header = IMPORT_COLUMNS[field];
    const raw = (row[header] ?? "").trim();
    if (formulas.has(header) || raw.startsWith("=")) {
      fail(field, "单元格含公式，请改为直接填写内容后再导入");
      return null;
    }
    if (!raw) return null;
    if (raw.length > max) {
      fail(field, `内容过长（${raw.length} 个字符，最多 ${max} 个）`);
      return null;
    }
    return raw;
  };
  const number = (field: ImportField, max: number, integer = false): number | null => {
    const raw = text(field, 40);
    if (raw === null) return null;
    const n = Number(raw.replace(/[,，\s]/g, ""));
    if (!Number.isFinite(n)) return fail(field, `“${raw}”不是数字`), null;
    if (n < 0) return fail(field, "不能为负数"), null;
    if (integer && !Number.isInteger(n)) return fail(field, "应为整数"), null;
    if (n > max) return fail(field, `数值过大（${raw}），请核对单位`), null;
    return n;
  };
  const date = (field: ImportField, raw = text(field, 20)): Date | null => {
    if (raw === null) return null;
    const d = parseDate(raw);
    if (!d) return fail(field, `“${raw}”不是有效日期，应为 2023-05-01 这样的格式`), null;
    if (d < EARLIEST) return fail(field, "日期早于 1949 年，请核对"), null;
    if (d > options.today) return fail(field, "日期不能晚于今天"), null;
    return d;
  };

  const usccRaw = text("uscc", 40);
  let uscc = "";
  if (usccRaw === null) {
    if (!errors.length) fail("uscc", "必填");
  } else {
    const checked = checkUscc(usccRaw);
    if (checked.ok) uscc = checked.uscc;
    else fail("uscc", USCC_PROBLEM_LABELS[checked.problem]);
  }
  const name = text("name", 100);
  if (name === null && !errors.some((e) => e.column === IMPORT_COLUMNS.name)) fail("name", "必填");

  const industryCode = text("industryCode", 10);
  if (industryCode !== null && !isValidIndustryCode(industryCode)) {
    fail("industryCode", `“${industryCode}”不是 GB/T 4754-2017 行业代码`);
  }
  const email = text("contactEmail", 100);
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail("contactEmail", "邮箱格式不正确");
  const phone = text("contactPhone", 30);
  if (phone !== null && !/^[0-9+\-()\s转]{7,30}$/.test(phone)) fail("contactPhone", "电话号码格式不正确");

  const qualifications = parseQualifications(text("qualifications", 1000), options.today, (m) => fail("qualifications", m));
  const indicator = readIndicator();

  const record: CompanyRecord = {
    uscc,
    name: name ?? "",
    legalRep: text("legalRep", 50),
    registeredAt: date("registeredAt"),
    registeredCapital: number("registeredCapital", MONEY_MAX),
    address: text("address"),
    district: text("district", 50),
    street: text("street", 50),
    community: text("community", 50),
    park: text("park", 100),
    contactName: text("contactName", 50),
    contactPhone: phone,
    contactEmail: email,
    industryCode,
    businessScope: text("businessScope", 2000),
    tags: (text("tags", 500) ?? "").split(/[、,，;；\s]+/).filter(Boolean).slice(0, 20),
    qualifications,
    indicator,
  };
  return errors.length ? { ok: false, errors } : { ok: true, record };

  function readIndicator(): IndicatorRecord | null {
    const figures = {
      ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, number(f, MONEY_MAX)])),
      ...Object.fromEntries(PEOPLE_FIELDS.map((f) => [f, number(f, PEOPLE_MAX, true)])),
      insuranceMonthsPaid: number("insuranceMonthsPaid", 12, true),
    } as Omit<IndicatorRecord, "year">;
    const yearRaw = text("year", 10);
    const anyFigure = Object.values(figures).some((v) => v !== null);
    if (yearRaw === null) {
      if (anyFigure) fail("year", "填写了年度指标时必须填写年度");
      return null;
    }
    const year = Number(yearRaw);
    if (!Number.isInteger(year) || year < 1990 || year > options.today.getFullYear()) {
      fail("year", `年度“${yearRaw}”无效，应为 1990 至 ${options.today.getFullYear()} 之间的年份`);
      return null;
    }
    if (figures.insuredStaff !== null && figures.employees !== null && figures.insuredStaff > figures.employees * 1.5 + 10) {
      fail("insuredStaff", "参保人数明显多于从业人员，请核对");
    }
    if (figures.rdExpense !== null && figures.revenue !== null && figures.revenue > 0 && figures.rdExpense > figures.revenue * 5) {
      fail("rdExpense", "研发费用超过营业收入 5 倍，请核对单位");
    }
    return { year, ...figures };
  }
}

/** 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, 20230501 → a UTC date; otherwise null. */
export function parseDate(raw: string): Date | null {
  const m = raw.trim().match(/^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** "高新技术企业(2023-11-01至2026-10-31)；规模以上企业(2021-01-01至)" */
function parseQualifications(raw: string | null, today: Date, fail: (m: string) => void) {
  const result: CompanyRecord["qualifications"] = [];
  if (!raw) return result;
  for (const part of raw.split(/[；;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = part.match(/^(.+?)[(（]\s*([^)）至~]+?)\s*(?:至|~)\s*([^)）]*?)\s*[)）]$/);
    const kind = m ? qualificationByLabel(m[1]) : null;
    if (!m || !kind) {
      fail(`无法识别“${part}”，应为 资质名称(认定日期至到期日期)，如 高新技术企业(2023-11-01至2026-10-31)`);
      continue;
    }
    const issuedAt = parseDate(m[2]);
    const expiresAt = m[3] ? parseDate(m[3]) : null;
    if (!issuedAt || (m[3] && !expiresAt)) fail(`“${part}”中的日期无效`);
    else if (issuedAt > today) fail(`“${part}”的认定日期晚于今天`);
    else if (expiresAt && expiresAt < issuedAt) fail(`“${part}”的到期日期早于认定日期`);
    else result.push({ kind, issuedAt, expiresAt });
  }
  return result;
}
