import { findCategory } from "~/cases/categories";
import { ACTIONS, FINAL_STATUSES, STATUS_LABELS, type CaseStatus } from "~/cases/flow";
import { w3c, type OpenClosed } from "./query";

/**
 * A case as the public sees it through GeoReport v2. Only what the spec asks for and nothing
 * that identifies a person or company: no contact details, no company, no staff names.
 */
export function openClosed(status: string): OpenClosed {
  return FINAL_STATUSES.has(status as CaseStatus) ? "closed" : "open";
}

/** Our statuses behind each Open311 status, for queries. */
export function statusesFor(wanted: OpenClosed): CaseStatus[] {
  return (Object.keys(STATUS_LABELS) as CaseStatus[]).filter((s) => openClosed(s) === wanted);
}

/** Steps that change the status: the latest one explains where the case stands. */
export const STATUS_STEPS: string[] = ["file", "resume", ...Object.entries(ACTIONS).filter(([, d]) => "to" in d && d.to).map(([k]) => k)];

/**
 * Steps whose comment is written for the requester (不予受理理由, 处置结果, 挂起原因, …). The
 * grid's and departments' back-and-forth (退回, 核查不通过) stays internal: those comments are
 * about who should handle it, and a 核查不通过 would otherwise show a result that was rejected.
 */
const PUBLIC_NOTES = new Set(["accept", "refuse", "register", "dispatch", "resolve", "verify", "close", "suspend", "resume", "reopen"]);

export interface CaseForView {
  number: string;
  status: string;
  categoryCode: string;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: Date;
  updatedAt: Date;
  stageDeadline: Date | null;
  /** The department it was dispatched to, else the grid handling it. */
  agency: string | null;
  /** The latest status-changing step. */
  lastStep: { action: string; comment: string | null } | null;
}

export function statusNotes(status: string, lastStep: CaseForView["lastStep"]): string {
  const label = STATUS_LABELS[status as CaseStatus] ?? status;
  const comment = lastStep && PUBLIC_NOTES.has(lastStep.action) ? lastStep.comment?.trim() : null;
  return comment ? `${label}：${comment}` : label;
}

export function toServiceRequest(c: CaseForView) {
  const status = openClosed(c.status);
  return {
    service_request_id: c.number,
    status,
    status_notes: statusNotes(c.status, c.lastStep),
    service_name: findCategory(c.categoryCode)?.name ?? c.categoryCode,
    service_code: c.categoryCode,
    description: c.description,
    agency_responsible: c.agency,
    service_notice: null,
    requested_datetime: w3c(c.createdAt),
    updated_datetime: w3c(c.updatedAt),
    expected_datetime: status === "open" && c.stageDeadline ? w3c(c.stageDeadline) : null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.latitude,
    long: c.longitude,
    media_url: null,
  };
}
