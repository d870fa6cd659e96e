/**
 * 诉求分类: the 12345-style category tree, kept in code like the rules (reviewed as a diff).
 * Cases are filed under a leaf; a top category carries the department a case usually goes to
 * and the time limits of each stage, which its leaves inherit unless they set their own.
 */

/** Stages that have a time limit, in working days. */
export interface StageLimits {
  /** 受理: from filing to acceptance */
  accept: number;
  /** 立案: from acceptance to registration */
  register: number;
  /** 派遣: from registration to dispatch */
  dispatch: number;
  /** 处置: from dispatch to the handler's result */
  handle: number;
  /** 核查: from the result to the grid's check */
  verify: number;
}

export interface CategoryNode {
  code: string;
  name: string;
  /** Department code (seed/demo-grids.ts DEMO_DEPARTMENTS) cases of this kind usually go to. */
  department?: string;
  sla?: Partial<StageLimits>;
  /** A few words a filer might use; shown as hints and given to Open311 as keywords. */
  keywords?: string[];
  children?: CategoryNode[];
}

export const DEFAULT_LIMITS: StageLimits = { accept: 1, register: 1, dispatch: 1, handle: 5, verify: 2 };

export const CATEGORY_TREE: CategoryNode[] = [
  {
    code: "ZCZX", name: "政策咨询", department: "HTZ-ES", sla: { handle: 3 },
    children: [
      { code: "ZCZX-01", name: "惠企政策解读", keywords: ["政策", "补贴", "申报条件"] },
      { code: "ZCZX-02", name: "免申即享兑付", keywords: ["免申即享", "兑付", "到账"] },
      { code: "ZCZX-03", name: "项目申报咨询", keywords: ["申报", "材料", "截止"] },
    ],
  },
  {
    code: "RZXQ", name: "融资需求", department: "JRJ", sla: { handle: 10 },
    children: [
      { code: "RZXQ-01", name: "银行贷款", keywords: ["贷款", "授信", "抵押"] },
      { code: "RZXQ-02", name: "融资担保", keywords: ["担保", "反担保"] },
      { code: "RZXQ-03", name: "上市挂牌", keywords: ["上市", "挂牌", "辅导"] },
    ],
  },
  {
    code: "YGZP", name: "用工招聘", department: "HRSS",
    children: [
      { code: "YGZP-01", name: "招工难", keywords: ["招聘", "招工", "缺人"] },
      { code: "YGZP-02", name: "社保缴纳", keywords: ["社保", "缴费", "基数"] },
      { code: "YGZP-03", name: "劳动关系", keywords: ["劳动合同", "仲裁", "欠薪"] },
      { code: "YGZP-04", name: "人才引进", keywords: ["人才", "落户", "公寓"] },
    ],
  },
  {
    code: "SDQN", name: "水电气暖", department: "CGJ", sla: { accept: 1, handle: 3 },
    children: [
      { code: "SDQN-01", name: "供电", keywords: ["停电", "电压", "增容"] },
      { code: "SDQN-02", name: "供水排水", keywords: ["停水", "水压", "排水"] },
      { code: "SDQN-03", name: "燃气", keywords: ["燃气", "天然气", "开户"] },
      { code: "SDQN-04", name: "供暖", keywords: ["暖气", "供暖", "温度"] },
    ],
  },
  {
    code: "SPBZ", name: "审批办证", department: "ZWJ",
    children: [
      { code: "SPBZ-01", name: "工商登记", keywords: ["营业执照", "变更", "注销"] },
      { code: "SPBZ-02", name: "工程建设审批", keywords: ["施工许可", "规划许可", "竣工验收"] },
      { code: "SPBZ-03", name: "行业许可", keywords: ["许可证", "资质", "年检"] },
    ],
  },
  {
    code: "ZSCQ", name: "知识产权", department: "SAMR",
    children: [
      { code: "ZSCQ-01", name: "专利申请与资助", keywords: ["专利", "资助", "发明"] },
      { code: "ZSCQ-02", name: "商标与侵权", keywords: ["商标", "侵权", "仿冒"] },
    ],
  },
  {
    code: "SCJG", name: "市场监管", department: "SAMR",
    children: [
      { code: "SCJG-01", name: "不正当竞争", keywords: ["低价", "垄断", "恶意"] },
      { code: "SCJG-02", name: "产品质量与计量", keywords: ["质量", "检测", "计量"] },
      { code: "SCJG-03", name: "食品药品", keywords: ["食品", "药品", "经营许可"] },
    ],
  },
  {
    code: "JCSS", name: "基础设施", department: "CGJ", sla: { handle: 10 },
    children: [
      { code: "JCSS-01", name: "道路交通", keywords: ["道路", "红绿灯", "公交"] },
      { code: "JCSS-02", name: "网络通信", keywords: ["宽带", "5G", "信号"] },
      { code: "JCSS-03", name: "市容环卫", keywords: ["垃圾", "路灯", "占道"] },
    ],
  },
  {
    code: "HJBH", name: "环境保护", department: "HBJ",
    children: [
      { code: "HJBH-01", name: "环评与排污许可", keywords: ["环评", "排污许可", "验收"] },
      { code: "HJBH-02", name: "污染投诉", keywords: ["噪音", "异味", "粉尘"] },
    ],
  },
  {
    code: "FLFW", name: "法律服务", department: "SFJ", sla: { handle: 7 },
    children: [
      { code: "FLFW-01", name: "合同纠纷", keywords: ["合同", "违约", "欠款"] },
      { code: "FLFW-02", name: "法律咨询", keywords: ["律师", "法律援助", "合规"] },
    ],
  },
  {
    code: "SSFW", name: "涉税服务", department: "TAX", sla: { handle: 3 },
    children: [
      { code: "SSFW-01", name: "税费优惠", keywords: ["加计扣除", "减免", "退税"] },
      { code: "SSFW-02", name: "发票与申报", keywords: ["发票", "申报", "税务登记"] },
    ],
  },
  {
    code: "YDYF", name: "用地用房", department: "ZRGH", sla: { handle: 10 },
    children: [
      { code: "YDYF-01", name: "厂房租赁", keywords: ["厂房", "租金", "办公"] },
      { code: "YDYF-02", name: "土地手续", keywords: ["土地", "不动产证", "出让"] },
    ],
  },
  {
    code: "AQSC", name: "安全生产", department: "YJJ", sla: { accept: 1, handle: 3 },
    children: [
      { code: "AQSC-01", name: "消防安全", keywords: ["消防", "验收", "隐患"] },
      { code: "AQSC-02", name: "安全隐患", keywords: ["隐患", "危化品", "应急"] },
    ],
  },
  {
    code: "QTSX", name: "其他事项", department: "HTZ-ES",
    children: [{ code: "QTSX-01", name: "其他", keywords: [] }],
  },
];

export interface Category {
  code: string;
  name: string;
  /** "上级 / 本级" for lists. */
  fullName: string;
  parentCode: string | null;
  department: string | null;
  sla: StageLimits;
  keywords: string[];
  leaf: boolean;
}

function flatten(): Map<string, Category> {
  const out = new Map<string, Category>();
  for (const top of CATEGORY_TREE) {
    const topSla = { ...DEFAULT_LIMITS, ...top.sla };
    out.set(top.code, {
      code: top.code, name: top.name, fullName: top.name, parentCode: null, department: top.department ?? null,
      sla: topSla, keywords: top.keywords ?? [], leaf: !top.children?.length,
    });
    for (const c of top.children ?? []) {
      out.set(c.code, {
        code: c.code, name: c.name, fullName: `${top.name} / ${c.name}`, parentCode: top.code,
        department: c.department ?? top.department ?? null, sla: { ...topSla, ...c.sla }, keywords: c.keywords ?? [], leaf: true,
      });
    }
  }
  return out;
}

export const CATEGORIES: ReadonlyMap<string, Category> = flatten();

/** The categories a case can be filed under. */
export const LEAF_CATEGORIES: readonly Category[] = [...CATEGORIES.values()].filter((c) => c.leaf);

export function findCategory(code: string | null | undefined): Category | undefined {
  return code ? CATEGORIES.get(code) : undefined;
}

export const URGENCIES = ["NORMAL", "URGENT", "CRITICAL"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { NORMAL: "一般", URGENT: "紧急", CRITICAL: "特急" };

/**
 * The limits that apply to a case: urgent cases get half the handling time, and 特急 cases
 * one working day for every stage (at least one day each, as a day is the calendar's unit).
 */
export function limitsFor(category: Category, urgency: Urgency): StageLimits {
  if (urgency === "CRITICAL") return { accept: 1, register: 1, dispatch: 1, handle: 1, verify: 1 };
  if (urgency === "URGENT") return { ...category.sla, handle: Math.max(1, Math.ceil(category.sla.handle / 2)) };
  return category.sla;
}
