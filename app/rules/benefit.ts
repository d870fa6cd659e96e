import type { BenefitSpec } from "~/policies/policy-file";
import { evaluateFormula, parseFormula, type Formula, type FormulaValues } from "./formula";

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
  const params = parametersCached(benefit.parameters, on);
  if (benefit.kind === "fixed") return params.get("amount") ?? null;
  // Parameters first, then the company's numeric facts: a view, not a copy (this runs for every
  // qualifying pair of a full match, hundreds of thousands of times).
  const values: FormulaValues = {
    get: (name) => {
      if (params.has(name)) return params.get(name);
      const v = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
      return typeof v === "number" ? v : undefined;
    },
  };
  let amount = evaluateFormula(parsed(benefit.formula), values);
  if (amount === undefined) return null;
  if (benefit.cap) {
    const cap = evaluateFormula(parsed(benefit.cap), values);
    if (cap !== undefined) amount = Math.min(amount, cap);
  }
  return Math.round(Math.max(0, amount) * 1_000_000) / 1_000_000; // 万元 to the 分
}

// Formulas are few and never change once written: parse each text once.
const formulas = new Map<string, Formula>();
function parsed(text: string): Formula {
  let f = formulas.get(text);
  if (!f) {
    if (formulas.size > 10_000) formulas.clear();
    formulas.set(text, (f = parseFormula(text)));
  }
  return f;
}

// A clause's parameters on a date, per parameters object (clauses are cached objects).
const parameterCache = new WeakMap<object, { on: string; values: Map<string, number> }>();
function parametersCached(parameters: Record<string, { from: string; value: number }[]>, on: string): ReadonlyMap<string, number> {
  const hit = parameterCache.get(parameters);
  if (hit && hit.on === on) return hit.values;
  const values = parametersOn(parameters, on);
  parameterCache.set(parameters, { on, values });
  return values;
}
