import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Col, Descriptions, Empty, Input, List, Popconfirm, Row, Space, Typography } from "antd";
import { useRef } from "react";
import { requireCsrf } from "~/auth/csrf.server";
import { requireSection } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import {
  AddGridForm, addGridNode, getGridDetail, GridEditError, listGridChildren, mergeGridNodes, moveGridNode, renameGridNode,
} from "~/grids/grid-admin.server";
import { GRID_LEVEL_LABELS, type GridLevel } from "~/grids/levels";
import { describeGridChange } from "~/grids/history";
import { GridTree } from "~/grids/ui/GridTree";
import { FormSelect } from "~/ui/FormSelect";

export const meta: MetaFunction = () => [{ title: "网格管理 · 亲清网格" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSection(request, "grids");
  const selected = new URL(request.url).searchParams.get("node");
  const roots = await listGridChildren({ actor, parentId: null });
  const tree = await Promise.all(roots.map(async (r) => ({ ...r, children: await listGridChildren({ actor, parentId: r.id }) })));
  const detail = selected ? await getGridDetail({ actor, id: selected }) : null;
  const unplaced = await prisma.company.count({ where: { gridId: null } });
  return json({ tree, detail, unplaced });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSection(request, "grids");
  const form = await request.formData();
  await requireCsrf(request, form);
  const id = String(form.get("id") ?? "");
  try {
    switch (form.get("intent")) {
      case "rename":
        await renameGridNode({ actor, id, name: String(form.get("name") ?? "") });
        return redirect(`/grids?node=${id}`);
      case "add": {
        const parsed = AddGridForm.safeParse({ parentId: id, name: form.get("name"), kind: form.get("kind") });
        if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message).join("；") }, { status: 400 });
        const node = await addGridNode({ actor, input: parsed.data });
        return redirect(`/grids?node=${node.id}`);
      }
      case "move":
        await moveGridNode({ actor, id, targetCode: String(form.get("targetCode") ?? "") });
        return redirect(`/grids?node=${id}`);
      case "merge": {
        const result = await mergeGridNodes({ actor, id, targetCode: String(form.get("targetCode") ?? "") });
        return redirect(`/grids?node=${result.target.id}`);
      }
      default:
        return json({ error: "未知操作" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof GridEditError) return json({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function GridAdmin() {
  const { tree, detail, unplaced } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigate = useNavigate();
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>网格管理</Typography.Title>
        <Link to="/companies?unplaced=1">待分配网格的企业：{unplaced} 家</Link>
      </Space>
      <Row gutter={24} style={{ marginTop: 16 }}>
        <Col xs={24} md={9}>
          <GridTree roots={tree} selected={detail?.node.id} onSelect={(id) => navigate(`/grids?node=${id}`)} />
        </Col>
        <Col xs={24} md={15}>
          {result?.error ? <Alert type="error" showIcon message={result.error} style={{ marginBottom: 16 }} role="alert" /> : null}
          {detail ? <NodePanel detail={detail} key={detail.node.id} /> : <Empty description="在左侧选择一个网格，查看详情并进行新增、改名、移动、合并。" />}
        </Col>
      </Row>
    </Card>
  );
}

type Detail = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["detail"]>;

function NodePanel({ detail }: { detail: Detail }) {
  const { node } = detail;
  const busy = useNavigation().state === "submitting";
  const submit = useSubmit();
  const mergeForm = useRef<HTMLFormElement>(null);
  const canAddEstate = node.level === "COMMUNITY";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions title={node.name} bordered size="small" column={1}>
        <Descriptions.Item label="编码">{node.code}</Descriptions.Item>
        <Descriptions.Item label="级别">{GRID_LEVEL_LABELS[node.level as GridLevel]}</Descriptions.Item>
        <Descriptions.Item label="上级网格">{node.parent ? `${node.parent.name}（${node.parent.code}）` : "—"}</Descriptions.Item>
        <Descriptions.Item label="下辖网格">{detail.subtreeNodes} 个</Descriptions.Item>
        <Descriptions.Item label="辖内企业">
          <Link to={`/companies?gridId=${node.id}`}>{detail.subtreeCompanies} 家</Link>
        </Descriptions.Item>
        <Descriptions.Item label="负责人员">{node.assignments.map((a) => a.user.displayName).join("、") || "—"}</Descriptions.Item>
      </Descriptions>

      <NodeForm intent="rename" id={node.id}>
        <Space.Compact style={{ width: "100%" }}>
          <Input name="name" defaultValue={node.name} aria-label="新名称" />
          <Button htmlType="submit" loading={busy}>改名</Button>
        </Space.Compact>
      </NodeForm>

      <NodeForm intent="add" id={node.id}>
        <Space.Compact style={{ width: "100%" }}>
          <FormSelect
            name="kind"
            defaultValue={canAddEstate ? "ESTATE" : "PARK"}
            style={{ width: 160 }}
            aria-label="新网格类型"
            options={[
              ...(canAddEstate ? [{ value: "ESTATE", label: "三级网格（小区/楼院）" }] : []),
              { value: "PARK", label: "专属网格：园区" },
              { value: "BUILDING", label: "专属网格：楼宇" },
              { value: "MARKET", label: "专属网格：市场" },
              { value: "CAMPUS", label: "专属网格：校园" },
            ]}
          />
          <Input name="name" placeholder="新网格名称" aria-label="新网格名称" />
          <Button htmlType="submit" loading={busy}>新增下级</Button>
        </Space.Compact>
      </NodeForm>

      <NodeForm intent="move" id={node.id}>
        <Space.Compact style={{ width: "100%" }}>
          <Input name="targetCode" placeholder="目标上级网格编码，如 410172561" aria-label="移动到的上级网格编码" />
          <Button htmlType="submit" loading={busy}>移动到</Button>
        </Space.Compact>
      </NodeForm>

      <NodeForm intent="merge" id={node.id} formRef={mergeForm}>
        <Space.Compact style={{ width: "100%" }}>
          <Input name="targetCode" placeholder="合并到的同级网格编码" aria-label="合并到的网格编码" />
          <Popconfirm
            title="确认合并？"
            description={`“${node.name}”的下级网格、${detail.subtreeCompanies} 家企业和负责人员将并入目标网格，本网格随后删除。`}
            okText="确认合并"
            cancelText="取消"
            onConfirm={() => mergeForm.current && submit(mergeForm.current)}
          >
            <Button danger loading={busy}>合并到</Button>
          </Popconfirm>
        </Space.Compact>
      </NodeForm>

      <List
        header="变更记录"
        size="small"
        dataSource={detail.history}
        locale={{ emptyText: "暂无变更记录" }}
        renderItem={(h) => (
          <List.Item>
            {new Date(h.at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}　{describeGridChange(h.action, h.detail)}
          </List.Item>
        )}
      />
    </Space>
  );
}

/** A form acting on one grid node: CSRF token, the node and what to do with it. */
function NodeForm({ intent, id, formRef, children }: { intent: string; id: string; formRef?: React.Ref<HTMLFormElement>; children: React.ReactNode }) {
  return (
    <Form method="post" ref={formRef}>
      <AuthenticityTokenInput name="csrf" />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}
