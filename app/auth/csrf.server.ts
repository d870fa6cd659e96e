import { createCookie } from "@remix-run/node";
import { CSRF, CSRFError } from "remix-utils/csrf/server";
import { config } from "~/config.server";

let csrf: CSRF | undefined;
function instance(): CSRF {
  const { SESSION_SECRET, COOKIE_SECURE } = config();
  csrf ??= new CSRF({
    cookie: createCookie("qq_csrf", {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: COOKIE_SECURE === "true",
      secrets: [SESSION_SECRET],
    }),
    formDataKey: "csrf",
    secret: SESSION_SECRET,
  });
  return csrf;
}

/** For the root loader: the token every form carries, and the cookie to set if it is new. */
export function commitCsrfToken(request: Request) {
  return instance().commitToken(request);
}

/**
 * Every action calls this first. A missing or wrong token ends the request with 403 and a
 * message a person can act on (reload the page), never with the action performed.
 */
export async function requireCsrf(request: Request, formData: FormData): Promise<void> {
  try {
    await instance().validate(formData, request.headers);
  } catch (error) {
    if (error instanceof CSRFError) {
      throw new Response("页面已过期或请求来源不可信，请刷新页面后重试。", { status: 403 });
    }
    throw error;
  }
}
