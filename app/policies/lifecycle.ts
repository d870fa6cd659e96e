import type { Role } from "~/auth/roles";

/**
 * A policy version's lifecycle, defined once: draft → submitted → approved (by a reviewer who did
 * not write it) → published → retired. Publishing a new version supersedes the one in force.
 * Pure, so pages show exactly the buttons the server will accept.
 */
export const VERSION_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "PUBLISHED", "SUPERSEDED", "RETIRED"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const STATUS_LABELS: Record<VersionStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  APPROVED: "审核通过",
  PUBLISHED: "已发布",
  SUPERSEDED: "已被新版本替代",
  RETIRED: "已废止",
};

export const STATUS_COLORS: Record<VersionStatus, string> = {
  DRAFT: "default",
  SUBMITTED: "processing",
  APPROVED: "cyan",
  PUBLISHED: "success",
  SUPERSEDED: "default",
  RETIRED: "error",
};

export type LifecycleAction = "submit" | "return" | "approve" | "publish" | "retire";

export const ACTION_LABELS: Record<LifecycleAction, string> = {
  submit: "提交审核",
  return: "退回修改",
  approve: "审核通过",
  publish: "发布",
  retire: "废止",
};

export const EVENT_LABELS: Record<string, string> = {
  IMPORTED: "从规则文件导入",
  CREATED: "新建草稿",
  EDITED: "修改草稿",
  SUBMITTED: "提交审核",
  RETURNED: "退回修改",
  APPROVED: "审核通过",
  PUBLISHED: "发布",
  RETIRED: "废止",
  SUPERSEDED: "被新版本替代",
};

interface Transition {
  from: VersionStatus;
  to: VersionStatus;
  roles: readonly Role[];
  event: string;
  /** A reason the actor must give (退回 and 废止 always say why). */
  commentRequired: boolean;
}

export const TRANSITIONS: Record<LifecycleAction, Transition> = {
  submit: { from: "DRAFT", to: "SUBMITTED", roles: ["POLICY_OFFICER"], event: "SUBMITTED", commentRequired: false },
  return: { from: "SUBMITTED", to: "DRAFT", roles: ["REVIEWER"], event: "RETURNED", commentRequired: true },
  approve: { from: "SUBMITTED", to: "APPROVED", roles: ["REVIEWER"], event: "APPROVED", commentRequired: false },
  publish: { from: "APPROVED", to: "PUBLISHED", roles: ["POLICY_OFFICER"], event: "PUBLISHED", commentRequired: false },
  retire: { from: "PUBLISHED", to: "RETIRED", roles: ["POLICY_OFFICER"], event: "RETIRED", commentRequired: true },
};

export interface VersionFacts {
  status: VersionStatus;
  /** Everyone who wrote this version: its author and each editor. */
  writers: readonly string[];
  expiresOn: string | null;
}

/**
 * Why the actor may not take this step now, in Chinese; null when allowed. `today` is the
 * calendar date (YYYY-MM-DD) in the city's time zone.
 */
export function refusal(action: LifecycleAction, version: VersionFacts, actor: { id: string; role: Role }, today: string): string | null {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(actor.role)) return `只有${t.roles.map(roleName).join("或")}可以${ACTION_LABELS[action]}`;
  if (version.status !== t.from) return `该版本当前为“${STATUS_LABELS[version.status]}”，不能${ACTION_LABELS[action]}`;
  if (action === "approve" && version.writers.includes(actor.id)) return "不能审核自己编写或修改过的政策版本（四眼原则），请由其他审核人审核";
  if (action === "publish" && version.expiresOn && version.expiresOn < today) return `政策已于 ${version.expiresOn} 到期，不能发布；如需延续，请修改有效期后重新提交审核`;
  return null;
}

export function allowedActions(version: VersionFacts, actor: { id: string; role: Role }, today: string): LifecycleAction[] {
  return (Object.keys(TRANSITIONS) as LifecycleAction[]).filter((a) => refusal(a, version, actor, today) === null);
}

/** Only drafts are edited; anything else is edited by starting a new draft version. */
export function isEditable(status: VersionStatus): boolean {
  return status === "DRAFT";
}

function roleName(role: Role): string {
  return role === "POLICY_OFFICER" ? "政策专员" : role === "REVIEWER" ? "审核人" : role;
}
