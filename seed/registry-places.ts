/**
 * Where demo companies are: district weights and industry affinities, real road names for
 * addresses, park sites, and roads that cross districts (for unplaceable addresses).
 */
import type { Group } from "./registry-vocabulary";

/**
 * Districts: share of the city's companies (roughly by economic weight), how strongly each
 * industry group sits there (tech in 高新区, factories in the zones and county towns), and roads
 * for addresses (real streets of the area).
 */
export interface DistrictProfile {
  weight: number;
  affinity: Record<Group, number>;
  roads: string[];
}
export const aff = (tech: number, hitech: number, mfg: number, build: number, commerce: number, logistics: number, service: number, estate: number, agri: number): Record<Group, number> =>
  ({ tech, hitech, mfg, build, commerce, logistics, service, estate, agri });
export const roads = (text: string) => text.trim().split(/\s+/);

export const DISTRICT_PROFILES: Record<string, DistrictProfile> = {
  "410105": { weight: 18, affinity: aff(1.0, 0.2, 0.15, 1.2, 1.4, 0.6, 1.5, 1.5, 0.05), roads: roads("花园路 农业路 纬五路 经三路 丰产路 金水路 文化路 黄河路 东风路 商务外环路 商务内环路 农业东路 金水东路 心怡路 如意西路 未来路 民生路") },
  "410172": { weight: 11, affinity: aff(4.0, 2.5, 0.8, 0.7, 0.6, 0.4, 0.8, 0.8, 0.1), roads: roads("科学大道 长椿路 翠竹街 红松路 莲花街 西三环路 银屏路 石楠路 瑞达路 枫杨街 合欢街 冬青街 雪松路 须水河路") },
  "410171": { weight: 9, affinity: aff(0.8, 1.8, 2.0, 0.8, 0.8, 2.0, 0.6, 0.7, 0.1), roads: roads("第八大街 航海东路 经北一路 经南五路 第九大街 第十五大街 经开第三大街 朝凤路 前程大道 经开第二十二大街 宇工路") },
  "410173": { weight: 9, affinity: aff(1.0, 2.5, 2.2, 1.0, 0.7, 2.5, 0.5, 0.8, 0.5), roads: roads("迎宾大道 四港联动大道 新港大道 郑港三街 云港路 华夏大道 梁州大道 新港八路 雁鸣路 航兴路") },
  "410102": { weight: 8, affinity: aff(0.6, 0.4, 0.6, 1.1, 1.2, 0.8, 1.1, 1.0, 0.2), roads: roads("建设路 中原路 桐柏路 伏牛路 嵩山北路 秦岭路 华山路 陇海西路 互助路 棉纺路 化工路 淮河西路") },
  "410103": { weight: 8, affinity: aff(0.5, 0.3, 0.6, 1.0, 1.5, 1.0, 1.1, 1.0, 0.2), roads: roads("大学路 京广路 长江路 航海中路 兴华街 政通路 嵩山南路 淮河路 福华街 二七路 解放路 德化街") },
  "410104": { weight: 7, affinity: aff(0.4, 0.3, 0.7, 1.0, 1.4, 1.5, 1.0, 1.0, 0.2), roads: roads("紫荆山路 城东路 东大街 南三环 商城路 航海东路 港湾路 城南路 货站街 陇海东路 南曹路") },
  "410108": { weight: 4, affinity: aff(0.4, 0.4, 0.8, 1.0, 1.0, 1.0, 1.2, 1.1, 0.8), roads: roads("天河路 开元路 英才街 江山路 文化北路 长兴路 迎宾路 北四环 清华园路") },
  "410184": { weight: 5, affinity: aff(0.3, 0.9, 1.8, 1.0, 1.0, 1.0, 0.8, 0.9, 1.2), roads: roads("轩辕路 中华路 新华路 黄水路 人民路 双湖大道 郑新快速路 学院路") },
  "410122": { weight: 4, affinity: aff(0.2, 0.8, 1.5, 0.9, 0.9, 1.0, 0.7, 0.8, 2.5), roads: roads("青年路 官渡大道 建设路 人文路 郑开大道 商都大道 万胜路") },
  "410182": { weight: 4, affinity: aff(0.3, 0.7, 2.2, 1.0, 0.9, 1.0, 0.6, 0.7, 1.2), roads: roads("索河路 演武路 京城路 广武路 郑上路 桃源路 织机路") },
  "410181": { weight: 3.5, affinity: aff(0.2, 0.6, 2.5, 0.9, 0.9, 0.7, 0.6, 0.6, 1.2), roads: roads("杜甫路 嵩山路 建设路 新兴路 紫荆路 永安路 陇海路") },
  "410183": { weight: 3.5, affinity: aff(0.2, 0.4, 2.3, 0.9, 0.9, 0.6, 0.6, 0.6, 1.2), roads: roads("青屏大街 开阳路 溱水路 西大街 长乐路 嵩山大道") },
  "410185": { weight: 2.5, affinity: aff(0.1, 0.2, 1.8, 0.9, 0.9, 0.5, 1.0, 0.6, 1.3), roads: roads("少林大道 中岳大街 嵩阳路 书院河路 崇高路 大禹路") },
  "410106": { weight: 1.5, affinity: aff(0.3, 0.8, 1.8, 0.9, 0.9, 0.8, 0.8, 0.7, 0.5), roads: roads("中心路 济源路 许昌路 工业路 登封路 汝南路") },
};

/** How addresses write the district; zones are written several ways. */
export const DISTRICT_ADDRESS_NAMES: Record<string, string[]> = {
  "410171": ["郑州经济技术开发区", "郑州市经开区", "郑州市经济技术开发区"],
  "410172": ["郑州高新技术产业开发区", "郑州市高新区", "郑州市高新技术产业开发区"],
  "410173": ["郑州航空港经济综合实验区", "郑州航空港区", "河南省郑州航空港经济综合实验区"],
  "410104": ["郑州市管城回族区", "郑州市管城区", "河南省郑州市管城回族区"],
};

/** Where the demo parks are (863软件园 and 大学科技园 are at these real addresses). */
export const PARK_SITES: Record<string, { road: string; number: number }> = {
  "P410172-01": { road: "翠竹街", number: 6 },
  "P410172-02": { road: "长椿路", number: 11 },
  "P410172-03": { road: "科学大道", number: 189 },
  "B410172-01": { road: "莲花街", number: 316 },
};

/** Roads crossing several districts: an address on them alone says nothing about the grid. */
export const UNPLACEABLE_ROADS = roads("中州大道 京广快速路 农业快速路 陇海快速路 南三环 西四环 北三环 东三环 107国道辅道 郑汴路 航海路 商鼎路 天明路 沙口路 索凌路 三全路 大河路 连霍高速辅道 南四环 西三环 东风渠路 贾鲁河路");
export const CITY_STEMS = "中原 二七 管城 金水 上街 惠济 中牟 巩义 荥阳 新密 新郑 登封 高新 经开 经济开发区 经济技术开发区 航空港 空港".split(" ");

/** Tags offices attach, and roughly when. */
