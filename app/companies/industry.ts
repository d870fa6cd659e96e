/**
 * GB/T 4754-2017《国民经济行业分类》lookups: 门类 (A–T) → 大类 (2 digits) → 中类 (3) → 小类 (4).
 * Pure and browser-safe. The portal carries every 门类 and 大类 and the names of common 小类
 * (industry-divisions.ts); a 中类/小类 code is accepted when its 大类 exists and it has the
 * standard's shape, and is shown by code where its name is not in the table.
 */
import { SECTIONS, sectionOfDivision } from "~/companies/industry-sections";
import { CLASSES, DIVISIONS } from "~/companies/industry-divisions";

export type IndustryLevel = "section" | "division" | "group" | "class";

export interface IndustryRef {
  code: string;
  name: string;
}

export interface Industry extends IndustryRef {
  level: IndustryLevel;
  section: IndustryRef;
  division?: IndustryRef;
  /** False for a 中类/小类 code whose own name the table does not carry. */
  named: boolean;
}

/** "c3841" or " 3841 " → "3841"; null when it is not shaped like a code at all. */
export function normalizeIndustryCode(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/^[A-T](?=\d{2,4}$)/, "");
  return /^([A-T]|\d{2}|\d{3}|\d{4})$/.test(s) ? s : null;
}

/** The entry for an exact code ("C", "38", "384", "3841"), or null. */
export function industryByCode(code: string): Industry | null {
  if (/^[A-T]$/.test(code)) {
    const s = SECTIONS.find((x) => x.code === code)!;
    return { code, name: s.name, level: "section", section: { code, name: s.name }, named: true };
  }
  if (!/^\d{2,4}$/.test(code)) return null;
  const divisionName = DIVISIONS[code.slice(0, 2)];
  const sectionCode = sectionOfDivision(code.slice(0, 2));
  if (!divisionName || !sectionCode) return null;
  const section = { code: sectionCode, name: SECTIONS.find((s) => s.code === sectionCode)!.name };
  const division = { code: code.slice(0, 2), name: divisionName };
  if (code.length === 2) return { ...division, level: "division", section, division, named: true };
  const name = CLASSES[code];
  return {
    code,
    name: name ?? divisionName,
    level: code.length === 3 ? "group" : "class",
    section,
    division,
    named: Boolean(name),
  };
}

export function isValidIndustryCode(code: string): boolean {
  return industryByCode(code) !== null;
}

/** "3841 锂离子电池制造", or "3899（电气机械和器材制造业）" when only the 大类 is known. */
export function industryLabel(code: string): string {
  const i = industryByCode(code);
  if (!i) return code;
  return i.named ? `${i.code} ${i.name}` : `${i.code}（${i.division?.name ?? i.section.name}）`;
}

/** ["C 制造业", "38 电气机械和器材制造业", "3841 锂离子电池制造"] */
export function industryPath(code: string): string[] {
  const i = industryByCode(code);
  if (!i) return [];
  const path = [`${i.section.code} ${i.section.name}`];
  if (i.division) path.push(`${i.division.code} ${i.division.name}`);
  if (i.level === "group" || i.level === "class") path.push(industryLabel(code));
  return path;
}
