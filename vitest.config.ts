import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.ts", "seed/**/*.test.ts", "rules/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Integration and browser tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page or a worker to catch up: a bound for waiting, not a timing check.
    // The 1 s default failed browser steps on a loaded CI machine (a submit that reloads its data).
    expect: { poll: { timeout: 15_000 } },
    pool: "forks",
  },
});
