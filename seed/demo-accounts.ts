import type { Role } from "~/auth/roles";
import { ROLE_LABELS } from "~/auth/roles";

/** The demo password for every demo account (demo data only; printed by npm start). */
export const DEMO_PASSWORD = "Qinqing@2026";

export interface DemoAccount {
  username: string;
  phone: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  /** What the account is linked to, for the start-up banner. */
  note: string;
  /** Grid codes the account is assigned to (grid workers and park operators). */
  gridCodes?: string[];
  departmentCode?: string;
  /** Name of the account's company (one of seed/demo-companies.ts). */
  companyName?: string;
}

const account = (a: Omit<DemoAccount, "roleLabel">): DemoAccount => ({ ...a, roleLabel: ROLE_LABELS[a.role] });

export const DEMO_ACCOUNTS: DemoAccount[] = [
  account({ username: "qiye", phone: "13800000001", displayName: "李娜", role: "ENTERPRISE", note: "郑州云帆智能科技有限公司（枫杨街道）", companyName: "郑州云帆智能科技有限公司" }),
  account({ username: "wangge", phone: "13800000002", displayName: "王强", role: "GRID_WORKER", note: "网格员，负责高新区枫杨街道", gridCodes: ["410172560"] }),
  account({ username: "yuanqu", phone: "13800000003", displayName: "赵敏", role: "GRID_WORKER", note: "园区运营中心，负责郑州863软件园", gridCodes: ["P410172-01"] }),
  account({ username: "ducha", phone: "13800000008", displayName: "郑伟", role: "SUPERVISOR", note: "高新区网格化服务管理中心（督办）", gridCodes: ["410172"] }),
  account({ username: "bumen", phone: "13800000004", displayName: "陈刚", role: "DEPT_HANDLER", note: "市人力资源和社会保障局", departmentCode: "HRSS" }),
  account({ username: "zhengce", phone: "13800000005", displayName: "刘洋", role: "POLICY_OFFICER", note: "市科学技术局" }),
  account({ username: "shenhe", phone: "13800000006", displayName: "孙丽", role: "REVIEWER", note: "市科学技术局" }),
  account({ username: "admin", phone: "13800000007", displayName: "周杰", role: "ADMIN", note: "系统管理员" }),
];
