import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, headless, with the flags this network needs (see ../shared/toolchain.md).
 * Playwright gives every launch a fresh temporary profile itself.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

export const SCREENSHOT_DIR = path.resolve(__dirname, "..", "..", "test-results");
