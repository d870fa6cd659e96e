import { describe, expect, it } from "vitest";
import { checkUscc, makeUscc, orgCodeCheckChar } from "./uscc";

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts the standard's worked example", () => {
    expect(checkUscc("91350100M000100Y43")).toEqual({ ok: true, uscc: "91350100M000100Y43" });
  });

  it("normalises case and whitespace", () => {
    expect(checkUscc("  91350100m000100y43 ")).toEqual({ ok: true, uscc: "91350100M000100Y43" });
  });

  it("names the problem", () => {
    expect(checkUscc("")).toEqual({ ok: false, problem: "empty" });
    expect(checkUscc("91350100M000100Y4")).toEqual({ ok: false, problem: "length" });
    expect(checkUscc("91350100M000100YO3")).toEqual({ ok: false, problem: "characters" }); // O is not allowed
    expect(checkUscc("9135A100M000100Y43")).toEqual({ ok: false, problem: "characters" }); // division code must be digits
    expect(checkUscc("91350100M000100Y44")).toEqual({ ok: false, problem: "check" });
  });

  it("catches every single-character change of a valid code", () => {
    const valid = "91350100M000100Y43";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 0; i < 17; i++) {
      for (const c of alphabet) {
        if (c === valid[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue;
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(checkUscc(changed).ok, changed).toBe(false);
      }
    }
  });

  it("computes GB 11714 organisation code check characters", () => {
    // The organisation code inside the GB 32100 example: M000100Y-4.
    expect(orgCodeCheckChar("M000100Y")).toBe("4");
  });

  it("makes valid codes for demo data", () => {
    for (const serial of [0, 1, 12345, 99999999]) {
      const code = makeUscc("410172", serial);
      expect(code).toHaveLength(18);
      expect(code.slice(2, 8)).toBe("410172");
      expect(checkUscc(code).ok).toBe(true);
    }
  });
});
