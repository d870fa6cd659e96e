/**
 * Deterministic demo companies over the real Zhengzhou grids, as rows in the import format
 * (app/companies/import/columns.ts), so demo data and benchmark files go through the same
 * validation and placement as a real registry import.
 *
 * Same seed → same rows (one mulberry32 stream, rows in order, so a shorter run is a prefix of a
 * longer one). A generator: 120,000 rows never sit in memory at once.
 *
 * Location mix: ~85% name their community, ~10% leave it out but write its name into the address
 * (placement finds it there), ~5% give an address no grid can be read from (the unassigned queue).
 */
import { readFileSync } from "node:fs";
import { IMPORT_COLUMNS as C, type ImportRow } from "../app/companies/import/columns";
import { QUALIFICATIONS } from "../app/companies/qualifications";
import { SIZE_RULES, sizeSectorOf, type CompanySize, type SizeSector } from "../app/companies/size";
import { makeUscc } from "../app/companies/uscc";
import { shortName } from "../app/grids/placement";
import { DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";
import {
  BRANDS, BRAND_TAILS, SURNAMES, GIVEN, PHONE_PREFIXES, INDUSTRIES, type Group, type IndustryDef,
} from "./registry-vocabulary";
import { DISTRICT_PROFILES, DISTRICT_ADDRESS_NAMES, PARK_SITES, UNPLACEABLE_ROADS, CITY_STEMS, type DistrictProfile } from "./registry-places";


export interface RegistryOptions {
  count: number;
  seed?: number;
  /** Indicator year (年度), default 2025. */
  year?: number;
}

/* ───────────────────────── random numbers ───────────────────────── */

/** mulberry32: tiny and fast; plenty for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Roughly standard normal (sum of three uniforms): cheap, and tails don't matter here. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }
}

/** Weighted choice by binary search over cumulative weights. */
class Weighted<T> {
  private cum: number[] = [];
  private total = 0;
  constructor(readonly items: T[], weight: (item: T) => number) {
    for (const item of items) {
      this.total += Math.max(0, weight(item));
      this.cum.push(this.total);
    }
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

const TAGS = ["重点企业", "上市后备", "总部企业", "外资企业", "招商引资", "出口企业"] as const;

/* ───────────────────────── the grid world ───────────────────────── */

interface Divisions {
  districts: { code: string; name: string; streets: { code: string; name: string; communities: [string, string][] }[] }[];
}

interface CommunityInfo {
  code: string;
  name: string;
  short: string;
  /** How an address writes it: 锦华苑社区 / 黄固寺村; empty when the name is too odd to write. */
  written: string;
  village: boolean;
  estates: string[];
}

interface StreetInfo {
  code: string;
  name: string;
  /** As an address writes it (zone prefix dropped). */
  written: string;
  communities: Weighted<CommunityInfo>;
  writable: CommunityInfo[];
}

interface DistrictInfo {
  code: string;
  name: string;
  profile: DistrictProfile;
  addressNames: string[];
  streets: Weighted<StreetInfo>;
  streetByCode: Map<string, StreetInfo>;
  industries: Weighted<IndustryDef & { sector: SizeSector }>;
  parks: Weighted<(typeof DEMO_PARKS)[number]>;
  hasParks: boolean;
}

interface World {
  districts: Weighted<DistrictInfo>;
  unplaceableRoads: string[];
  brands: Weighted<[string, string]>;
  surnames: Weighted<[string, string]>;
}

let world: World | null = null;

function loadWorld(): World {
  if (world) return world;
  const divisions: Divisions = JSON.parse(readFileSync(new URL("./divisions/zhengzhou.json", import.meta.url), "utf8"));
  const industries = INDUSTRIES.map((i) => ({ ...i, sector: sizeSectorOfCode(i.code) }));
  const estatesOf = new Map<string, string[]>();
  for (const e of DEMO_ESTATES) estatesOf.set(e.parentCode, [...(estatesOf.get(e.parentCode) ?? []), e.name]);

  const placeNames: string[] = [...CITY_STEMS];
  const districts = divisions.districts.map((d): DistrictInfo => {
    const profile = DISTRICT_PROFILES[d.code];
    if (!profile) throw new Error(`区县 ${d.code} ${d.name} 没有配置`);
    placeNames.push(d.name);
    const streets = d.streets.map((s): StreetInfo => {
      placeNames.push(s.name, shortName(s.name));
      const communities = s.communities.map(([code, name]): CommunityInfo => {
        const short = shortName(name);
        placeNames.push(short);
        const village = /村(民委员会|委会)?$/.test(name);
        // Names like 体育社区居民居委会 or 郑州火车站地区拟居委会 don't shorten into anything an address would say.
        const odd = short.length < 2 || /社区|居民|委员|管理|拟/.test(short);
        return { code, name, short, written: odd ? "" : short + (village ? "村" : "社区"), village, estates: estatesOf.get(code) ?? [] };
      });
      return {
        code: s.code,
        name: s.name,
        written: s.name.replace(/^郑州经济技术开发区/, ""),
        communities: new Weighted(communities, (c) => (c.village ? 1 : 2.5)),
        writable: communities.filter((c) => c.written),
      };
    });
    const streetWeight = (s: StreetInfo) => {
      const kind = /街道$/.test(s.name) ? 3 : /镇$/.test(s.name) ? 1 : /乡$/.test(s.name) ? 0.6 : /新区|集聚区/.test(s.name) ? 1.5 : 0.3;
      return kind * Math.sqrt(Math.max(1, s.communities.items.length));
    };
    const parks = DEMO_PARKS.filter((p) => p.parentCode.startsWith(d.code));
    const zone = DISTRICT_ADDRESS_NAMES[d.code];
    const county = /[县市]$/.test(d.name);
    return {
      code: d.code,
      name: d.name,
      profile,
      addressNames: zone ?? (county ? [d.name, `河南省${d.name}`, `郑州市${d.name}`] : [`郑州市${d.name}`, `郑州市${d.name}`, `河南省郑州市${d.name}`]),
      streets: new Weighted(streets, streetWeight),
      streetByCode: new Map(streets.map((s) => [s.code, s])),
      industries: new Weighted(industries, (i) => i.weight * profile.affinity[i.group] * (i.boost?.[d.code] ?? 1)),
      parks: new Weighted(parks, (p) => (p.kind === "PARK" ? 1 : 0.5)),
      hasParks: parks.length > 0,
    };
  });
  for (const p of DEMO_PARKS) placeNames.push(p.name);
  for (const e of DEMO_ESTATES) placeNames.push(e.name);
  const longNames = placeNames.filter((n) => n.length >= 2);
  // Keep only roads that contain no district, street, community, park or estate name.
  const unplaceableRoads = UNPLACEABLE_ROADS.filter((r) => !longNames.some((n) => r.includes(n)));
  world = {
    districts: new Weighted(districts, (d) => d.profile.weight),
    unplaceableRoads,
    brands: new Weighted(BRANDS, () => 1),
    surnames: new Weighted(SURNAMES, (s) => 1 / (SURNAMES.indexOf(s) + 4)),
  };
  return world;
}

/* ───────────────────────── helpers ───────────────────────── */

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** Money in 万元: two decimals, rounded down so a value never crosses a size threshold upwards. */
const money = (v: number) => (Math.floor(v * 100) / 100).toFixed(2);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The size-rule sector of a 小类 (every code in the table is one the rule covers). */
export function sizeSectorOfCode(code: string): SizeSector {
  return sizeSectorOf(code) ?? "OTHER";
}

const SIZE_SHARES: [CompanySize, number][] = [["MICRO", 0.8], ["SMALL", 0.15], ["MEDIUM", 0.04], ["LARGE", 0.01]];

/** Revenue per employee (万元/人·年) and assets per revenue, for the figures a sector's rule doesn't fix. */
const PRODUCTIVITY: Record<SizeSector, number> = {
  AGRICULTURE: 25, INDUSTRY: 90, CONSTRUCTION: 70, WHOLESALE: 250, RETAIL: 60, TRANSPORT: 60, WAREHOUSING: 50,
  POSTAL: 30, ACCOMMODATION: 20, CATERING: 15, INFO_TRANSMISSION: 80, SOFTWARE_IT: 45, REAL_ESTATE_DEVELOPMENT: 400,
  PROPERTY_MANAGEMENT: 10, LEASING_BUSINESS: 60, OTHER: 30,
};
const ASSET_RATIO: Record<SizeSector, number> = {
  AGRICULTURE: 1.8, INDUSTRY: 1.1, CONSTRUCTION: 1.0, WHOLESALE: 0.5, RETAIL: 0.6, TRANSPORT: 1.3, WAREHOUSING: 2.2,
  POSTAL: 0.6, ACCOMMODATION: 3, CATERING: 0.6, INFO_TRANSMISSION: 1.2, SOFTWARE_IT: 0.9, REAL_ESTATE_DEVELOPMENT: 4,
  PROPERTY_MANAGEMENT: 0.6, LEASING_BUSINESS: 1.2, OTHER: 1.0,
};
/** Average yearly wage (万元), the base of unemployment insurance (1% employer + staff in Henan). */
const WAGE: Record<SizeSector, number> = {
  AGRICULTURE: 4.5, INDUSTRY: 7, CONSTRUCTION: 6.5, WHOLESALE: 6.5, RETAIL: 5, TRANSPORT: 6.5, WAREHOUSING: 5.5,
  POSTAL: 5.5, ACCOMMODATION: 5, CATERING: 4.5, INFO_TRANSMISSION: 11, SOFTWARE_IT: 12, REAL_ESTATE_DEVELOPMENT: 8,
  PROPERTY_MANAGEMENT: 4.8, LEASING_BUSINESS: 7, OTHER: 6.5,
};
/** 规模以上 (and 限额以上) revenue floors outside industry: 批发 2000, 零售 500, 住宿餐饮 200, services 1000–2000. */
const ABOVE_SCALE_FLOOR: Partial<Record<SizeSector, number>> = {
  WHOLESALE: 2000, RETAIL: 500, ACCOMMODATION: 200, CATERING: 200, TRANSPORT: 2000, WAREHOUSING: 2000, POSTAL: 2000,
  INFO_TRANSMISSION: 2000, SOFTWARE_IT: 2000, PROPERTY_MANAGEMENT: 1000, LEASING_BUSINESS: 1000, OTHER: 1000,
  REAL_ESTATE_DEVELOPMENT: 1000, CONSTRUCTION: 5000,
};
const ZONES = new Set(["410171", "410172", "410173"]);

/* ───────────────────────── one company ───────────────────────── */

type Industry = IndustryDef & { sector: SizeSector };

interface Figures {
  employees: number;
  revenue: number;
  totalAssets: number;
}

/** Figures that put the company in the intended size class for its sector (300号 thresholds). */
function sizeFigures(rng: Rng, industry: Industry, size: CompanySize): Figures {
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
function foundingDate(rng: Rng, size: CompanySize, lastYear: number): { y: number; m: number; d: number } {
  const decay = size === "MICRO" ? 0.84 : size === "SMALL" ? 0.9 : 0.95;
  const minAge = size === "MEDIUM" || size === "LARGE" ? 3 : 0;
  const span = lastYear - 1995;
  let age = minAge + Math.floor(Math.log(1 - rng.next()) / Math.log(decay));
  if (age > span) age = rng.int(minAge, span);
  return { y: lastYear - age, m: rng.int(1, 12), d: rng.int(1, 28) };
}

interface Held {
  highTech: "current" | "expired" | null;
  techSme: boolean;
  srdi: boolean;
  parts: string[];
}

/** Qualifications with dates, in the import format: 高新技术企业(2023-11-01至2026-10-31)；… */
function qualifications(
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

function tags(rng: Rng, industry: Industry, size: CompanySize, district: string, held: Held): string {
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

function personName(rng: Rng, w: World): { name: string; pinyin: [string, string] } {
  const [surname, sp] = w.surnames.pick(rng);
  const [g1, p1] = rng.pick(GIVEN);
  if (rng.chance(0.35)) return { name: surname + g1, pinyin: [sp, p1] };
  const [g2, p2] = rng.pick(GIVEN);
  return { name: surname + g1 + g2, pinyin: [sp, p1 + p2] };
}

function phone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, "0");
}

function email(rng: Rng, person: [string, string], domain: string, size: CompanySize): string {
  if (size === "MICRO" && rng.chance(0.35)) {
    if (rng.chance(0.4)) return `${rng.int(10_000_000, 2_999_999_999)}@qq.com`;
    return `${person[0]}${person[1]}${rng.int(1, 999)}@${rng.pick(["163.com", "126.com"])}`;
  }
  return `${person[0]}.${person[1]}@${domain}`;
}

function brand(rng: Rng, w: World): [string, string] {
  const [a, ap] = w.brands.pick(rng);
  const r = rng.next();
  if (r < 0.05) return [a, ap];
  if (r < 0.4) {
    const [t, tp] = rng.pick(BRAND_TAILS);
    return t === a[1] ? [a, ap] : [a + t, ap + tp];
  }
  const [b, bp] = w.brands.pick(rng);
  return b === a ? [a, ap] : [a + b, ap + bp];
}

function companyName(rng: Rng, district: DistrictInfo, brandName: string, industry: Industry, size: CompanySize): string {
  const county = /[县市]$/.test(district.name);
  const prefix =
    county && rng.chance(0.4) ? district.name
    : !county && !ZONES.has(district.code) && rng.chance(0.04) ? `郑州市${district.name}`
    : rng.pick(["郑州", "郑州", "郑州", "河南", "河南", "河南省", "郑州市"]);
  const joint = { LARGE: 0.35, MEDIUM: 0.2, SMALL: 0.04, MICRO: 0.005 }[size];
  const form = rng.chance(joint) ? "股份有限公司" : rng.chance(0.03) ? "有限责任公司" : "有限公司";
  return prefix + brandName + rng.pick(industry.words) + form;
}

function registeredCapital(rng: Rng, size: CompanySize): string {
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

/** House number plus, by kind of business, a unit: office room, workshop or shop front. */
function premises(rng: Rng, industry: Industry): string {
  const no = `${rng.int(1, 300)}号`;
  const floor = rng.int(1, 28);
  const room = `${floor}${pad2(rng.int(1, 20))}`;
  const r = rng.next();
  if (industry.group === "mfg" || industry.group === "hitech") {
    return no + (r < 0.5 ? "" : r < 0.75 ? `${rng.int(1, 6)}号厂房` : rng.pick(["院内", "厂区", "办公楼"]));
  }
  if (industry.sector === "RETAIL" || industry.sector === "CATERING" || industry.sector === "ACCOMMODATION") {
    return (r < 0.3 ? `附${rng.int(1, 30)}号` : no) + (r < 0.6 ? "" : r < 0.8 ? `${rng.int(1, 20)}号商铺` : "一层商铺");
  }
  return no + (r < 0.35 ? "" : r < 0.6 ? `${rng.pick(["A", "B", "C", "D"])}座${room}室` : r < 0.8 ? `${rng.int(1, 12)}号楼${floor}层${rng.int(1, 20)}号` : `${room}室`);
}

/**
 * Does this address name `target` so that placement (app/grids/placement.ts, inText) picks it
 * among its street's communities: the longest name found wins, ties find nothing.
 */
function placesUniquely(address: string, street: StreetInfo, target: CommunityInfo): boolean {
  let best = 0;
  let bestIsTarget = false;
  for (const c of street.communities.items) {
    const hit = address.includes(c.name) ? c.name.length : c.short.length >= 2 && address.includes(c.short) ? c.short.length : 0;
    if (hit > best) [best, bestIsTarget] = [hit, c === target];
    else if (hit === best && hit > 0) bestIsTarget = false;
  }
  return bestIsTarget;
}

interface Where {
  district: DistrictInfo;
  street: StreetInfo;
  community: CommunityInfo;
  park: (typeof DEMO_PARKS)[number] | null;
  industry: Industry;
  unplaceable: boolean;
  inAddress: boolean;
}

/**
 * The registered address: district as written + (street) + (community) + road, number, unit.
 * When the community should be read from the address but no wording names it unambiguously,
 * the row names the community in its column instead (inAddress comes back false).
 */
function buildAddress(rng: Rng, w: World, where: Where): { address: string; inAddress: boolean } {
  const { district, street, community, park, industry } = where;
  if (where.unplaceable) {
    const [a, b] = [rng.pick(w.unplaceableRoads), rng.pick(w.unplaceableRoads)];
    const city = rng.pick(["郑州市", "郑州市", "河南省郑州市"]);
    const corner = a !== b && rng.chance(0.3);
    return { address: corner ? `${city}${a}与${b}交叉口${rng.pick(["东北角", "西南角", "向东200米", "路北"])}` : city + a + premises(rng, industry), inAddress: false };
  }
  const prefix = rng.pick(district.addressNames);
  const site = park ? PARK_SITES[park.code] : undefined;
  const road = site?.road ?? rng.pick(district.profile.roads);
  const estate = !park && community.estates.length && rng.chance(0.5) ? rng.pick(community.estates) : "";
  const spot = park
    ? `${site?.number ?? rng.int(1, 300)}号${park.name}` + (park.kind === "PARK" ? `${rng.int(1, 18)}号楼${rng.int(1, 12)}${pad2(rng.int(1, 20))}室` : `${rng.int(2, 28)}层${rng.int(1, 20)}号`)
    : estate ? `${rng.int(1, 300)}号${estate}${rng.int(1, 12)}号楼${rng.int(1, 18)}${pad2(rng.int(1, 4))}室`
    : premises(rng, industry);
  const villageGroup = community.village && community.written && !park && rng.chance(0.5) ? `${rng.int(1, 12)}组` : "";

  if (where.inAddress) {
    const tries = [
      `${prefix}${street.written}${community.written}${villageGroup || road + spot}`,
      `${prefix}${street.written}${community.written}${rng.int(1, 200)}号`,
    ];
    const found = tries.find((a) => placesUniquely(a, street, community));
    if (found) return { address: found, inAddress: true };
  }
  if (villageGroup) return { address: `${prefix}${street.written}${community.written}${villageGroup}`, inAddress: false };
  return { address: `${prefix}${rng.chance(0.25) ? street.written : ""}${road}${spot}`, inAddress: false };
}

/* ───────────────────────── the generator ───────────────────────── */

/** Serials of the named demo companies (seed/demo-companies.ts, which uses app path aliases). */
export const RESERVED_SERIALS = [57935265, 61204418, 73310052, 41877310, 39015627, 28810463];

/**
 * Serial numbers for 统一社会信用代码: i → (i·M + offset) mod 10⁸ is one-to-one (M is coprime to
 * 10⁸), so codes never repeat and don't look sequential. Serials of the hand-written demo
 * companies are swapped for ones from the far end of the sequence, which no run reaches.
 */
function serials(seed: number): (i: number) => number {
  const M = 7_368_787;
  const offset = Math.floor(mulberry32(seed ^ 0x5bd1e995)() * 1e8);
  const at = (i: number) => (i * M + offset) % 1e8;
  const reserved = RESERVED_SERIALS;
  return (i) => {
    const s = at(i);
    const k = reserved.indexOf(s);
    return k < 0 ? s : at(1e8 - 1 - k);
  };
}

export function* generateRegistryRows(options: RegistryOptions): Generator<ImportRow> {
  const { count, seed = 1, year = 2025 } = options;
  if (count > 1e7) throw new Error("最多生成 1000 万行");
  const w = loadWorld();
  const rng = new Rng(mulberry32(seed));
  const serialOf = serials(seed);
  const lastYear = Math.min(year, 2025); // no date after 2025-12-31

  for (let i = 0; i < count; i++) {
    // Where: 85% name the community, 10% only write it into the address, 5% can't be placed.
    // (A few in-address rows fall back to naming the community when no wording is unambiguous.)
    const mode = rng.next();
    const unplaceable = mode < 0.05;
    let inAddress = !unplaceable && mode < 0.167;
    const district = w.districts.pick(rng);
    const industry = district.industries.pick(rng);
    const techy = industry.group === "tech" || industry.group === "hitech";
    const park = !unplaceable && district.hasParks && rng.chance(techy ? 0.19 : 0.07) ? district.parks.pick(rng) : null;
    const street = park ? district.streetByCode.get(park.parentCode)! : district.streets.pick(rng);
    let community = street.communities.pick(rng);
    if (inAddress && !community.written) {
      if (street.writable.length) community = rng.pick(street.writable);
      else inAddress = false;
    }

    // Who and how big.
    let r = rng.next();
    const size = SIZE_SHARES.find(([, share]) => (r -= share) < 0)?.[0] ?? "MICRO";
    const fig = sizeFigures(rng, industry, size);
    const f = foundingDate(rng, size, lastYear);
    const founded = ymd(f.y, f.m, f.d);
    if (size === "MICRO" && f.y === lastYear && rng.chance(0.3)) fig.revenue = 0; // not trading yet
    const held = qualifications(rng, industry, size, district.code, founded, f.y, lastYear, fig.revenue);

    // Indicators: R&D and science staff follow the industry, and 高企 mostly meet the criteria.
    const { employees, revenue } = fig;
    let rdRatio =
      industry.rd === "high" ? rng.between(0.01, 0.08)
      : industry.rd === "mid" ? rng.between(0.003, 0.04)
      : industry.rd === "low" ? (rng.chance(0.5) ? 0 : rng.between(0, 0.01))
      : rng.chance(0.9) ? 0 : rng.between(0, 0.005);
    if (held.highTech === "current") {
      const required = revenue < 5000 ? 0.05 : revenue <= 20000 ? 0.04 : 0.03;
      rdRatio = rng.chance(0.85) ? Math.min(0.1, required + rng.between(0, 0.03)) : required * rng.between(0.5, 1);
    } else if (held.techSme) rdRatio = Math.max(rdRatio, rng.between(0.03, 0.07));
    let science =
      industry.rd === "high" ? employees * rng.between(0.15, 0.7)
      : industry.rd === "mid" ? employees * rng.between(0.03, 0.2)
      : industry.rd === "low" ? employees * rng.between(0, 0.05)
      : 0;
    if ((held.highTech === "current" || held.techSme) && rng.chance(0.9)) science = Math.max(science, Math.ceil(employees * rng.between(0.1, 0.3)));
    const htShare =
      held.highTech === "current" ? (rng.chance(0.85) ? rng.between(0.6, 0.95) : rng.between(0.3, 0.6))
      : industry.rd === "high" ? rng.between(0, 0.7)
      : industry.rd === "mid" && rng.chance(0.5) ? rng.between(0, 0.4)
      : 0;
    const reportsHighTech = held.highTech !== null || industry.rd === "high" || industry.rd === "mid";

    const insured = size === "MICRO" && rng.chance(0.08) ? 0 : Math.min(employees, Math.round(employees * rng.between(0.6, 1.0)));
    let months = insured === 0 ? 0 : rng.chance(0.87) ? 12 : rng.int(6, 11);
    if (f.y === lastYear && year === lastYear) months = Math.min(months, 13 - f.m); // founded this year
    const wage = Math.max(4.2, WAGE[industry.sector] * rng.between(0.8, 1.25));
    const insurancePaid = insured === 0 ? 0 : Math.max(0.01, (insured * wage * 0.01 * months) / 12);
    const layoffs = insured === 0 || !rng.chance(insured < 5 ? 0.04 : 0.2) ? 0 : Math.min(insured, Math.max(1, Math.round(insured * rng.between(0, 0.12))));

    // Names and contacts.
    const [brandName, brandPinyin] = brand(rng, w);
    const legal = personName(rng, w);
    const contact = size === "MICRO" && rng.chance(0.5) ? legal : personName(rng, w);
    const domain = brandPinyin + rng.pick([".com.cn", ".com.cn", ".com", ".cn"]);

    const located = buildAddress(rng, w, { district, street, community, park, industry, unplaceable, inAddress });
    inAddress = located.inAddress;
    const address = located.address;

    const row: ImportRow = {
      [C.uscc]: makeUscc(district.code, serialOf(i)),
      [C.name]: companyName(rng, district, brandName, industry, size),
      [C.legalRep]: legal.name,
      [C.registeredAt]: founded,
      [C.registeredCapital]: registeredCapital(rng, size),
      [C.address]: address,
      [C.district]: unplaceable ? "" : district.name,
      [C.street]: unplaceable ? "" : street.name,
      [C.community]: unplaceable || inAddress ? "" : community.name,
      [C.park]: park?.name ?? "",
      [C.contactName]: contact.name,
      [C.contactPhone]: phone(rng),
      [C.contactEmail]: email(rng, contact.pinyin, domain, size),
      [C.industryCode]: industry.code,
      [C.businessScope]: industry.scope + (rng.chance(0.1) ? "；货物进出口；技术进出口" : ""),
      [C.tags]: tags(rng, industry, size, district.code, held),
      [C.qualifications]: held.parts.join("；"),
      [C.year]: String(year),
      [C.revenue]: money(revenue),
      [C.rdExpense]: money(revenue * rdRatio),
      [C.taxPaid]: money(revenue * rng.between(0.03, 0.08)),
      [C.totalAssets]: money(fig.totalAssets),
      [C.highTechRevenue]: reportsHighTech ? money(revenue * htShare) : "",
      [C.employees]: String(employees),
      [C.insuredStaff]: String(insured),
      [C.scienceStaff]: String(Math.min(employees, Math.round(science))),
      [C.unemploymentInsurancePaid]: money(insurancePaid),
      [C.insuranceMonthsPaid]: String(months),
      [C.layoffs]: String(layoffs),
    };
    yield row;
  }
}
