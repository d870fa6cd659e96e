/** GB/T 4754-2017 门类 and the 大类 (two-digit divisions) each contains. */
export const SECTIONS: { code: string; name: string; from: number; to: number }[] = [
  { code: "A", name: "农、林、牧、渔业", from: 1, to: 5 },
  { code: "B", name: "采矿业", from: 6, to: 12 },
  { code: "C", name: "制造业", from: 13, to: 43 },
  { code: "D", name: "电力、热力、燃气及水生产和供应业", from: 44, to: 46 },
  { code: "E", name: "建筑业", from: 47, to: 50 },
  { code: "F", name: "批发和零售业", from: 51, to: 52 },
  { code: "G", name: "交通运输、仓储和邮政业", from: 53, to: 60 },
  { code: "H", name: "住宿和餐饮业", from: 61, to: 62 },
  { code: "I", name: "信息传输、软件和信息技术服务业", from: 63, to: 65 },
  { code: "J", name: "金融业", from: 66, to: 69 },
  { code: "K", name: "房地产业", from: 70, to: 70 },
  { code: "L", name: "租赁和商务服务业", from: 71, to: 72 },
  { code: "M", name: "科学研究和技术服务业", from: 73, to: 75 },
  { code: "N", name: "水利、环境和公共设施管理业", from: 76, to: 79 },
  { code: "O", name: "居民服务、修理和其他服务业", from: 80, to: 82 },
  { code: "P", name: "教育", from: 83, to: 83 },
  { code: "Q", name: "卫生和社会工作", from: 84, to: 85 },
  { code: "R", name: "文化、体育和娱乐业", from: 86, to: 90 },
  { code: "S", name: "公共管理、社会保障和社会组织", from: 91, to: 96 },
  { code: "T", name: "国际组织", from: 97, to: 97 },
];

export function divisionsOfSection(section: string): string[] {
  const s = SECTIONS.find((x) => x.code === section);
  if (!s) return [];
  return Array.from({ length: s.to - s.from + 1 }, (_, i) => String(s.from + i).padStart(2, "0"));
}

export function sectionOfDivision(division: string): string | undefined {
  const n = Number(division);
  return SECTIONS.find((s) => n >= s.from && n <= s.to)?.code;
}
