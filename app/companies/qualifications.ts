/**
 * Qualifications (资质) a company can hold, each with a validity period. Rules ask "holds X valid
 * on the evaluation date"; the fact catalogue turns held records into that answer.
 */
export const QUALIFICATIONS = {
  HIGH_TECH: { label: "高新技术企业", years: 3 },
  TECH_SME: { label: "科技型中小企业", years: 1 },
  INNOVATIVE_SME: { label: "创新型中小企业", years: 3 },
  SRDI_SME: { label: "专精特新中小企业", years: 3 },
  LITTLE_GIANT: { label: "专精特新“小巨人”企业", years: 3 },
  GAZELLE: { label: "瞪羚企业", years: 1 },
  ABOVE_SCALE: { label: "规模以上企业", years: null },
  SINGLE_CHAMPION: { label: "制造业单项冠军企业", years: 3 },
} as const satisfies Record<string, { label: string; years: number | null }>;

export type QualificationKind = keyof typeof QUALIFICATIONS;
export const QUALIFICATION_KINDS = Object.keys(QUALIFICATIONS) as QualificationKind[];

export function isQualificationKind(value: string): value is QualificationKind {
  return value in QUALIFICATIONS;
}

/** Kind by Chinese label, accepting common variants (quotes, 企业 suffix, 高企 etc.). */
export function qualificationByLabel(label: string): QualificationKind | null {
  const normal = (s: string) => s.replace(/[“”"'‘’\s]/g, "").replace(/企业$/, "");
  const wanted = normal(label);
  const aliases: Record<string, QualificationKind> = { 高企: "HIGH_TECH", 科小: "TECH_SME", 小巨人: "LITTLE_GIANT", 规上: "ABOVE_SCALE", 专精特新: "SRDI_SME" };
  if (aliases[wanted]) return aliases[wanted];
  return QUALIFICATION_KINDS.find((k) => normal(QUALIFICATIONS[k].label) === wanted) ?? null;
}

/** Is a held qualification valid on the given date (issued on or before, not yet expired)? */
export function isValidOn(q: { issuedAt: Date; expiresAt: Date | null }, on: Date): boolean {
  return q.issuedAt <= on && (q.expiresAt === null || q.expiresAt >= on);
}
