/** Grid levels, top to bottom. 专属网格 (DEDICATED) can hang under any node. */
export const GRID_LEVELS = ["CITY", "DISTRICT", "STREET", "COMMUNITY", "ESTATE", "DEDICATED"] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const GRID_LEVEL_LABELS: Record<GridLevel, string> = {
  CITY: "市",
  DISTRICT: "区县（开发区）",
  STREET: "一级网格（街道/乡镇）",
  COMMUNITY: "二级网格（社区/村）",
  ESTATE: "三级网格（小区/楼院）",
  DEDICATED: "专属网格",
};

export const DEDICATED_KINDS = { PARK: "园区", BUILDING: "楼宇", MARKET: "市场", CAMPUS: "校园" } as const;
export type DedicatedKind = keyof typeof DEDICATED_KINDS;
