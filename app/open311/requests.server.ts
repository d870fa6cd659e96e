import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { audit } from "~/audit.server";
import { createCase, FlowError } from "~/cases/case-store.server";
import { dayOf } from "~/cases/calendar";
import { loadPlacementIndex } from "~/grids/placement.server";
import { cachedByTree } from "~/grids/tree-cache.server";
import { verifyApiKey } from "./api-keys.server";
import { Open311Error } from "./format";
import { readServiceRequest, type Params } from "./input";
import { MAX_RESULTS, type RequestQuery } from "./query";
import { STATUS_STEPS, statusesFor, toServiceRequest, type CaseForView } from "./view";

/**
 * GeoReport v2 service requests over the case store. Filing goes through createCase like every
 * other entry point. Reads are public (no key), so they see only cases that came in through this
 * API: a company's own filings in the portal are never listed, and no answer carries contact
 * details or a company name.
 */
const PUBLIC: Prisma.CaseWhereInput = { source: "OPEN311" };

export type Filed = {
  service_request_id: string;
  service_notice: string;
  account_id: null;
};

/** Where an address lands in the grid tree: the park if it names one, else the community. */
async function gridForAddress(address: string | undefined): Promise<{ id: string; name: string } | null> {
  if (!address) return null;
  const index = await cachedByTree("open311:placement", loadPlacementIndex);
  const placed = index.place({ address });
  const id = placed.parkGridId ?? placed.gridId;
  return id ? prisma.gridNode.findUnique({ where: { id }, select: { id: true, name: true } }) : null;
}

export async function createServiceRequest(input: { params: Params; idempotencyKey: string | null; ip?: string | null; now?: Date }): Promise<Filed> {
  const key = await verifyApiKey(input.params.api_key, input.now);
  if (!key) throw new Open311Error(403, "api_key 无效、已停用或未提供；请向系统管理员申请接口密钥");
  const read = readServiceRequest(input.params, input.idempotencyKey);
  if (!read.ok) throw new Open311Error(400, read.errors);
  const { filing, uscc, token, latitude, longitude, located } = read.value;

  const company = uscc ? await prisma.company.findUnique({ where: { uscc }, select: { id: true } }) : null;
  if (!company && !located) {
    throw new Open311Error(400, uscc
      ? "attribute[uscc]：未找到该统一社会信用代码对应的企业，请提供位置（lat 和 long，或 address_string）"
      : "请提供位置：lat 和 long，或 address_string（企业诉求可改为提供 attribute[uscc]）");
  }
  // A company's case goes to its grid (createCase decides); otherwise the address is placed.
  // Coordinates alone are not placed (no reverse geocoding): such a case waits for 分派.
  const grid = company ? null : await gridForAddress(filing.address);
  let filed: { id: string; number: string; duplicate: boolean };
  try {
    filed = await createCase({
      ...filing, source: "OPEN311", companyId: company?.id ?? null, gridId: grid?.id ?? null, filedById: null,
      // Scoped to the key: one client's tokens can neither collide with nor reveal another's.
      submissionKey: token ? `open311:${key.id}:${token}` : null,
      latitude, longitude, now: input.now,
    });
  } catch (error) {
    if (error instanceof FlowError) throw new Open311Error(error.status, error.message);
    throw error;
  }
  await audit({
    actorId: null, action: filed.duplicate ? "open311.request.repeat" : "open311.request", entityType: "Case", entityId: filed.id,
    detail: { number: filed.number, apiKeyId: key.id, apiKey: key.name, prefix: key.prefix, company: !!company, grid: grid?.name ?? null }, ip: input.ip,
  });
  return { service_request_id: filed.number, service_notice: await notice(filed, !!company), account_id: null };
}

async function notice(filed: { id: string; number: string; duplicate: boolean }, forCompany: boolean): Promise<string> {
  if (filed.duplicate) return `该请求此前已提交（请求令牌相同），未重复登记；诉求编号 ${filed.number}`;
  const c = await prisma.case.findUniqueOrThrow({ where: { id: filed.id }, select: { gridId: true, stageDeadline: true } });
  const grid = c.gridId ? await prisma.gridNode.findUnique({ where: { id: c.gridId }, select: { name: true } }) : null;
  const to = !grid ? "等待管理员分派网格" : forCompany ? "已转企业所属网格" : `已转${grid.name}网格`;
  const by = c.stageDeadline ? `，${dayOf(c.stageDeadline)} 前受理` : "";
  return `诉求已登记，编号 ${filed.number}，${to}${by}。可凭编号查询办理进度。`;
}

const VIEW_SELECT = {
  id: true, number: true, status: true, categoryCode: true, description: true, address: true, latitude: true, longitude: true,
  createdAt: true, updatedAt: true, stageDeadline: true, assigneeDeptId: true, handlerGridId: true,
  events: { where: { action: { in: STATUS_STEPS } }, orderBy: { at: "desc" }, take: 1, select: { action: true, comment: true } },
} satisfies Prisma.CaseSelect;

type ViewRow = Prisma.CaseGetPayload<{ select: typeof VIEW_SELECT }>;

async function toViews(rows: ViewRow[]) {
  const deptIds = [...new Set(rows.map((r) => r.assigneeDeptId).filter((id): id is string => !!id))];
  const gridIds = [...new Set(rows.map((r) => r.handlerGridId).filter((id): id is string => !!id))];
  const [depts, grids] = await Promise.all([
    deptIds.length ? prisma.department.findMany({ where: { id: { in: deptIds } }, select: { id: true, name: true } }) : [],
    gridIds.length ? prisma.gridNode.findMany({ where: { id: { in: gridIds } }, select: { id: true, name: true } }) : [],
  ]);
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const gridName = new Map(grids.map((g) => [g.id, `${g.name}网格`]));
  return rows.map((r) => {
    const view: CaseForView = {
      ...r,
      agency: (r.assigneeDeptId ? deptName.get(r.assigneeDeptId) : null) ?? (r.handlerGridId ? gridName.get(r.handlerGridId) : null) ?? null,
      lastStep: r.events[0] ?? null,
    };
    return toServiceRequest(view);
  });
}

export async function findServiceRequests(query: RequestQuery) {
  const where: Prisma.CaseWhereInput = query.numbers
    ? { ...PUBLIC, number: { in: query.numbers } }
    : {
        ...PUBLIC,
        createdAt: { gte: query.start, lte: query.end },
        ...(query.serviceCodes ? { categoryCode: { in: query.serviceCodes } } : {}),
        ...(query.statuses?.length === 1 ? { status: { in: statusesFor(query.statuses[0]) } } : {}),
      };
  const rows = await prisma.case.findMany({ where, select: VIEW_SELECT, orderBy: { createdAt: "desc" }, take: MAX_RESULTS });
  return toViews(rows);
}

/** One request by its number; a case not filed through Open311 is as absent as an unknown one. */
export async function getServiceRequest(number: string) {
  if (!/^\d{1,20}$/.test(number)) return null;
  const row = await prisma.case.findFirst({ where: { ...PUBLIC, number }, select: VIEW_SELECT });
  return row ? (await toViews([row]))[0] : null;
}
