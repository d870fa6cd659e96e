/** Application states in Chinese (shared by server and browser). */
export const APPLICATION_STATUSES = ["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS: Record<ApplicationStatus, { label: string; color: string }> = {
  SUBMITTED: { label: "待审核", color: "processing" },
  APPROVED: { label: "已通过", color: "success" },
  REJECTED: { label: "未通过", color: "error" },
  WITHDRAWN: { label: "已撤回", color: "default" },
};

export function applicationStatusLabel(s: string): string {
  return APPLICATION_STATUS[s as ApplicationStatus]?.label ?? s;
}

export const APPLICATION_EVENT_LABELS: Record<string, string> = {
  "application.submit": "企业提交申报",
  "application.withdraw": "企业撤回申报",
  "application.approve": "审核通过",
  "application.reject": "审核未通过",
};

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
