import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, Empty, Typography } from "antd";
import { requireSection } from "~/auth/permissions.server";
import { findSection } from "~/auth/roles";

/**
 * A section whose page is not built yet. The navigation already shows it to the roles that will
 * use it, so it answers with what is coming rather than a 404; roles it is not for get 403.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "页面"} · 亲清网格` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params.section ?? "";
  await requireSection(request, key);
  const { label, summary } = findSection(key)!;
  return json({ label, summary });
}

export default function SectionPlaceholder() {
  const { label, summary } = useLoaderData<typeof loader>();
  return (
    <Card>
      <Typography.Title level={3}>{label}</Typography.Title>
      <Empty description={<><div>此功能正在建设中，上线后将在这里提供：</div><div>{summary}</div></>} />
    </Card>
  );
}
