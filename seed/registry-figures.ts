/**
 * One demo company's figures for the registry generator: size-consistent employees, revenue and
 * assets per 工信部联企业〔2011〕300号, founding dates, qualifications, tags and capital.
 */
import { QUALIFICATIONS } from "../app/companies/qualifications";
import { SIZE_RULES, sizeSectorOf, type CompanySize, type SizeSector } from "../app/companies/size";
import type { Rng } from "./registry-random";
import type { IndustryDef } from "./registry-vocabulary";

export const TAGS = ["重点企业", "上市后备", "总部企业", "外资企业", "招商引资", "出口企业"] as const;
/* ───────────────────────── helpers ───────────────────────── */

export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
export const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** Money in 万元: two decimals, rounded down so a value never crosses a size threshold upwards. */
export const money = (v: number) => (Math.floor(v * 100) / 100).toFixed(2);
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The size-rule sector of a 小类 (every code in the table is one the rule covers). */
export function sizeSectorOfCode(code: string): SizeSector {
  return sizeSectorOf(code) ?? "OTHER";
}

export const SIZE_SHARES: [CompanySize, number][] = [["MICRO", 0.8], ["SMALL", 0.15], ["MEDIUM", 0.04], ["LARGE", 0.01]];

/** Revenue per employee (万元/人·年) and assets per revenue, for the figures a sector's rule doesn't fix. */
export const PRODUCTIVITY: Record<SizeSector, number> = {
  AGRICULTURE: 25, INDUSTRY: 90, CONSTRUCTION: 70, WHOLESALE: 250, RETAIL: 60, TRANSPORT: 60, WAREHOUSING: 50,
  POSTAL: 30, ACCOMMODATION: 20, CATERING: 15, INFO_TRANSMISSION: 80, SOFTWARE_IT: 45, REAL_ESTATE_DEVELOPMENT: 400,
  PROPERTY_MANAGEMENT: 10, LEASING_BUSINESS: 60, OTHER: 30,
};
export const ASSET_RATIO: Record<SizeSector, number> = {
  AGRICULTURE: 1.8, INDUSTRY: 1.1, CONSTRUCTION: 1.0, WHOLESALE: 0.5, RETAIL: 0.6, TRANSPORT: 1.3, WAREHOUSING: 2.2,
  POSTAL: 0.6, ACCOMMODATION: 3, CATERING: 0.6, INFO_TRANSMISSION: 1.2, SOFTWARE_IT: 0.9, REAL_ESTATE_DEVELOPMENT: 4,
  PROPERTY_MANAGEMENT: 0.6, LEASING_BUSINESS: 1.2, OTHER: 1.0,
};
/** Average yearly wage (万元), the base of unemployment insurance (1% employer + staff in Henan). */
export const WAGE: Record<SizeSector, number> = {
  AGRICULTURE: 4.5, INDUSTRY: 7, CONSTRUCTION: 6.5, WHOLESALE: 6.5, RETAIL: 5, TRANSPORT: 6.5, WAREHOUSING: 5.5,
  POSTAL: 5.5, ACCOMMODATION: 5, CATERING: 4.5, INFO_TRANSMISSION: 11, SOFTWARE_IT: 12, REAL_ESTATE_DEVELOPMENT: 8,
  PROPERTY_MANAGEMENT: 4.8, LEASING_BUSINESS: 7, OTHER: 6.5,
};
/** 规模以上 (and 限额以上) revenue floors outside industry: 批发 2000, 零售 500, 住宿餐饮 200, services 1000–2000. */
export const ABOVE_SCALE_FLOOR: Partial<Record<SizeSector, number>> = {
  WHOLESALE: 2000, RETAIL: 500, ACCOMMODATION: 200, CATERING: 200, TRANSPORT: 2000, WAREHOUSING: 2000, POSTAL: 2000,
  INFO_TRANSMISSION: 2000, SOFTWARE_IT: 2000, PROPERTY_MANAGEMENT: 1000, LEASING_BUSINESS: 1000, OTHER: 1000,
  REAL_ESTATE_DEVELOPMENT: 1000, CONSTRUCTION: 5000,
};
export const ZONES = new Set(["410171", "410172", "410173"]);

/* ───────────────────────── one company ───────────────────────── */

export type Industry = IndustryDef & { sector: SizeSector };

export interface Figures {
  employees: number;
  revenue: number;
  totalAssets: number;
}

/** Figures that put the company in the intended size class for its sector (300号 thresholds). */
export function sizeFigures(rng: Rng, industry: Industry, size: CompanySize): Figures {
  const rule = SIZE_RULES[industry.sector];
  const p0 = rng.next(); // one position in the band for all figures, so they move together
  const banded: Partial<Figures> = {};
  rule.figures.forEach((figure, i) => {
    const [lo, hi] =
      size === "MICRO" ? [figure === "employees" ? 1 : rule.small[i] / 30, rule.small[i]]
      : size === "SMALL" ? [rule.small[i], rule.medium[i]]
      : size === "MEDIUM" ? [rule.medium[i], rule.ceiling[i]]
      : [rule.ceiling[i], rule.ceiling[i] * 6];
    const p = clamp(p0 + (rng.next() - 0.5) * 0.4, 0, 0.999);
    const v = lo * Math.pow(hi / lo, p);
    banded[figure] = figure === "employees" ? Math.min(Math.floor(v), Math.ceil(hi) - 1) : Math.floor(v * 100) / 100;
  });
  const prod = PRODUCTIVITY[industry.sector] * Math.exp(0.4 * rng.normal());
  const employees = banded.employees ?? Math.max(1, Math.round((banded.revenue ?? 0) / prod));
  const revenue = banded.revenue ?? Math.floor(employees * prod * 100) / 100;
  const totalAssets = banded.totalAssets ?? Math.max(1, Math.floor(revenue * ASSET_RATIO[industry.sector] * Math.exp(0.5 * rng.normal()) * 100) / 100);
  return { employees: Math.max(1, employees), revenue, totalAssets };
}

/** Founding date: small firms are mostly young; large ones were founded years ago. */
export function foundingDate(rng: Rng, size: CompanySize, lastYear: number): { y: number; m: number; d: number } {
  const decay = size === "MICRO" ? 0.84 : size === "SMALL" ? 0.9 : 0.95;
  const minAge = size === "MEDIUM" || size === "LARGE" ? 3 : 0;
  const span = lastYear - 1995;
  let age = minAge + Math.floor(Math.log(1 - rng.next()) / Math.log(decay));
  if (age > span) age = rng.int(minAge, span);
  return { y: lastYear - age, m: rng.int(1, 12), d: rng.int(1, 28) };
}

export interface Held {
  highTech: "current" | "expired" | null;
  techSme: boolean;
  srdi: boolean;
  parts: string[];
}

/** Qualifications with dates, in the import format: 高新技术企业(2023-11-01至2026-10-31)；… */
export function qualifications(
  rng: Rng, industry: Industry, size: CompanySize, district: string, founded: string, foundedYear: number, lastYear: number, revenue: number,
): Held {
  const parts: string[] = [];
  const sme = size !== "LARGE";
  const rdFactor = { high: 1, mid: 0.35, low: 0.04, none: 0.008 }[industry.rd];
  const place = district === "410172" ? 2 : ZONES.has(district) ? 1.3 : district === "410105" ? 1 : 0.7;
  const scale = { MICRO: 0.55, SMALL: 1.7, MEDIUM: 2.5, LARGE: 2.5 }[size];
  // Issued (YYYY-MM-DD) no earlier than a year after founding, or not at all.
  const issue = (y: number, m: number, d: number) => {
    const date = ymd(y, m, d);
    return y <= lastYear && date > `${foundedYear + 1}${founded.slice(4)}` ? date : null;
  };
  const add = (label: string, start: string | null, years: number | null, end?: string) => {
    if (!start) return false;
    const y = Number(start.slice(0, 4));
    const to = end ?? (years === null ? "" : `${y + years}${start.slice(4, 8)}${pad2(Number(start.slice(8)) - 1)}`);
    parts.push(`${label}(${start}至${to})`);
    return true;
  };

  let highTech: Held["highTech"] = null;
  if (rng.chance(0.33 * rdFactor * place * scale)) {
    const current = rng.chance(0.85);
    const y = current ? lastYear - rng.int(0, 2) : lastYear - rng.int(4, 5);
    const [m, d] = [rng.int(10, 12), rng.int(2, 28)];
    // An older firm often shows the certificate it renewed.
    if (current && rng.chance(0.35)) add(QUALIFICATIONS.HIGH_TECH.label, issue(y - 3, m, d), 3);
    if (add(QUALIFICATIONS.HIGH_TECH.label, issue(y, m, d), 3)) highTech = current ? "current" : "expired";
  }
  let techSme = false;
  if (sme && rng.chance(highTech ? 0.75 : 0.6 * rdFactor * place * Math.min(scale, 1.5))) {
    const y = rng.chance(0.8) ? lastYear : lastYear - 1;
    techSme = add(QUALIFICATIONS.TECH_SME.label, issue(y, rng.int(3, 9), rng.int(2, 28)), null, `${y}-12-31`);
  }
  let srdi = false;
  const makesThings = industry.group === "hitech" || industry.group === "mfg" || industry.group === "tech";
  if (sme && rng.chance(0.065 * ((makesThings ? rdFactor : 0) + 0.1) * place * scale * (highTech ? 2 : 1))) {
    // 专精特新 builds on 创新型中小企业; a few go on to 国家级“小巨人”.
    const y = lastYear - rng.int(0, 3);
    add(QUALIFICATIONS.INNOVATIVE_SME.label, issue(y - rng.int(0, 1), rng.int(4, 10), rng.int(2, 28)), 3);
    srdi = add(QUALIFICATIONS.SRDI_SME.label, issue(y, rng.int(6, 12), rng.int(2, 28)), 3);
    if (srdi && rng.chance({ MEDIUM: 0.5, SMALL: 0.16, MICRO: 0.02, LARGE: 0 }[size])) {
      add(QUALIFICATIONS.LITTLE_GIANT.label, issue(lastYear - rng.int(0, 2), rng.int(7, 8), rng.int(2, 28)), 3);
    }
  } else if (sme && rng.chance(0.012 * (rdFactor + 0.1) * place * scale)) {
    add(QUALIFICATIONS.INNOVATIVE_SME.label, issue(lastYear - rng.int(0, 2), rng.int(4, 10), rng.int(2, 28)), 3);
  }
  const young = lastYear - foundedYear <= 10;
  if (young && size !== "MICRO" && rng.chance(0.24 * (rdFactor + 0.05) * place)) {
    add(QUALIFICATIONS.GAZELLE.label, issue(lastYear - (rng.chance(0.7) ? 0 : 1), rng.int(5, 11), rng.int(2, 28)), 1);
  }
  const floor = industry.sector === "INDUSTRY" ? 2000 : ABOVE_SCALE_FLOOR[industry.sector];
  const aboveScale = floor !== undefined && revenue >= floor && rng.chance(industry.sector === "INDUSTRY" ? 0.97 : 0.6);
  if (aboveScale && foundedYear < lastYear) {
    const since = rng.int(Math.max(2011, foundedYear + 1), lastYear);
    parts.push(`${QUALIFICATIONS.ABOVE_SCALE.label}(${since}-01-01至)`);
  }
  return { highTech, techSme, srdi, parts };
}

export function tags(rng: Rng, industry: Industry, size: CompanySize, district: string, held: Held): string {
  const zone = ZONES.has(district);
  const factory = industry.group === "mfg" || industry.group === "hitech";
  const p: Record<(typeof TAGS)[number], number> = {
    重点企业: { LARGE: 0.7, MEDIUM: 0.3, SMALL: 0.04, MICRO: 0.003 }[size] + (held.highTech === "current" ? 0.1 : 0),
    上市后备: (size === "MEDIUM" || size === "LARGE") && industry.rd !== "none" ? 0.2 : held.srdi ? 0.15 : held.highTech ? 0.04 : 0,
    总部企业: { LARGE: 0.25, MEDIUM: 0.05, SMALL: 0, MICRO: 0 }[size],
    外资企业: zone ? 0.04 : 0.015,
    招商引资: zone ? 0.16 : 0.1,
    出口企业: factory ? 0.08 : industry.sector === "WHOLESALE" ? 0.03 : 0,
  };
  return TAGS.filter((t) => rng.chance(p[t])).join("、");
}

export function registeredCapital(rng: Rng, size: CompanySize): string {
  const choices = {
    MICRO: [10, 30, 50, 50, 100, 100, 100, 200, 300, 500, 500, 1000],
    SMALL: [100, 200, 300, 500, 500, 800, 1000, 1000, 2000, 3000, 5000],
    MEDIUM: [1000, 2000, 3000, 5000, 5000, 8000, 10000, 20000],
    LARGE: [5000, 10000, 20000, 30000, 50000, 100000, 200000],
  }[size];
  const base = rng.pick(choices);
  // Now and then an odd figure, as when capital was raised.
  return String(rng.chance(0.12) ? Math.max(1, Math.round(base * rng.between(0.5, 1.6))) : base);
}
