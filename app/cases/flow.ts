/**
 * The grid case flow, defined once: 受理 → 立案 → 派遣 → 处置 → 核查 → 结案, with 退回, 延期, 挂起,
 * 督办, 升级, and the company's 评价 and 重办. Pages ask `availableActions` which buttons to show;
 * the store asks `checkAction` before every write, so an illegal step is impossible from any
 * entry point (page, bulk action, Open311). Pure: no database, tested on its own.
 */

export const CASE_STATUSES = ["SUBMITTED", "ACCEPTED", "REGISTERED", "DISPATCHED", "RESOLVED", "VERIFIED", "CLOSED", "REFUSED", "SUSPENDED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  SUBMITTED: "待受理",
  ACCEPTED: "已受理",
  REGISTERED: "已立案",
  DISPATCHED: "办理中",
  RESOLVED: "待核查",
  VERIFIED: "待结案",
  CLOSED: "已结案",
  REFUSED: "不予受理",
  SUSPENDED: "已挂起",
};

/** Finished: no deadline runs, only the company's rating and reopening remain. */
export const FINAL_STATUSES: ReadonlySet<CaseStatus> = new Set(["CLOSED", "REFUSED"]);
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !FINAL_STATUSES.has(s));

export const LEVELS = ["GRID", "STREET", "DISTRICT"] as const;
export type CaseLevel = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<CaseLevel, string> = { GRID: "网格", STREET: "街道", DISTRICT: "区级" };

/**
 * How the acting user stands to the case (worked out by the store from the database):
 * - filer: staff of the company the case is about;
 * - dispatcher: grid side responsible at the case's current level (accepts, dispatches, checks);
 * - assignee: the department handler or grid worker it was dispatched to;
 * - supervisor: 督办 over the case's grid (district grid centre) or an administrator.
 */
export interface Standing {
  filer: boolean;
  dispatcher: boolean;
  assignee: boolean;
  supervisor: boolean;
}

export type Party = keyof Standing;

export interface CaseState {
  status: CaseStatus;
  level: CaseLevel;
  /** A 延期 request is waiting for a decision. */
  extensionPending: boolean;
  supervised: boolean;
  rated: boolean;
  /** When it was closed, for the 7-day reopening window. */
  closedAt: Date | null;
}

export interface ActionDef {
  label: string;
  /** Statuses the action may start from. */
  from: readonly CaseStatus[];
  /** The status it leads to; undefined keeps the status (a flag, a level, a deadline changes). */
  to?: CaseStatus;
  /** Who may take it. */
  by: readonly Party[];
  /** A reason is required (shown next to the field when missing). */
  reason?: string;
  /** Extra condition on the case, with the message when it does not hold. */
  guard?: (c: CaseState, now: Date) => string | null;
}

export const REOPEN_DAYS = 7;
const DAY = 86_400_000;

export const ACTIONS = {
  accept: { label: "受理", from: ["SUBMITTED"], to: "ACCEPTED", by: ["dispatcher"] },
  refuse: { label: "不予受理", from: ["SUBMITTED"], to: "REFUSED", by: ["dispatcher"], reason: "请说明不予受理的理由" },
  register: { label: "立案", from: ["ACCEPTED"], to: "REGISTERED", by: ["dispatcher"] },
  dispatch: { label: "派遣", from: ["REGISTERED"], to: "DISPATCHED", by: ["dispatcher"] },
  return: { label: "退回", from: ["DISPATCHED"], to: "REGISTERED", by: ["assignee"], reason: "请说明退回的理由（如不属于本部门职责）" },
  resolve: { label: "办结反馈", from: ["DISPATCHED"], to: "RESOLVED", by: ["assignee"], reason: "请填写处置结果" },
  verify: { label: "核查通过", from: ["RESOLVED"], to: "VERIFIED", by: ["dispatcher"] },
  reject: { label: "核查不通过", from: ["RESOLVED"], to: "DISPATCHED", by: ["dispatcher"], reason: "请说明核查不通过的原因" },
  close: { label: "结案", from: ["VERIFIED"], to: "CLOSED", by: ["dispatcher"] },
  extend: {
    label: "申请延期", from: ["DISPATCHED"], by: ["assignee"], reason: "请说明延期理由",
    guard: (c) => (c.extensionPending ? "已有待审批的延期申请" : null),
  },
  approveExtension: {
    label: "批准延期", from: ["DISPATCHED"], by: ["dispatcher", "supervisor"],
    guard: (c) => (c.extensionPending ? null : "没有待审批的延期申请"),
  },
  denyExtension: {
    label: "不批准延期", from: ["DISPATCHED"], by: ["dispatcher", "supervisor"], reason: "请说明不批准的理由",
    guard: (c) => (c.extensionPending ? null : "没有待审批的延期申请"),
  },
  suspend: { label: "挂起", from: ["ACCEPTED", "REGISTERED", "DISPATCHED", "RESOLVED", "VERIFIED"], to: "SUSPENDED", by: ["dispatcher", "supervisor"], reason: "请说明挂起的原因（如等待企业补充材料）" },
  resume: { label: "恢复办理", from: ["SUSPENDED"], by: ["dispatcher", "supervisor"] },
  supervise: {
    label: "督办", from: OPEN_STATUSES, by: ["supervisor"], reason: "请填写督办意见",
    guard: (c) => (c.supervised ? "该诉求已在督办中" : null),
  },
  escalate: {
    label: "升级", from: ["ACCEPTED", "REGISTERED"], by: ["dispatcher"], reason: "请说明升级的原因（如需多部门联动）",
    guard: (c) => (c.level === "DISTRICT" ? "已是区级办理，不能再升级" : null),
  },
  rate: {
    label: "评价", from: ["CLOSED"], by: ["filer"],
    guard: (c) => (c.rated ? "该诉求已经评价过" : null),
  },
  reopen: {
    label: "申请重办", from: ["CLOSED"], to: "REGISTERED", by: ["filer"], reason: "请说明需要重新办理的原因",
    guard: (c, now) => (c.closedAt && now.getTime() - c.closedAt.getTime() <= REOPEN_DAYS * DAY ? null : `结案超过 ${REOPEN_DAYS} 天，不能申请重办，请重新提交诉求`),
  },
} as const satisfies Record<string, ActionDef>;

export type CaseAction = keyof typeof ACTIONS;
export const CASE_ACTIONS = Object.keys(ACTIONS) as CaseAction[];

export function isCaseAction(value: string): value is CaseAction {
  return Object.prototype.hasOwnProperty.call(ACTIONS, value);
}

export class FlowError extends Error {
  constructor(message: string, readonly status: 403 | 409 | 400) {
    super(message);
  }
}

/**
 * Why the action is not allowed now, or null when it is. Order matters for the message: a
 * wrong state is reported before a missing right, so a stale page says "已受理" not "无权".
 */
export function refusal(action: CaseAction, state: CaseState, standing: Standing, now = new Date()): FlowError | null {
  const def: ActionDef = ACTIONS[action];
  if (!def.from.includes(state.status)) {
    return new FlowError(`诉求当前为“${STATUS_LABELS[state.status]}”，不能${def.label}`, 409);
  }
  if (!def.by.some((p) => standing[p])) return new FlowError(`您无权对该诉求执行“${def.label}”`, 403);
  const guard = def.guard?.(state, now);
  return guard ? new FlowError(guard, 409) : null;
}

/** The actions this user can take on the case now, in the order the flow lists them. */
export function availableActions(state: CaseState, standing: Standing, now = new Date()): CaseAction[] {
  return CASE_ACTIONS.filter((a) => refusal(a, state, standing, now) === null);
}

/** The status an action leads to (resume returns to where the case was suspended). */
export function nextStatus(action: CaseAction, state: CaseState, resumeStatus: CaseStatus | null): CaseStatus {
  if (action === "resume") return resumeStatus ?? "ACCEPTED";
  const def: ActionDef = ACTIONS[action];
  return def.to ?? state.status;
}

/** 升级: grid → street → district. */
export function nextLevel(level: CaseLevel): CaseLevel | null {
  const i = LEVELS.indexOf(level);
  return i >= 0 && i < LEVELS.length - 1 ? LEVELS[i + 1] : null;
}

/** The SLA stage a status is in (null: no clock runs). */
export type Stage = "accept" | "register" | "dispatch" | "handle" | "verify" | "close";
export function stageOf(status: CaseStatus): Stage | null {
  switch (status) {
    case "SUBMITTED": return "accept";
    case "ACCEPTED": return "register";
    case "REGISTERED": return "dispatch";
    case "DISPATCHED": return "handle";
    case "RESOLVED": return "verify";
    case "VERIFIED": return "close";
    default: return null;
  }
}

export const STAGE_LABELS: Record<Stage, string> = { accept: "受理", register: "立案", dispatch: "派遣", handle: "处置", verify: "核查", close: "结案" };
