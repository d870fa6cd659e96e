import type { DedicatedKind } from "~/grids/levels";

/**
 * Grids the division codes do not have: 三级网格 (estates) under some 高新区 communities, and
 * 专属网格 (parks) for the zone's operations centres. Names are modelled on real places.
 */
export const DEMO_ESTATES: { parentCode: string; code: string; name: string }[] = [
  { parentCode: "410172560001", code: "E410172560001-01", name: "锦华苑小区一期" },
  { parentCode: "410172560001", code: "E410172560001-02", name: "锦华苑小区二期" },
  { parentCode: "410172560002", code: "E410172560002-01", name: "万丰慧城小区" },
  { parentCode: "410172561001", code: "E410172561001-01", name: "瑞达路商务楼院" },
];

export const DEMO_PARKS: { parentCode: string; code: string; name: string; kind: DedicatedKind }[] = [
  { parentCode: "410172560", code: "P410172-01", name: "郑州863软件园", kind: "PARK" },
  { parentCode: "410172561", code: "P410172-02", name: "郑州国家大学科技园", kind: "PARK" },
  { parentCode: "410172562", code: "P410172-03", name: "天健湖智联网产业园", kind: "PARK" },
  { parentCode: "410172560", code: "B410172-01", name: "高新区企业服务中心大厦", kind: "BUILDING" },
];

export const DEMO_DEPARTMENTS: { code: string; name: string }[] = [
  { code: "HRSS", name: "郑州市人力资源和社会保障局" },
  { code: "STB", name: "郑州市科学技术局" },
  { code: "MIIT", name: "郑州市工业和信息化局" },
  { code: "SAMR", name: "郑州市市场监督管理局" },
  { code: "DRC", name: "郑州市发展和改革委员会" },
  { code: "TAX", name: "国家税务总局郑州市税务局" },
  { code: "HTZ-ES", name: "郑州高新区企业服务局" },
  // Departments that case categories dispatch to (app/cases/categories.ts).
  { code: "JRJ", name: "郑州市地方金融管理局" },
  { code: "CGJ", name: "郑州市城市管理局" },
  { code: "ZWJ", name: "郑州市政务服务和大数据管理局" },
  { code: "HBJ", name: "郑州市生态环境局" },
  { code: "SFJ", name: "郑州市司法局" },
  { code: "ZRGH", name: "郑州市自然资源和规划局" },
  { code: "YJJ", name: "郑州市应急管理局" },
];
