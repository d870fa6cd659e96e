import { redirect } from "@remix-run/node";
import type { Actor } from "~/auth/actor";
import { findSection, type Role } from "~/auth/roles";
import { getActor } from "~/auth/session.server";

/** The logged-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (actor) return actor;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

export function forbidden(message = "您没有权限访问此页面。"): Response {
  return new Response(message, { status: 403 });
}

export function notFound(message = "没有找到该记录，或您无权查看。"): Response {
  return new Response(message, { status: 404 });
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<Actor> {
  const actor = await requireActor(request);
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}

/** A portal section (navigation entry) the actor's role may open. Unknown sections are 404. */
export async function requireSection(request: Request, key: string): Promise<Actor> {
  const section = findSection(key);
  if (!section) throw notFound("页面不存在。");
  return requireRole(request, section.roles);
}
