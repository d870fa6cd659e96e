/**
 * Roles and what each may open. Shared by server and browser: the navigation shows only the
 * sections a role may use, and the server refuses the rest (requireSection in permissions.server).
 */
export const ROLES = ["ENTERPRISE", "GRID_WORKER", "SUPERVISOR", "DEPT_HANDLER", "POLICY_OFFICER", "REVIEWER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ENTERPRISE: "企业用户",
  GRID_WORKER: "网格员/园区运营",
  SUPERVISOR: "网格中心（督办）",
  DEPT_HANDLER: "部门办理人",
  POLICY_OFFICER: "政策专员",
  REVIEWER: "审核人",
  ADMIN: "管理员",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A portal section: one entry in the navigation, one page. */
export interface Section {
  key: string;
  label: string;
  /** What the page is for, shown on the home page and in the page's empty state. */
  summary: string;
  roles: readonly Role[];
}

export const SECTIONS: readonly Section[] = [
  { key: "company", label: "企业画像", summary: "查看和维护本企业的基本信息、资质和年度指标；修改留痕。", roles: ["ENTERPRISE"] },
  { key: "my-policies", label: "我的政策", summary: "本企业符合的政策和可享金额，免申即享确认收款，申报事项一键申请。", roles: ["ENTERPRISE"] },
  { key: "companies", label: "网格企业", summary: "负责网格内的企业名录：按网格、行业、规模、资质筛选，导出，查看企业画像。", roles: ["GRID_WORKER", "ADMIN"] },
  { key: "visits", label: "走访记录", summary: "登记企业走访：时间、人员、情况和企业反映的问题。", roles: ["GRID_WORKER"] },
  { key: "cases", label: "诉求办理", summary: "企业诉求按 受理→立案→派遣→处置→核查→结案 流转，时限倒计时，超期提醒。", roles: ["ENTERPRISE", "GRID_WORKER", "SUPERVISOR", "DEPT_HANDLER", "ADMIN"] },
  { key: "policies", label: "政策检索", summary: "检索全部政策，按层级、发文单位、行业、申报方式筛选；企业可只看符合的政策。", roles: ["ENTERPRISE", "GRID_WORKER", "SUPERVISOR", "DEPT_HANDLER", "POLICY_OFFICER", "REVIEWER", "ADMIN"] },
  { key: "policy-admin", label: "政策管理", summary: "编写政策和条款的资格规则，发布前测算影响，提交审核。", roles: ["POLICY_OFFICER"] },
  { key: "applications", label: "申报审批", summary: "企业提交的申报事项：查看申报表和材料，审核通过或退回（须写理由），结果通知企业。", roles: ["POLICY_OFFICER"] },
  { key: "matching", label: "匹配推送", summary: "全量匹配进度、免申即享推送批次和通知发送情况。", roles: ["POLICY_OFFICER"] },
  { key: "payouts", label: "兑付台账", summary: "兑付批次：待审→已批准→已支付/失败，按政策和网格汇总，导出。", roles: ["POLICY_OFFICER", "REVIEWER"] },
  { key: "reviews", label: "待我审核", summary: "审核政策规则的发布和兑付批次（四眼原则：不能审核自己提交的）。", roles: ["REVIEWER"] },
  { key: "grids", label: "网格管理", summary: "浏览和调整网格树：新增、改名、移动、合并节点；待分配企业队列。", roles: ["ADMIN"] },
  { key: "users", label: "用户管理", summary: "账号、角色，以及账号与企业、网格、部门的关联。", roles: ["ADMIN"] },
  { key: "api-keys", label: "接口密钥", summary: "Open311 接口（12345 热线、随手拍等）的访问密钥：新建、停用，查看最近使用时间。", roles: ["ADMIN"] },
  { key: "imports", label: "数据导入", summary: "批量导入企业名录（CSV/XLSX），逐行校验并报告错误。", roles: ["ADMIN"] },
  { key: "mail", label: "邮件查看", summary: "开发环境内置邮件接收器收到的邮件。", roles: ["ADMIN"] },
];

export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => s.roles.includes(role));
}

export function findSection(key: string): Section | undefined {
  return SECTIONS.find((s) => s.key === key);
}
