import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSection } from "~/auth/permissions.server";
import { IMPORT_COLUMNS } from "~/companies/import/columns";
import { toCsv } from "~/utils/spreadsheet/export.server";

/** An import template: every column, and one example row to copy the formats from. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSection(request, "imports");
  const columns = Object.entries(IMPORT_COLUMNS).map(([key, header]) => ({ key, header }));
  const example = {
    uscc: "91350100M000100Y43", name: "郑州示例科技有限公司", legalRep: "张三", registeredAt: "2018-05-20", registeredCapital: "500",
    address: "郑州市高新区枫杨街道锦华苑社区科学大道100号", district: "郑州高新技术产业开发区", street: "枫杨街道", community: "锦华苑社区居委会",
    park: "郑州863软件园", contactName: "李四", contactPhone: "13800000000", contactEmail: "lisi@example.com", industryCode: "6513",
    businessScope: "应用软件开发", tags: "重点企业、上市后备", qualifications: "高新技术企业(2023-11-01至2026-10-31)；科技型中小企业(2025-05-20至2025-12-31)",
    year: "2025", revenue: "3200", rdExpense: "210", taxPaid: "150", totalAssets: "2800", highTechRevenue: "2100", employees: "86",
    insuredStaff: "80", scienceStaff: "35", unemploymentInsurancePaid: "5.6", insuranceMonthsPaid: "12", layoffs: "1",
  };
  return new Response(toCsv(columns, [example]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="company-import-template.csv"; filename*=UTF-8''${encodeURIComponent("企业导入模板.csv")}`,
    },
  });
}
