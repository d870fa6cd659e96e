import pino from "pino";

/** Structured JSON logs (one line per event) for every server-side part of the portal. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "qinqing" },
  redact: ["req.headers.cookie", "res.headers[\"set-cookie\"]", "password", "*.password", "masterKey"],
});
