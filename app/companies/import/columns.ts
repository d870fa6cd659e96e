/**
 * The company import format: one row per company, Chinese headers as offices write them.
 * The demo generator writes the same columns, so demo data, benchmark files and real imports go
 * through one validation path (import/validate.ts).
 */
export const IMPORT_COLUMNS = {
  uscc: "统一社会信用代码",
  name: "企业名称",
  legalRep: "法定代表人",
  registeredAt: "成立日期",
  registeredCapital: "注册资本（万元）",
  address: "注册地址",
  district: "所属区县",
  street: "所属街道",
  community: "所属社区",
  park: "所在园区",
  contactName: "联系人",
  contactPhone: "联系电话",
  contactEmail: "联系邮箱",
  industryCode: "行业代码",
  businessScope: "主营业务",
  tags: "标签",
  /** "高新技术企业(2023-11-01至2026-10-31)；科技型中小企业(2025-05-20至2025-12-31)" */
  qualifications: "资质",
  year: "年度",
  revenue: "营业收入（万元）",
  rdExpense: "研发费用（万元）",
  taxPaid: "纳税总额（万元）",
  totalAssets: "资产总额（万元）",
  highTechRevenue: "高新技术产品收入（万元）",
  employees: "从业人员（人）",
  insuredStaff: "参保人数（人）",
  scienceStaff: "科技人员（人）",
  unemploymentInsurancePaid: "失业保险缴费（万元）",
  insuranceMonthsPaid: "失业保险缴费月数",
  layoffs: "裁员人数（人）",
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;
export type ImportRow = Partial<Record<(typeof IMPORT_COLUMNS)[ImportField], string>>;

/** Columns every row must have. */
export const REQUIRED_FIELDS: ImportField[] = ["uscc", "name"];
