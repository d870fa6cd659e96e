import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { pinoHttp } from "pino-http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { logger } from "~/utils/logger.server";

/** The HTTP app: static assets, request logs, and the Remix handler. */
export async function createHttpApp(root: string) {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy (nginx, SLB) set TRUST_PROXY=true so rate limits see the real client.
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use(compression());
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Only paths that name a file (favicon.ico, robots.txt) can be in public/: the pages and data
  // requests skip the file-system lookup the static handler would make for every one of them.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    }),
  );
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}
