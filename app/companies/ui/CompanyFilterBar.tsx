import { Form, useSearchParams } from "@remix-run/react";
import { Button, Checkbox, Input, Space } from "antd";
import { FormSelect, FormTreeSelect } from "~/ui/FormSelect";
import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { QUALIFICATION_KINDS, QUALIFICATIONS } from "~/companies/qualifications";
import { SECTIONS } from "~/companies/industry-sections";
import { SIZE_LABELS } from "~/companies/labels";
import type { GridOption } from "~/grids/grid.server";

/**
 * The filters of the company list, as a plain GET form: every filtered view is a URL that can be
 * bookmarked, shared and exported, and the form works before JavaScript loads.
 */
export function CompanyFilterBar({ gridOptions, showUnplaced }: { gridOptions: GridOption[]; showUnplaced: boolean }) {
  const [params] = useSearchParams();
  const exportHref = (format: string) => {
    const p = new URLSearchParams(params);
    p.delete("page");
    p.set("format", format);
    return `/companies/export?${p}`;
  };
  return (
    <Form method="get" aria-label="筛选企业" style={{ marginBottom: 16 }} key={params.toString()}>
      <Space wrap size={[12, 12]}>
        <Input name="q" placeholder="企业名称或统一社会信用代码" defaultValue={params.get("q") ?? ""} allowClear style={{ width: 240 }} aria-label="搜索企业" />
        <FormTreeSelect
          treeData={gridOptions}
          placeholder="全部网格"
          defaultValue={params.get("gridId") ?? undefined}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          style={{ width: 220 }}
          aria-label="网格"
          name="gridId"
          treeDefaultExpandedKeys={gridOptions.map((g) => g.value)}
        />
        <FormSelect
          placeholder="全部行业"
          defaultValue={params.get("industry") ?? undefined}
          allowClear
          style={{ width: 220 }}
          aria-label="行业门类"
          options={SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
          name="industry"
        />
        <FormSelect
          mode="multiple"
          placeholder="全部规模"
          defaultValue={params.getAll("size")}
          allowClear
          style={{ minWidth: 160 }}
          aria-label="企业规模"
          options={Object.entries(SIZE_LABELS).map(([value, label]) => ({ value, label }))}
          name="size"
        />
        <FormSelect
          placeholder="全部资质"
          defaultValue={params.get("qualification") ?? undefined}
          allowClear
          style={{ width: 200 }}
          aria-label="有效资质"
          options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: QUALIFICATIONS[k].label }))}
          name="qualification"
        />
        <Input name="tag" placeholder="标签，如 重点企业" defaultValue={params.get("tag") ?? ""} allowClear style={{ width: 160 }} aria-label="标签" />
        <Checkbox name="noVisitDays" value="90" defaultChecked={params.get("noVisitDays") === "90"}>90 天未走访</Checkbox>
        {showUnplaced ? <Checkbox name="unplaced" value="1" defaultChecked={params.get("unplaced") === "1"}>仅待分配网格</Checkbox> : null}
        <input type="hidden" name="sort" value={params.get("sort") ?? "name"} />
        <input type="hidden" name="order" value={params.get("order") ?? "asc"} />
        <input type="hidden" name="pageSize" value={params.get("pageSize") ?? "20"} />
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
        <Button href="/companies">重置</Button>
        <Button href={exportHref("csv")} icon={<DownloadOutlined />}>导出 CSV</Button>
        <Button href={exportHref("xlsx")} icon={<DownloadOutlined />}>导出 Excel</Button>
      </Space>
    </Form>
  );
}
