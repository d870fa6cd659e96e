import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireCsrf } from "~/auth/csrf.server";
import { destroySession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await requireCsrf(request, await request.formData());
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
