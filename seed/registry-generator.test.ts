import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS as C, type ImportRow } from "../app/companies/import/columns";
import { QUALIFICATIONS } from "../app/companies/qualifications";
import { checkUscc, makeUscc } from "../app/companies/uscc";
import { PlacementIndex, type PlacementNode } from "../app/grids/placement";
import { DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";
import { generateRegistryRows, RESERVED_SERIALS } from "./registry-generator";
import { INDUSTRIES } from "./registry-vocabulary";
import { classifySize } from "../app/companies/size";

interface Divisions {
  districts: { code: string; name: string; streets: { code: string; name: string; communities: [string, string][] }[] }[];
}
const divisions: Divisions = JSON.parse(readFileSync(new URL("./divisions/zhengzhou.json", import.meta.url), "utf8"));

const N = 20_000;
let rows: ImportRow[] = [];
beforeAll(() => {
  rows = [...generateRegistryRows({ count: N, seed: 2026 })];
});

const cell = (row: ImportRow, header: string) => row[header as keyof ImportRow] ?? "";
const share = (predicate: (r: ImportRow) => boolean) => rows.filter(predicate).length / rows.length;

describe("registry generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = [...generateRegistryRows({ count: 300, seed: 7 })];
    const b = [...generateRegistryRows({ count: 300, seed: 7 })];
    const c = [...generateRegistryRows({ count: 300, seed: 8 })];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(rows.slice(0, 300)).toEqual([...generateRegistryRows({ count: 300, seed: 2026 })]); // a prefix
  });

  it("gives every row a name and a valid, unique 统一社会信用代码", () => {
    const seen = new Set<string>();
    const reserved = new Set(divisions.districts.flatMap((d) => RESERVED_SERIALS.map((s) => makeUscc(d.code, s))));
    for (const r of rows) {
      expect(cell(r, C.name)).toMatch(/^(郑州|河南|.{2}[县市]).+(有限公司|有限责任公司)$/);
      const uscc = cell(r, C.uscc);
      expect(checkUscc(uscc)).toEqual({ ok: true, uscc });
      expect(reserved.has(uscc)).toBe(false);
      seen.add(uscc);
    }
    expect(seen.size).toBe(N);
  });

  it("uses district, street and community names from the division tree, consistently", () => {
    const tree = new Map(divisions.districts.map((d) => [d.name, new Map(d.streets.map((s) => [s.name, new Set(s.communities.map(([, n]) => n))]))]));
    const parks = new Map(DEMO_PARKS.map((p) => [p.name, p.parentCode]));
    const streetCode = new Map(divisions.districts.flatMap((d) => d.streets.map((s) => [`${d.name}/${s.name}`, s.code] as const)));
    for (const r of rows) {
      const [district, street, community, park] = [cell(r, C.district), cell(r, C.street), cell(r, C.community), cell(r, C.park)];
      expect(cell(r, C.address)).toMatch(/^(郑州|河南|.{2}[县市])/);
      if (!district) {
        expect([street, community, park]).toEqual(["", "", ""]);
        continue;
      }
      expect(tree.get(district)?.has(street)).toBe(true);
      if (community) expect(tree.get(district)!.get(street)!.has(community)).toBe(true);
      if (park) expect(streetCode.get(`${district}/${street}`)).toBe(parks.get(park)); // the park's own street
    }
    expect(share((r) => !!cell(r, C.community))).toBeGreaterThan(0.8);
    expect(share((r) => !!cell(r, C.district) && !cell(r, C.community))).toBeGreaterThan(0.07);
    expect(share((r) => !cell(r, C.district))).toBeCloseTo(0.05, 1);
  });

  it("lands where intended when placed: by community, by the address, or unplaced", () => {
    const nodes: PlacementNode[] = [{ id: "4101", code: "4101", name: "郑州市", level: "CITY", parentId: null }];
    for (const d of divisions.districts) {
      nodes.push({ id: d.code, code: d.code, name: d.name, level: "DISTRICT", parentId: "4101" });
      for (const s of d.streets) {
        nodes.push({ id: s.code, code: s.code, name: s.name, level: "STREET", parentId: d.code });
        for (const [code, name] of s.communities) nodes.push({ id: code, code, name, level: "COMMUNITY", parentId: s.code });
      }
    }
    for (const e of DEMO_ESTATES) nodes.push({ id: e.code, code: e.code, name: e.name, level: "ESTATE", parentId: e.parentCode });
    for (const p of DEMO_PARKS) nodes.push({ id: p.code, code: p.code, name: p.name, level: "DEDICATED", parentId: p.parentCode });
    const index = new PlacementIndex(nodes);
    for (const r of rows) {
      const p = index.place({ district: cell(r, C.district), street: cell(r, C.street), community: cell(r, C.community), park: cell(r, C.park), address: cell(r, C.address) });
      if (!cell(r, C.district)) {
        expect(p, cell(r, C.address)).toMatchObject({ gridId: null, districtCode: null, streetCode: null, parkGridId: null });
      } else {
        expect(p.communityCode, cell(r, C.address)).not.toBeNull();
        expect(p.how).toMatch(cell(r, C.community) ? /^按所属社区/ : /^按街道和地址中的社区名/);
        expect(!!p.parkGridId).toBe(!!cell(r, C.park));
      }
    }
  });

  it("mixes sizes roughly 80 / 15 / 4 / 1 per the 300号 thresholds", () => {
    const classify = (r: ImportRow) =>
      classifySize({ industryCode: cell(r, C.industryCode), employees: Number(cell(r, C.employees)), revenue: Number(cell(r, C.revenue)), totalAssets: Number(cell(r, C.totalAssets)) }).size;
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(classify(r)), (counts.get(String(classify(r))) ?? 0) + 1);
    const micro = (counts.get("MICRO") ?? 0) / N;
    expect(micro).toBeGreaterThan(0.7);
    expect(micro).toBeLessThan(0.9);
    expect((counts.get("SMALL") ?? 0) / N).toBeGreaterThan(0.1);
    expect((counts.get("MEDIUM") ?? 0) / N).toBeGreaterThan(0.02);
    expect((counts.get("LARGE") ?? 0) / N).toBeGreaterThan(0.003);
  });

  it("writes sensible figures: non-negative, whole people, staff counts within headcount", () => {
    const money = [C.registeredCapital, C.revenue, C.rdExpense, C.taxPaid, C.totalAssets, C.highTechRevenue, C.unemploymentInsurancePaid];
    const people = [C.employees, C.insuredStaff, C.scienceStaff, C.layoffs, C.insuranceMonthsPaid];
    const problems: string[] = []; // collected, not asserted per cell: 20,000 rows × 30 columns
    const check = (ok: boolean, what: string, r: ImportRow) => ok || problems.push(`${what}: ${cell(r, C.name)}`);
    for (const r of rows) {
      for (const h of money) check(cell(r, h) === "" || /^\d+(\.\d{1,2})?$/.test(cell(r, h)), h, r);
      for (const h of people) check(/^\d+$/.test(cell(r, h)), h, r);
      const [employees, insured] = [Number(cell(r, C.employees)), Number(cell(r, C.insuredStaff))];
      check(employees > 0, "从业人员 > 0", r);
      check(insured <= employees, "参保 ≤ 从业", r);
      check(Number(cell(r, C.scienceStaff)) <= employees, "科技人员 ≤ 从业", r);
      check(Number(cell(r, C.layoffs)) <= insured, "裁员 ≤ 参保", r);
      check(Number(cell(r, C.insuranceMonthsPaid)) <= 12, "月数 ≤ 12", r);
      check(Number(cell(r, C.rdExpense)) <= Number(cell(r, C.revenue)) * 0.1 + 0.01, "研发费用 ≤ 10%", r);
      check(cell(r, C.year) === "2025", "年度", r);
      check(/^1[3589]\d{9}$/.test(cell(r, C.contactPhone)), "手机号", r);
      check(/^[a-z0-9.]+@[a-z0-9.]+\.(cn|com)$/.test(cell(r, C.contactEmail)), "邮箱", r);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(share((r) => cell(r, C.insuranceMonthsPaid) === "12")).toBeGreaterThan(0.6);
    expect(share((r) => !!cell(r, C.tags))).toBeGreaterThan(0.1);
  });

  it("has no dates after 2025 and qualifications in the exact import format", () => {
    const labels = Object.values(QUALIFICATIONS).map((q) => q.label);
    const format = /^(.+)\((\d{4}-\d{2}-\d{2})至(\d{4}-\d{2}-\d{2})?\)$/;
    const held = new Map<string, number>();
    for (const r of rows) {
      const founded = cell(r, C.registeredAt);
      expect(founded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(founded >= "1995-01-01" && founded <= "2025-12-31").toBe(true);
      for (const part of cell(r, C.qualifications).split("；").filter(Boolean)) {
        const m = format.exec(part);
        expect(m, part).not.toBeNull();
        const [, label, from, to] = m!;
        expect(labels).toContain(label);
        expect(from <= "2025-12-31" && from > founded).toBe(true);
        expect(to === undefined ? label === QUALIFICATIONS.ABOVE_SCALE.label : to > from).toBe(true);
        held.set(label, (held.get(label) ?? 0) + 1);
      }
    }
    const rate = (label: string) => (held.get(label) ?? 0) / N;
    expect(rate(QUALIFICATIONS.HIGH_TECH.label)).toBeGreaterThan(0.03);
    expect(rate(QUALIFICATIONS.TECH_SME.label)).toBeGreaterThan(0.05);
    expect(rate(QUALIFICATIONS.ABOVE_SCALE.label)).toBeGreaterThan(0.02);
  });

  it("keeps dates within an earlier indicator year", () => {
    for (const r of generateRegistryRows({ count: 2000, seed: 3, year: 2023 })) {
      expect(cell(r, C.year)).toBe("2023");
      expect(cell(r, C.registeredAt) <= "2023-12-31").toBe(true);
      for (const m of cell(r, C.qualifications).matchAll(/\((\d{4}-\d{2}-\d{2})至/g)) expect(m[1] <= "2023-12-31").toBe(true);
    }
  });

  it("uses real GB/T 4754-2017 小类 codes", () => {
    const codes = INDUSTRIES.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^\d{4}$/);
    // The full code table, when the seed file is present: every code with its official name.
    const file = new URL("./industries/gbt4754-2017.json", import.meta.url);
    if (!existsSync(file)) return;
    const names = new Map<string, string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        if (node.length === 2 && typeof node[0] === "string" && /^\d{4}$/.test(node[0])) names.set(node[0], String(node[1]));
        else node.forEach(walk);
      } else if (node && typeof node === "object") {
        const o = node as Record<string, unknown>;
        if (typeof o.code === "string" && /^\d{4}$/.test(o.code) && typeof o.name === "string") names.set(o.code, o.name);
        Object.values(o).forEach(walk);
      }
    };
    walk(JSON.parse(readFileSync(file, "utf8")));
    for (const i of INDUSTRIES) expect(names.get(i.code), i.code).toBe(i.name);
  });
});
