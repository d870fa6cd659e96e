import type { BenefitSpec } from "~/policies/policy-file";
import { evaluateFormula, parseFormula } from "./formula";

/** Each parameter's value on a date: the latest dated value in force (a new year is a new entry). */
export function parametersOn(parameters: Record<string, { from: string; value: number }[]>, on: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const [name, dated] of Object.entries(parameters)) {
    const current = dated.filter((d) => d.from <= on).at(-1);
    if (current) values.set(name, current.value);
  }
  return values;
}

/**
 * The benefit in 万元 for a qualifying company on a date, rounded to the 分; null for
 * non-monetary benefits or when a fact the formula needs is missing.
 */
export function benefitAmount(benefit: BenefitSpec, facts: Record<string, unknown>, on: string): number | null {
  if (benefit.kind === "none") return null;
  const values = parametersOn(benefit.parameters, on);
  if (benefit.kind === "fixed") return values.get("amount") ?? null;
  for (const [k, v] of Object.entries(facts)) if (typeof v === "number" && !values.has(k)) values.set(k, v);
  let amount = evaluateFormula(parseFormula(benefit.formula), values);
  if (amount === undefined) return null;
  if (benefit.cap) {
    const cap = evaluateFormula(parseFormula(benefit.cap), values);
    if (cap !== undefined) amount = Math.min(amount, cap);
  }
  return Math.round(Math.max(0, amount) * 1_000_000) / 1_000_000; // 万元 to the 分
}
