/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z), ending in a check character over the first 17.
 *   1 登记管理部门 · 2 机构类别 · 3–8 行政区划码 · 9–17 主体标识码（组织机构代码，GB 11714）· 18 校验码
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = "empty" | "length" | "characters" | "check";

export const USCC_PROBLEM_LABELS: Record<UsccProblem, string> = {
  empty: "统一社会信用代码不能为空",
  length: "统一社会信用代码应为 18 位",
  characters: "统一社会信用代码含有不允许的字符（只允许数字和除 I、O、S、V、Z 以外的大写字母，第 3–8 位为数字）",
  check: "统一社会信用代码校验位不正确，请核对是否抄错",
};

/** The check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Normalises (trim, upper case) and validates; returns the code or the first problem found. */
export function checkUscc(input: string): { ok: true; uscc: string } | { ok: false; problem: UsccProblem } {
  const uscc = input.trim().toUpperCase();
  if (!uscc) return { ok: false, problem: "empty" };
  if (uscc.length !== 18) return { ok: false, problem: "length" };
  if (!SHAPE.test(uscc)) return { ok: false, problem: "characters" };
  if (usccCheckChar(uscc.slice(0, 17)) !== uscc[17]) return { ok: false, problem: "check" };
  return { ok: true, uscc };
}

/** GB 11714 organisation code check character for 8 body characters (digits / letters). */
export function orgCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...body8].reduce((s, c, i) => s + value(c) * weights[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/**
 * A valid code for demo data: enterprise (9) / company (1), the given division code, and an
 * organisation code derived from the serial number.
 */
export function makeUscc(divisionCode6: string, serial: number): string {
  const body8 = String(serial % 1e8).padStart(8, "0");
  const first17 = `91${divisionCode6}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}
