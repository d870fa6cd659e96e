import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Client address as the HTTP server saw it (set in scripts/server.ts). */
    clientIp?: string;
  }
}

export function clientIp(context: AppLoadContext): string {
  return context.clientIp ?? "unknown";
}

/** Only same-site paths: "/x" yes, "//evil.example" or "https://…" no (open-redirect guard). */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}
