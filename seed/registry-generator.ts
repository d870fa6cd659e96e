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
import type { CompanySize, SizeSector } from "../app/companies/size";
import { makeUscc } from "../app/companies/uscc";
import { shortName } from "../app/grids/placement";
import { DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";
import {
  BRANDS, BRAND_TAILS, SURNAMES, GIVEN, PHONE_PREFIXES, INDUSTRIES, type IndustryDef,
} from "./registry-vocabulary";
import { mulberry32, Rng, Weighted } from "./registry-random";
import {
  foundingDate, money, pad2, qualifications, registeredCapital, SIZE_SHARES, sizeFigures, sizeSectorOfCode, tags, WAGE, ymd, ZONES, type Industry,
} from "./registry-figures";
import { DISTRICT_PROFILES, DISTRICT_ADDRESS_NAMES, PARK_SITES, UNPLACEABLE_ROADS, CITY_STEMS, type DistrictProfile } from "./registry-places";


export interface RegistryOptions {
  count: number;
  seed?: number;
  /** Indicator year (年度), default 2025. */
  year?: number;
}


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
