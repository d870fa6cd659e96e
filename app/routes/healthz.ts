import { json } from "@remix-run/node";
import { healthReport } from "~/ops/health.server";

/** For load balancers and operators: 200 when database, Meilisearch and SMTP all answer, else 503. */
export async function loader() {
  const report = await healthReport();
  return json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
