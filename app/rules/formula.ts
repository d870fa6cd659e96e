/**
 * Benefit formulas ("unemploymentInsurancePaid * rate", "min(rdExpense * 0.1, 50)") parsed and
 * evaluated by a small grammar of our own: numbers, names, + - * /, parentheses, min/max/round.
 * Nothing is ever handed to eval or Function, and names are looked up in plain Maps, so text
 * like "constructor" or "process.exit()" can only ever be an unknown name or a syntax error.
 */
export type Formula =
  | { kind: "number"; value: number }
  | { kind: "name"; name: string }
  | { kind: "unary"; operand: Formula }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Formula; right: Formula }
  | { kind: "call"; fn: "min" | "max" | "round"; args: Formula[] };

export class FormulaError extends Error {
  name = "FormulaError";
}

const MAX_LENGTH = 500;
const FUNCTIONS = new Set(["min", "max", "round"]);

export function parseFormula(text: string): Formula {
  if (text.length > MAX_LENGTH) throw new FormulaError(`公式过长（最多 ${MAX_LENGTH} 个字符）`);
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new FormulaError(`公式在第 ${i} 个符号附近缺少“${t}”`);
  };
  const expression = (): Formula => {
    let left = term();
    while (peek() === "+" || peek() === "-") left = { kind: "binary", op: next() as "+" | "-", left, right: term() };
    return left;
  };
  const term = (): Formula => {
    let left = factor();
    while (peek() === "*" || peek() === "/") left = { kind: "binary", op: next() as "*" | "/", left, right: factor() };
    return left;
  };
  const factor = (): Formula => {
    const t = next();
    if (t === undefined) throw new FormulaError("公式不完整");
    if (t === "-") return { kind: "unary", operand: factor() };
    if (t === "(") {
      const inner = expression();
      expect(")");
      return inner;
    }
    if (/^\d/.test(t)) return { kind: "number", value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() !== "(") return { kind: "name", name: t };
      if (!FUNCTIONS.has(t)) throw new FormulaError(`不支持的函数“${t}”，只能使用 min、max、round`);
      next();
      const args = [expression()];
      while (peek() === ",") (next(), args.push(expression()));
      expect(")");
      return { kind: "call", fn: t as "min" | "max" | "round", args };
    }
    throw new FormulaError(`公式中有不允许的符号“${t}”`);
  };
  const tree = expression();
  if (i !== tokens.length) throw new FormulaError(`公式在“${tokens[i]}”处无法识别`);
  return tree;
}

/** Every name a formula uses (facts and parameters), for validation. */
export function formulaNames(f: Formula): string[] {
  switch (f.kind) {
    case "number": return [];
    case "name": return [f.name];
    case "unary": return formulaNames(f.operand);
    case "binary": return [...formulaNames(f.left), ...formulaNames(f.right)];
    case "call": return f.args.flatMap(formulaNames);
  }
}

/** The formula's value, or undefined when a fact it needs is missing (the amount is unknown). */
/** Where a formula's names get their values (a Map, or a view over parameters and facts). */
export interface FormulaValues {
  get(name: string): number | undefined;
}

export function evaluateFormula(f: Formula, values: FormulaValues): number | undefined {
  switch (f.kind) {
    case "number": return f.value;
    case "name": return values.get(f.name);
    case "unary": {
      const v = evaluateFormula(f.operand, values);
      return v === undefined ? undefined : -v;
    }
    case "binary": {
      const a = evaluateFormula(f.left, values);
      const b = evaluateFormula(f.right, values);
      if (a === undefined || b === undefined) return undefined;
      if (f.op === "/" && b === 0) return undefined;
      return f.op === "+" ? a + b : f.op === "-" ? a - b : f.op === "*" ? a * b : a / b;
    }
    case "call": {
      const args = f.args.map((x) => evaluateFormula(x, values));
      if (args.some((a) => a === undefined)) return undefined;
      const nums = args as number[];
      if (f.fn === "min") return Math.min(...nums);
      if (f.fn === "max") return Math.max(...nums);
      const digits = nums[1] ?? 0;
      return Math.round(nums[0] * 10 ** digits) / 10 ** digits;
    }
  }
}
