import { FACTS_BY_KEY } from "~/companies/facts";
import { parametersOn } from "~/rules/benefit";
import { parseFormula, type Formula } from "~/rules/formula";
import type { BenefitSpec } from "./policy-file";

/**
 * Benefits in words for policy pages: "按上年度失业保险缴费 × 0.6 计算，最高 50 万元". Pure, shared by
 * officers' and companies' pages.
 */
export function formulaToChinese(text: string, parameters: Record<string, { from: string; value: number }[]>, on: string): string {
  const values = parametersOn(parameters, on);
  let tree: Formula;
  try {
    tree = parseFormula(text);
  } catch {
    return text;
  }
  const render = (f: Formula, parent = 0): string => {
    switch (f.kind) {
      case "number":
        return String(f.value);
      case "name": {
        const fact = FACTS_BY_KEY.get(f.name);
        if (fact) return fact.group === "上年度指标" || fact.group === "派生指标" ? `上年度${fact.label}` : fact.label;
        return values.has(f.name) ? String(values.get(f.name)) : f.name;
      }
      case "unary":
        return `−${render(f.operand, 3)}`;
      case "binary": {
        const precedence = f.op === "+" || f.op === "-" ? 1 : 2;
        const s = `${render(f.left, precedence)} ${{ "+": "+", "-": "−", "*": "×", "/": "÷" }[f.op]} ${render(f.right, precedence + 1)}`;
        return precedence < parent ? `（${s}）` : s;
      }
      case "call": {
        const args = f.args.map((a) => render(a));
        if (f.fn === "min") return `${args.join("与")}中的较小者`;
        if (f.fn === "max") return `${args.join("与")}中的较大者`;
        return `${args[0]}（保留 ${args[1] ?? 0} 位小数）`;
      }
    }
  };
  return render(tree);
}

/** One line for a benefit on a date. */
export function benefitSummary(benefit: BenefitSpec, on: string): string {
  if (benefit.kind === "none") return benefit.description;
  const values = parametersOn(benefit.parameters, on);
  if (benefit.kind === "fixed") {
    const amount = values.get("amount");
    return amount === undefined ? `${benefit.description}（该日期尚无适用金额）` : `${amount.toLocaleString("zh-CN")} 万元`;
  }
  const cap = benefit.cap ? `，最高 ${formulaToChinese(benefit.cap, benefit.parameters, on)}${/^[\d.]+$/.test(benefit.cap) ? " 万元" : ""}` : "";
  return `按 ${formulaToChinese(benefit.formula, benefit.parameters, on)} 计算（万元）${cap}`;
}

export const PARAMETER_LABELS: Record<string, string> = { amount: "金额（万元）", rate: "比例", cap: "上限（万元）" };
