import { QUALIFICATIONS, type QualificationKind } from "~/companies/qualifications";
import { SIZE_LABELS as BY_SIZE } from "~/companies/size";

/** Size labels, indexable by the plain strings stored in the database. */
export const SIZE_LABELS: Record<string, string> = BY_SIZE;

export function qualificationLabel(kind: string): string {
  return QUALIFICATIONS[kind as QualificationKind]?.label ?? kind;
}

/** "2026-03-01" in China time, for dates shown to users. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return d.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).replace(/\//g, "-");
}

export function formatMoney(value: number | null | undefined): string {
  return value == null ? "—" : `${value.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 万元`;
}

/** "2026-03-01 14:05" in China time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return d.toLocaleString("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}
