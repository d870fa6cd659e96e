import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.server";

const base = { SESSION_SECRET: "x".repeat(32) };

function problems(env: Record<string, string | undefined>) {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
}

describe("configuration", () => {
  it("has working defaults for a local start", () => {
    const config = parseConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe("file:./.data/qinqing.db");
    expect(config.MEILI_HOST).toBeUndefined();
    expect(config.COOKIE_SECURE).toBe("true");
  });

  it("names each variable that is missing or wrong", () => {
    expect(problems({})).toEqual(["SESSION_SECRET"]);
    expect(problems({ ...base, SESSION_SECRET: "short" })).toEqual(["SESSION_SECRET"]);
    expect(problems({ ...base, PORT: "70000" })).toEqual(["PORT"]);
    expect(problems({ ...base, PORT: "abc" })).toEqual(["PORT"]);
    expect(problems({ ...base, DATABASE_URL: "postgres://x" })).toEqual(["DATABASE_URL"]);
    expect(problems({ ...base, SMTP_URL: "http://mail" })).toEqual(["SMTP_URL"]);
    expect(problems({ ...base, MEILI_HOST: "not a url" })).toContain("MEILI_HOST");
  });

  it("requires the master key with an external Meilisearch", () => {
    expect(problems({ ...base, MEILI_HOST: "http://search.internal:7700" })).toEqual(["MEILI_MASTER_KEY"]);
    expect(problems({ ...base, MEILI_HOST: "http://search.internal:7700", MEILI_MASTER_KEY: "k".repeat(16) })).toEqual([]);
  });

  it("explains in Chinese", () => {
    expect(() => parseConfig({})).toThrow(/配置有误.*\n.*SESSION_SECRET: 未设置/);
  });
});
