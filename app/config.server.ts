import { z } from "zod";

/**
 * Every setting the portal reads, validated once. A wrong value stops start-up with a message
 * that names the variable (see ConfigError), never a stack trace from deep inside a library.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    DATABASE_URL: z
      .string()
      .regex(/^file:.+/, "目前只支持 SQLite，格式为 file:./路径.db")
      .default("file:./.data/qinqing.db"),
    MEILI_HOST: z.string().url("必须是 http(s):// 开头的地址").optional(),
    MEILI_MASTER_KEY: z.string().min(16, "至少 16 个字符").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "必须是 smtp:// 或 smtps:// 开头的地址")
      .optional(),
    MAIL_FROM: z.string().default("亲清网格 <noreply@qinqing.local>"),
    SESSION_SECRET: z.string().min(32, "至少 32 个字符（可用 openssl rand -hex 32 生成）"),
    PORT: z.coerce.number().int().min(1, "必须是 1–65535 的端口号").max(65535, "必须是 1–65535 的端口号").default(3000),
    COOKIE_SECURE: z.enum(["true", "false"]).default("true"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Uploads, the embedded services' data, generated secrets. */
    DATA_DIR: z.string().default(".data"),
    // Set by the launcher when it runs the embedded SMTP catcher; enables the caught-mail page.
    MAIL_CATCHER_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_HOST && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: "custom", path: ["MEILI_MASTER_KEY"], message: "设置了 MEILI_HOST 时必须同时设置" });
    }
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "配置有误，无法启动：\n" + problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // `FOO=` in a shell or an .env file means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((i) => ({
      variable: String(i.path[0] ?? "?"),
      message: i.code === "invalid_type" && i.received === "undefined" ? "未设置" : i.message,
    })),
  );
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
