/**
 * Deterministic demo companies over the real Zhengzhou grids, as rows in the import format
 * (app/companies/import/columns.ts), so demo data and benchmark files go through the same
 * validation and placement as a real registry import.
 *
 * Same seed → same rows (one mulberry32 stream, rows in order, so a shorter run is a prefix of a
 * longer one). A generator: 120,000 rows never sit in memory at once.
 *
 * Location mix: ~85% name their community, ~10% leave it out but write its name into the address
 * (placement finds it there), ~5% give an address no grid can be read from (the unassigned queue).
 */
import { readFileSync } from "node:fs";
import { IMPORT_COLUMNS as C, type ImportRow } from "../app/companies/import/columns";
import { QUALIFICATIONS } from "../app/companies/qualifications";
// Types only: size.ts reaches the industry tables through the "~" alias, which plain runs lack.
import type { CompanySize, SizeSector } from "../app/companies/size";
import { makeUscc } from "../app/companies/uscc";
import { shortName } from "../app/grids/placement";
import { DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";

export interface RegistryOptions {
  count: number;
  seed?: number;
  /** Indicator year (年度), default 2025. */
  year?: number;
}

/* ───────────────────────── random numbers ───────────────────────── */

/** mulberry32: tiny and fast; plenty for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Roughly standard normal (sum of three uniforms): cheap, and tails don't matter here. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }
}

/** Weighted choice by binary search over cumulative weights. */
class Weighted<T> {
  private cum: number[] = [];
  private total = 0;
  constructor(readonly items: T[], weight: (item: T) => number) {
    for (const item of items) {
      this.total += Math.max(0, weight(item));
      this.cum.push(this.total);
    }
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/* ───────────────────────── tables ───────────────────────── */

/** "字:pinyin" pairs; the pinyin feeds e-mail addresses, which must stay ASCII. */
const pairs = (text: string): [string, string][] =>
  text.trim().split(/\s+/).map((p) => p.split(":") as [string, string]);

// Brand words (字号). Combined two at a time, or with a tail character, so names rarely repeat.
const BRANDS = pairs(`
  云帆:yunfan 中科:zhongke 汉威:hanwei 宇通:yutong 华信:huaxin 博润:borun 鑫达:xinda 恒通:hengtong
  瑞达:ruida 嘉禾:jiahe 天瑞:tianrui 金盾:jindun 豫发:yufa 信诚:xincheng 远航:yuanhang 东方:dongfang
  盛世:shengshi 华夏:huaxia 新源:xinyuan 明德:mingde 润泽:runze 科林:kelin 众诚:zhongcheng 智远:zhiyuan
  安泰:antai 正弘:zhenghong 思达:sida 天地:tiandi 宏达:hongda 兴业:xingye 荣盛:rongsheng 凯瑞:kairui
  锦程:jincheng 创远:chuangyuan 鼎盛:dingsheng 伟业:weiye 祥和:xianghe 泰宏:taihong 海纳:haina 卓越:zhuoyue
  精诚:jingcheng 联创:lianchuang 同力:tongli 恒信:hengxin 宏图:hongtu 诚达:chengda 德润:derun 百川:baichuan
  康达:kangda 瑞丰:ruifeng 华康:huakang 众邦:zhongbang 嘉诚:jiacheng 天成:tiancheng 方圆:fangyuan 和信:hexin
  元亨:yuanheng 利达:lida 金诺:jinnuo 九州:jiuzhou 万通:wantong 黄河:huanghe 嵩岳:songyue 豫信:yuxin
  中豫:zhongyu 绿源:lvyuan 蓝天:lantian 青松:qingsong 星辰:xingchen 银河:yinhe 北斗:beidou 天启:tianqi
  启明:qiming 光明:guangming 晨光:chenguang 朝阳:zhaoyang 旭日:xuri 金鼎:jinding 宝丰:baofeng 华瑞:huarui
  中瑞:zhongrui 恒瑞:hengrui 同创:tongchuang 博远:boyuan 思源:siyuan 汇通:huitong 融通:rongtong 安达:anda
  通达:tongda 顺达:shunda 诺安:nuoan 乐康:lekang 益康:yikang 康宁:kangning 仁和:renhe 同仁:tongren
  德信:dexin 立信:lixin 信合:xinhe 合众:hezhong 众合:zhonghe 聚力:juli 拓普:tuopu 创拓:chuangtuo
  凯达:kaida 凯旋:kaixuan 金桥:jinqiao 银桥:yinqiao 宏远:hongyuan 大成:dacheng 天一:tianyi 一诺:yinuo
  恒丰:hengfeng 丰源:fengyuan 源通:yuantong 万和:wanhe 万象:wanxiang 新锐:xinrui 精工:jinggong 匠心:jiangxin
  数智:shuzhi 智联:zhilian 云图:yuntu 云端:yunduan 云海:yunhai 海川:haichuan 翔宇:xiangyu 鸿运:hongyun
  鸿基:hongji 博雅:boya 尚品:shangpin 优品:youpin 品源:pinyuan 中联:zhonglian 华联:hualian 协力:xieli
  鼎新:dingxin 鼎立:dingli 中天:zhongtian 天润:tianrun 润达:runda 金润:jinrun 枫林:fenglin 松柏:songbai
  青禾:qinghe 禾丰:hefeng 沃土:wotu 田园:tianyuan 绿野:lvye 绿洲:lvzhou 碧水:bishui 清源:qingyuan
  明远:mingyuan 远景:yuanjing 景泰:jingtai 泰和:taihe 和顺:heshun 顺通:shuntong 正源:zhengyuan 源丰:yuanfeng
  丰达:fengda 达信:daxin 天宇:tianyu 宇华:yuhua 华宇:huayu 宇辰:yuchen 辰星:chenxing 星河:xinghe
  中州:zhongzhou 豫中:yuzhong 豫丰:yufeng 豫康:yukang 汉邦:hanbang 汉德:hande 博瑞:borui 博创:bochuang
  博诚:bocheng 科瑞:kerui 科达:keda 科信:kexin 科创:kechuang 美佳:meijia 佳信:jiaxin 安信:anxin
  顺捷:shunjie 捷通:jietong 迅捷:xunjie 速达:suda 飞跃:feiyue 腾飞:tengfei 腾达:tengda 龙腾:longteng
  兴盛:xingsheng 盛达:shengda 华盛:huasheng 华兴:huaxing 振华:zhenhua 华龙:hualong 金鹰:jinying 鹏程:pengcheng
`);
const BRAND_TAILS = pairs("达:da 通:tong 源:yuan 盛:sheng 泰:tai 诚:cheng 瑞:rui 兴:xing 德:de 信:xin 恒:heng 丰:feng 利:li 康:kang 安:an 和:he 宏:hong 佳:jia 鑫:xin 华:hua 远:yuan 成:cheng 森:sen 博:bo 润:run 昌:chang 隆:long 辰:chen 晟:sheng 宸:chen 骏:jun");

// Common surnames, most frequent first (weights fall with rank); Henan favourites included.
const SURNAMES = pairs(`
  王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 赵:zhao 郭:guo 黄:huang 周:zhou 吴:wu 徐:xu 孙:sun 马:ma
  朱:zhu 胡:hu 高:gao 宋:song 郑:zheng 何:he 林:lin 罗:luo 梁:liang 谢:xie 韩:han 唐:tang 冯:feng 董:dong
  曹:cao 许:xu 邓:deng 任:ren 常:chang 闫:yan 田:tian 彭:peng 曾:zeng 肖:xiao 袁:yuan 潘:pan 蔡:cai 蒋:jiang
  于:yu 杜:du 程:cheng 魏:wei 苏:su 吕:lv 丁:ding 卢:lu 姚:yao 沈:shen 崔:cui 姜:jiang 范:fan 贾:jia
  付:fu 白:bai 孟:meng 秦:qin 侯:hou 尹:yin 薛:xue 段:duan 雷:lei 史:shi 牛:niu 申:shen 岳:yue 武:wu
`);
const GIVEN = pairs(`
  伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan
  涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 英:ying 华:hua 建:jian 国:guo 红:hong 玲:ling
  鹏:peng 辉:hui 宇:yu 浩:hao 凯:kai 晨:chen 博:bo 文:wen 斌:bin 亮:liang 峰:feng 波:bo 俊:jun 欣:xin
  婷:ting 雪:xue 琳:lin 晶:jing 颖:ying 慧:hui 佳:jia 鑫:xin 海:hai 志:zhi 新:xin 永:yong 春:chun 怡:yi
  倩:qian 丹:dan 瑞:rui 阳:yang 帅:shuai 琦:qi 晓:xiao 子:zi 梓:zi 涵:han 睿:rui 泽:ze 思:si 雨:yu
  嘉:jia 萌:meng 航:hang 振:zhen 卫:wei 东:dong 立:li 成:cheng 金:jin 云:yun 利:li 民:min 庆:qing
  亚:ya 琴:qin 燕:yan 璐:lu 冰:bing 昊:hao 旭:xu 毅:yi 飞:fei
`);

const PHONE_PREFIXES = "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 180 181 182 183 185 186 187 188 189 191 193 195 198 199".split(" ");

type Group = "tech" | "hitech" | "mfg" | "build" | "commerce" | "logistics" | "service" | "estate" | "agri";
/** How much R&D the industry does: drives R&D expense, science staff and qualifications. */
type Rd = "high" | "mid" | "low" | "none";

interface IndustryDef {
  code: string;
  name: string;
  group: Group;
  rd: Rd;
  weight: number;
  /** Words for the company name (…智能科技有限公司): they say what the code says. */
  words: string[];
  scope: string;
  /** Extra weight in districts known for the industry (巩义 aluminium, 新密 refractories…). */
  boost?: Record<string, number>;
}

const ind = (code: string, name: string, group: Group, rd: Rd, weight: number, words: string, scope: string, boost?: Record<string, number>): IndustryDef =>
  ({ code, name, group, rd, weight, words: words.split("|"), scope, boost });

/** Real GB/T 4754-2017 小类 (checked against seed/industries/gbt4754-2017.json in the test). */
export const INDUSTRIES: IndustryDef[] = [
  // 软件、信息技术和科技服务
  ind("6513", "应用软件开发", "tech", "high", 6, "软件|信息技术|网络科技|智能科技", "应用软件开发；软件销售；信息系统运行维护服务；技术咨询、技术服务"),
  ind("6511", "基础软件开发", "tech", "high", 0.8, "软件|软件技术", "基础软件开发；数据库软件开发；软件销售"),
  ind("6531", "信息系统集成服务", "tech", "high", 4, "信息技术|数字科技|智能科技", "信息系统集成服务；计算机网络工程；安全技术防范系统设计施工；计算机软硬件销售"),
  ind("6532", "物联网技术服务", "tech", "high", 2, "物联网科技|智能科技", "物联网技术服务；物联网设备销售；智能控制系统集成"),
  ind("6520", "集成电路设计", "tech", "high", 0.6, "微电子|半导体科技", "集成电路设计；集成电路芯片及产品销售；技术进出口"),
  ind("6550", "信息处理和存储支持服务", "tech", "high", 1.5, "数据科技|云计算科技", "数据处理和存储支持服务；云计算服务；大数据服务"),
  ind("6560", "信息技术咨询服务", "tech", "high", 2, "信息技术|数字科技", "信息技术咨询服务；数字化转型咨询；软件开发"),
  ind("6572", "动漫、游戏数字内容服务", "tech", "high", 0.6, "动漫科技|网络科技", "动漫游戏开发；数字内容制作服务；互联网信息服务"),
  ind("6432", "互联网生活服务平台", "tech", "high", 1.2, "网络科技|电子商务", "互联网生活服务平台运营；网络技术服务；信息咨询服务"),
  ind("6450", "互联网数据服务", "tech", "high", 0.7, "数据科技|云科技", "互联网数据服务；数据中心运营；大数据服务"),
  ind("7320", "工程和技术研究和试验发展", "tech", "high", 1.4, "科技|技术研究院", "工程和技术研究和试验发展；技术开发、技术转让、技术服务"),
  ind("7340", "医学研究和试验发展", "tech", "high", 0.5, "生物科技|医药科技", "医学研究和试验发展；生物技术推广服务；药品研发"),
  ind("7452", "检测服务", "tech", "mid", 1, "检测技术|检测科技", "检验检测服务；环境监测；技术咨询"),
  ind("7484", "工程设计活动", "tech", "mid", 1.2, "工程设计|建筑设计", "建设工程设计；工程咨询；规划设计管理"),
  ind("7513", "新材料技术推广服务", "tech", "mid", 1, "新材料科技|新材料", "新材料技术推广服务；新材料技术研发；化工产品销售（不含许可类化工产品）"),
  ind("7514", "节能技术推广服务", "tech", "mid", 1, "节能科技|环保科技", "节能管理服务；合同能源管理；节能技术推广"),
  ind("7530", "科技中介服务", "tech", "mid", 0.8, "科技服务|科技咨询", "科技中介服务；知识产权服务；科技项目申报咨询"),
  // 高技术制造
  ind("3983", "敏感元件及传感器制造", "hitech", "high", 1, "传感技术|电子", "传感器、气体探测器研发、制造和销售；物联网技术服务", { "410172": 3 }),
  ind("3982", "电子电路制造", "hitech", "high", 0.9, "电子|电子科技", "印制电路板、电子电路制造；电子元器件销售"),
  ind("3973", "集成电路制造", "hitech", "high", 0.25, "半导体|微电子", "集成电路制造；集成电路芯片及产品销售"),
  ind("3985", "电子专用材料制造", "hitech", "high", 0.4, "电子材料|新材料", "电子专用材料研发、制造和销售"),
  ind("3922", "通信终端设备制造", "hitech", "high", 0.7, "通信设备|智能终端", "通信终端设备制造；移动终端设备销售；货物进出口", { "410173": 4 }),
  ind("3841", "锂离子电池制造", "hitech", "high", 0.5, "新能源科技|锂电科技", "锂离子电池制造；电池销售；储能技术服务"),
  ind("3612", "新能源车整车制造", "hitech", "high", 0.08, "新能源汽车", "新能源汽车整车制造；汽车零部件研发", { "410171": 3, "410122": 3 }),
  ind("4011", "工业自动控制系统装置制造", "hitech", "high", 0.9, "自动化设备|智能装备", "工业自动控制系统装置制造；智能控制系统集成；工业机器人销售"),
  ind("3581", "医疗诊断、监护及治疗设备制造", "hitech", "high", 0.5, "医疗器械|医疗设备", "第二类医疗器械生产、销售；医疗设备租赁"),
  ind("2761", "生物药品制造", "hitech", "high", 0.4, "生物医药|生物制药", "生物药品制造；药品研发；技术进出口"),
  ind("2720", "化学药品制剂制造", "hitech", "mid", 0.5, "制药|药业", "药品生产；药品批发；医药中间体销售"),
  ind("2710", "化学药品原料药制造", "hitech", "mid", 0.3, "制药|药业", "原料药生产；化工产品销售（不含许可类化工产品）"),
  ind("3823", "配电开关控制设备制造", "hitech", "mid", 1.1, "电气|电力设备", "配电开关控制设备研发、制造；输配电及控制设备销售"),
  ind("4016", "供应用仪器仪表制造", "hitech", "mid", 0.5, "仪表|仪器仪表", "智能水表、燃气表等供应用仪器仪表制造和销售"),
  // 传统制造和能源
  ind("3670", "汽车零部件及配件制造", "mfg", "mid", 1.5, "汽车零部件|汽车配件", "汽车零部件及配件制造；汽车零配件批发", { "410171": 3, "410122": 3 }),
  ind("3511", "矿山机械制造", "mfg", "mid", 0.7, "重工机械|矿山机械", "矿山机械制造；液压支架及配件加工", { "410171": 2, "410184": 1.5 }),
  ind("3514", "建筑工程用机械制造", "mfg", "mid", 0.7, "工程机械|机械设备", "建筑工程用机械制造；机械设备租赁"),
  ind("3441", "泵及真空设备制造", "mfg", "mid", 0.4, "泵业|流体设备", "泵及真空设备制造；阀门和旋塞研发"),
  ind("3311", "金属结构制造", "mfg", "low", 0.8, "钢结构|金属结构", "金属结构制造；钢结构工程施工"),
  ind("3312", "金属门窗制造", "mfg", "low", 0.6, "门窗|金属门窗", "金属门窗制造；门窗安装"),
  ind("3130", "钢压延加工", "mfg", "low", 0.3, "钢业|金属材料", "钢压延加工；金属材料销售"),
  ind("3216", "铝冶炼", "mfg", "low", 0.25, "铝业", "铝冶炼；有色金属合金销售", { "410181": 8, "410106": 4 }),
  ind("3252", "铝压延加工", "mfg", "mid", 0.7, "铝业|铝材", "铝板带箔压延加工；有色金属压延加工", { "410181": 8, "410106": 3 }),
  ind("3089", "耐火陶瓷制品及其他耐火材料制造", "mfg", "mid", 1, "耐火材料|耐材", "耐火材料生产、销售；非金属矿物制品制造", { "410183": 6, "410181": 5, "410185": 4 }),
  ind("3021", "水泥制品制造", "mfg", "low", 0.5, "建材|水泥制品", "水泥制品制造；建筑材料销售"),
  ind("2929", "塑料零件及其他塑料制品制造", "mfg", "low", 0.8, "塑料制品|塑业", "塑料制品制造；塑料制品销售"),
  ind("2641", "涂料制造", "mfg", "mid", 0.4, "涂料|化工", "涂料制造（不含危险化学品）；涂料销售"),
  ind("2614", "有机化学原料制造", "mfg", "mid", 0.25, "化工|精细化工", "专用化学产品制造（不含危险化学品）；化工产品销售"),
  ind("2231", "纸和纸板容器制造", "mfg", "low", 0.5, "包装|纸业", "纸和纸板容器制造；包装服务"),
  ind("2319", "包装装潢及其他印刷", "mfg", "low", 0.6, "印务|印刷", "包装装潢印刷品印刷；其他印刷品印刷"),
  ind("1819", "其他机织服装制造", "mfg", "low", 0.8, "服饰|服装", "服装制造；服装服饰批发", { "410103": 5 }),
  ind("1432", "速冻食品制造", "mfg", "low", 0.5, "食品", "速冻食品制造；食品销售", { "410108": 4, "410171": 3 }),
  ind("1431", "米、面制品制造", "mfg", "low", 0.5, "食品|面业", "米、面制品制造；粮食加工食品生产"),
  ind("1441", "液体乳制造", "mfg", "low", 0.15, "乳业", "乳制品生产；食品销售"),
  ind("1524", "含乳饮料和植物蛋白饮料制造", "mfg", "low", 0.2, "饮品|食品", "饮料生产；食品销售"),
  ind("2770", "卫生材料及医药用品制造", "mfg", "mid", 0.4, "医疗用品|卫生材料", "卫生材料及医药用品制造；第一类医疗器械生产"),
  ind("2740", "中成药生产", "mfg", "mid", 0.35, "药业|中药", "中成药生产；中药饮片加工"),
  ind("4416", "太阳能发电", "mfg", "low", 0.25, "新能源|光伏电力", "太阳能发电技术服务；光伏设备及元器件销售；发电业务"),
  // 建筑
  ind("4710", "住宅房屋建筑", "build", "low", 3, "建筑工程|建设工程|建工", "房屋建筑和市政基础设施项目工程总承包；建设工程施工；土石方工程施工"),
  ind("4812", "公路工程建筑", "build", "low", 0.8, "路桥工程|公路工程", "公路工程施工；桥梁工程施工；市政设施管理"),
  ind("4910", "电气安装", "build", "low", 1.2, "电力工程|机电安装工程", "输电、供电、受电电力设施的安装、维修和试验；电气安装服务"),
  ind("5011", "公共建筑装饰和装修", "build", "low", 1.5, "装饰工程|建筑装饰工程", "建筑装饰装修工程施工；幕墙工程；建筑材料销售"),
  ind("5012", "住宅装饰和装修", "build", "none", 1.5, "装饰设计工程|家居装饰", "住宅室内装饰装修；家具销售；建筑装饰材料销售"),
  // 批发和零售
  ind("5121", "米、面制品及食用油批发", "commerce", "none", 1, "粮油贸易|粮油", "粮油批发；食品销售；农副产品销售"),
  ind("5132", "服装批发", "commerce", "none", 1.2, "服饰|服装贸易", "服装服饰批发；鞋帽批发；针纺织品销售", { "410103": 3 }),
  ind("5165", "建材批发", "commerce", "none", 2, "建材|建材贸易", "建筑材料销售；建筑装饰材料销售；五金产品批发"),
  ind("5174", "五金产品批发", "commerce", "none", 1.2, "五金机电|五金", "五金产品批发；机械设备销售；电线电缆经营"),
  ind("5175", "电气设备批发", "commerce", "none", 1, "电气设备|机电设备", "电气设备销售；电力电子元器件销售；仪器仪表销售"),
  ind("5176", "计算机、软件及辅助设备批发", "commerce", "none", 1, "电子设备|计算机设备", "计算机软硬件及辅助设备批发；办公设备销售；通讯设备销售"),
  ind("5193", "互联网批发", "commerce", "none", 0.9, "电子商务|供应链", "互联网销售（除销售需要许可的商品）；供应链管理服务"),
  ind("5199", "其他未列明批发业", "commerce", "none", 5, "商贸|贸易|实业", "日用百货销售；化工产品销售（不含许可类化工产品）；金属材料销售；货物进出口"),
  ind("5211", "百货零售", "commerce", "none", 0.7, "百货|商业管理", "日用百货销售；商业综合体管理服务；柜台、摊位出租"),
  ind("5212", "超级市场零售", "commerce", "none", 1.4, "超市|商贸", "食品销售；日用百货销售；烟草制品零售"),
  ind("5251", "西药零售", "commerce", "none", 1.2, "大药房|医药", "药品零售；第二类医疗器械销售；保健食品销售"),
  ind("5261", "汽车新车零售", "commerce", "none", 0.9, "汽车销售服务|汽车销售", "汽车新车销售；二手车经纪；机动车修理和维护"),
  ind("5292", "互联网零售", "commerce", "none", 2, "电子商务|网络科技", "互联网销售（除销售需要许可的商品）；食品互联网销售；直播电商服务"),
  // 交通运输、仓储和邮政
  ind("5431", "普通货物道路运输", "logistics", "none", 2, "物流|运输", "道路货物运输（不含危险货物）；国内货物运输代理；装卸搬运"),
  ind("5437", "城市配送", "logistics", "none", 0.7, "速运|配送服务", "城市配送运输服务（不含危险货物）；国内货物运输代理"),
  ind("5612", "航空货物运输", "logistics", "none", 0.2, "航空货运|国际物流", "航空国际货物运输代理；公共航空运输", { "410173": 10 }),
  ind("5821", "货物运输代理", "logistics", "none", 1.2, "国际货运代理|供应链管理", "国际货物运输代理；国内货物运输代理；报关业务", { "410173": 2 }),
  ind("5920", "通用仓储", "logistics", "none", 1, "仓储|仓储物流", "普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运"),
  ind("6020", "快递服务", "logistics", "none", 0.4, "快递|速递", "快递服务；国内货物运输代理"),
  // 住宿餐饮、商务和居民服务
  ind("6110", "旅游饭店", "service", "none", 0.5, "酒店管理|大酒店", "住宿服务；餐饮服务；会议及展览服务", { "410185": 3 }),
  ind("6121", "经济型连锁酒店", "service", "none", 0.7, "酒店管理|宾馆", "住宿服务；酒店管理；餐饮服务"),
  ind("6210", "正餐服务", "service", "none", 3, "餐饮管理|餐饮服务", "餐饮服务；餐饮管理；食品销售"),
  ind("6220", "快餐服务", "service", "none", 1.5, "餐饮管理|快餐", "快餐服务；餐饮管理；外卖递送服务"),
  ind("6241", "餐饮配送服务", "service", "none", 0.4, "餐饮配送|团餐服务", "餐饮配送服务；食品销售；餐饮管理"),
  ind("7111", "汽车租赁", "service", "none", 0.5, "汽车租赁", "小微型客车租赁经营服务；汽车销售"),
  ind("7212", "投资与资产管理", "service", "none", 0.9, "投资管理|资产管理", "以自有资金从事投资活动；企业管理；财务咨询"),
  ind("7224", "供应链管理服务", "service", "none", 1.1, "供应链管理", "供应链管理服务；国内贸易代理；物流信息服务"),
  ind("7243", "社会经济咨询", "service", "none", 2.5, "企业管理咨询|管理咨询", "企业管理咨询；信息咨询服务；市场营销策划"),
  ind("7259", "其他广告服务", "service", "none", 2, "广告|文化传媒", "广告设计、代理；广告制作；组织文化艺术交流活动"),
  ind("7251", "互联网广告服务", "service", "low", 0.8, "网络传媒|数字传媒", "互联网广告服务；数字内容制作服务；网络技术服务"),
  ind("7263", "劳务派遣服务", "service", "none", 1.1, "人力资源服务|劳务派遣", "劳务派遣服务；人力资源服务；职业中介活动"),
  ind("7271", "安全服务", "service", "none", 0.4, "保安服务", "保安服务；安全咨询服务"),
  ind("7289", "其他会议、会展及相关服务", "service", "none", 0.6, "会展服务|展览", "会议及展览服务；礼仪服务；组织文化艺术交流活动"),
  ind("7723", "固体废物治理", "service", "mid", 0.5, "环保科技|环境工程", "固体废物治理；再生资源回收；环保咨询服务"),
  ind("8010", "家庭服务", "service", "none", 0.8, "家政服务", "家政服务；养老服务；保洁服务"),
  ind("8040", "理发及美容服务", "service", "none", 1, "美容美发|美业", "理发服务；生活美容服务；化妆品零售"),
  ind("8391", "职业技能培训", "service", "none", 0.9, "教育科技|职业培训", "职业技能培训（不含需取得许可的培训）；教育咨询服务"),
  ind("8393", "文化艺术培训", "service", "none", 0.6, "文化艺术|艺术培训", "文化艺术培训（不含需取得许可的培训）；组织文化艺术交流活动"),
  ind("8425", "门诊部（所）", "service", "none", 0.5, "口腔门诊部|医疗管理", "诊所服务；医疗服务；第二类医疗器械销售"),
  // 房地产
  ind("7010", "房地产开发经营", "estate", "none", 1.1, "置业|房地产开发", "房地产开发经营；物业管理；建设工程施工"),
  ind("7020", "物业管理", "estate", "none", 2, "物业服务|物业管理", "物业管理；停车场服务；家政服务"),
  ind("7030", "房地产中介服务", "estate", "none", 1, "房地产经纪|房产经纪", "房地产经纪；房地产咨询；住房租赁"),
  // 农业
  ind("0112", "小麦种植", "agri", "low", 0.5, "农业科技|农业开发", "谷物种植；农作物种子经营；农业机械服务"),
  ind("0111", "稻谷种植", "agri", "low", 0.1, "农业开发|生态农业", "稻谷种植；农产品初加工"),
  ind("0141", "蔬菜种植", "agri", "low", 0.8, "生态农业|蔬菜种植", "蔬菜种植；农产品销售；休闲观光活动", { "410122": 3 }),
  ind("0151", "仁果类和核果类水果种植", "agri", "low", 0.4, "果业|生态农业", "水果种植；农产品销售；休闲观光活动", { "410108": 2, "410184": 2 }),
  ind("0313", "猪的饲养", "agri", "none", 0.4, "牧业|养殖", "生猪饲养；牲畜销售；饲料销售"),
  ind("0511", "种子种苗培育活动", "agri", "mid", 0.3, "种业|种苗", "农作物种子生产、经营；种苗培育"),
];

/**
 * Districts: share of the city's companies (roughly by economic weight), how strongly each
 * industry group sits there (tech in 高新区, factories in the zones and county towns), and roads
 * for addresses (real streets of the area).
 */
interface DistrictProfile {
  weight: number;
  affinity: Record<Group, number>;
  roads: string[];
}
const aff = (tech: number, hitech: number, mfg: number, build: number, commerce: number, logistics: number, service: number, estate: number, agri: number): Record<Group, number> =>
  ({ tech, hitech, mfg, build, commerce, logistics, service, estate, agri });
const roads = (text: string) => text.trim().split(/\s+/);

const DISTRICT_PROFILES: Record<string, DistrictProfile> = {
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
const DISTRICT_ADDRESS_NAMES: Record<string, string[]> = {
  "410171": ["郑州经济技术开发区", "郑州市经开区", "郑州市经济技术开发区"],
  "410172": ["郑州高新技术产业开发区", "郑州市高新区", "郑州市高新技术产业开发区"],
  "410173": ["郑州航空港经济综合实验区", "郑州航空港区", "河南省郑州航空港经济综合实验区"],
  "410104": ["郑州市管城回族区", "郑州市管城区", "河南省郑州市管城回族区"],
};

/** Where the demo parks are (863软件园 and 大学科技园 are at these real addresses). */
const PARK_SITES: Record<string, { road: string; number: number }> = {
  "P410172-01": { road: "翠竹街", number: 6 },
  "P410172-02": { road: "长椿路", number: 11 },
  "P410172-03": { road: "科学大道", number: 189 },
  "B410172-01": { road: "莲花街", number: 316 },
};

/** Roads crossing several districts: an address on them alone says nothing about the grid. */
const UNPLACEABLE_ROADS = roads("中州大道 京广快速路 农业快速路 陇海快速路 南三环 西四环 北三环 东三环 107国道辅道 郑汴路 航海路 商鼎路 天明路 沙口路 索凌路 三全路 大河路 连霍高速辅道 南四环 西三环 东风渠路 贾鲁河路");
const CITY_STEMS = "中原 二七 管城 金水 上街 惠济 中牟 巩义 荥阳 新密 新郑 登封 高新 经开 经济开发区 经济技术开发区 航空港 空港".split(" ");

/** Tags offices attach, and roughly when. */
const TAGS = ["重点企业", "上市后备", "总部企业", "外资企业", "招商引资", "出口企业"] as const;

/* ───────────────────────── the grid world ───────────────────────── */

interface Divisions {
  districts: { code: string; name: string; streets: { code: string; name: string; communities: [string, string][] }[] }[];
}

interface CommunityInfo {
  code: string;
  name: string;
  short: string;
  /** How an address writes it: 锦华苑社区 / 黄固寺村; empty when the name is too odd to write. */
  written: string;
  village: boolean;
  estates: string[];
}

interface StreetInfo {
  code: string;
  name: string;
  /** As an address writes it (zone prefix dropped). */
  written: string;
  communities: Weighted<CommunityInfo>;
  writable: CommunityInfo[];
}

interface DistrictInfo {
  code: string;
  name: string;
  profile: DistrictProfile;
  addressNames: string[];
  streets: Weighted<StreetInfo>;
  streetByCode: Map<string, StreetInfo>;
  industries: Weighted<IndustryDef & { sector: SizeSector }>;
  parks: Weighted<(typeof DEMO_PARKS)[number]>;
  hasParks: boolean;
}

interface World {
  districts: Weighted<DistrictInfo>;
  unplaceableRoads: string[];
  brands: Weighted<[string, string]>;
  surnames: Weighted<[string, string]>;
}

let world: World | null = null;

function loadWorld(): World {
  if (world) return world;
  const divisions: Divisions = JSON.parse(readFileSync(new URL("./divisions/zhengzhou.json", import.meta.url), "utf8"));
  const industries = INDUSTRIES.map((i) => ({ ...i, sector: sizeSectorOfCode(i.code) }));
  const estatesOf = new Map<string, string[]>();
  for (const e of DEMO_ESTATES) estatesOf.set(e.parentCode, [...(estatesOf.get(e.parentCode) ?? []), e.name]);

  const placeNames: string[] = [...CITY_STEMS];
  const districts = divisions.districts.map((d): DistrictInfo => {
    const profile = DISTRICT_PROFILES[d.code];
    if (!profile) throw new Error(`区县 ${d.code} ${d.name} 没有配置`);
    placeNames.push(d.name);
    const streets = d.streets.map((s): StreetInfo => {
      placeNames.push(s.name, shortName(s.name));
      const communities = s.communities.map(([code, name]): CommunityInfo => {
        const short = shortName(name);
        placeNames.push(short);
        const village = /村(民委员会|委会)?$/.test(name);
        // Names like 体育社区居民居委会 or 郑州火车站地区拟居委会 don't shorten into anything an address would say.
        const odd = short.length < 2 || /社区|居民|委员|管理|拟/.test(short);
        return { code, name, short, written: odd ? "" : short + (village ? "村" : "社区"), village, estates: estatesOf.get(code) ?? [] };
      });
      return {
        code: s.code,
        name: s.name,
        written: s.name.replace(/^郑州经济技术开发区/, ""),
        communities: new Weighted(communities, (c) => (c.village ? 1 : 2.5)),
        writable: communities.filter((c) => c.written),
      };
    });
    const streetWeight = (s: StreetInfo) => {
      const kind = /街道$/.test(s.name) ? 3 : /镇$/.test(s.name) ? 1 : /乡$/.test(s.name) ? 0.6 : /新区|集聚区/.test(s.name) ? 1.5 : 0.3;
      return kind * Math.sqrt(Math.max(1, s.communities.items.length));
    };
    const parks = DEMO_PARKS.filter((p) => p.parentCode.startsWith(d.code));
    const zone = DISTRICT_ADDRESS_NAMES[d.code];
    const county = /[县市]$/.test(d.name);
    return {
      code: d.code,
      name: d.name,
      profile,
      addressNames: zone ?? (county ? [d.name, `河南省${d.name}`, `郑州市${d.name}`] : [`郑州市${d.name}`, `郑州市${d.name}`, `河南省郑州市${d.name}`]),
      streets: new Weighted(streets, streetWeight),
      streetByCode: new Map(streets.map((s) => [s.code, s])),
      industries: new Weighted(industries, (i) => i.weight * profile.affinity[i.group] * (i.boost?.[d.code] ?? 1)),
      parks: new Weighted(parks, (p) => (p.kind === "PARK" ? 1 : 0.5)),
      hasParks: parks.length > 0,
    };
  });
  for (const p of DEMO_PARKS) placeNames.push(p.name);
  for (const e of DEMO_ESTATES) placeNames.push(e.name);
  const longNames = placeNames.filter((n) => n.length >= 2);
  // Keep only roads that contain no district, street, community, park or estate name.
  const unplaceableRoads = UNPLACEABLE_ROADS.filter((r) => !longNames.some((n) => r.includes(n)));
  world = {
    districts: new Weighted(districts, (d) => d.profile.weight),
    unplaceableRoads,
    brands: new Weighted(BRANDS, () => 1),
    surnames: new Weighted(SURNAMES, (s) => 1 / (SURNAMES.indexOf(s) + 4)),
  };
  return world;
}

/* ───────────────────────── helpers ───────────────────────── */

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** Money in 万元: two decimals, rounded down so a value never crosses a size threshold upwards. */
const money = (v: number) => (Math.floor(v * 100) / 100).toFixed(2);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * 工信部联企业〔2011〕300号 article 4, per sector: figures used, small floor, medium floor, and
 * the SME ceiling (the same table as app/companies/size.ts; the test checks the two agree).
 */
type Figure = "employees" | "revenue" | "totalAssets";
const band = (figures: Figure[], small: number[], medium: number[], ceiling: number[]) => ({ figures, small, medium, ceiling });
export const SIZE_THRESHOLDS: Record<SizeSector, ReturnType<typeof band>> = {
  AGRICULTURE: band(["revenue"], [50], [500], [20000]),
  INDUSTRY: band(["employees", "revenue"], [20, 300], [300, 2000], [1000, 40000]),
  CONSTRUCTION: band(["revenue", "totalAssets"], [300, 300], [6000, 5000], [80000, 80000]),
  WHOLESALE: band(["employees", "revenue"], [5, 1000], [20, 5000], [200, 40000]),
  RETAIL: band(["employees", "revenue"], [10, 100], [50, 500], [300, 20000]),
  TRANSPORT: band(["employees", "revenue"], [20, 200], [300, 3000], [1000, 30000]),
  WAREHOUSING: band(["employees", "revenue"], [20, 100], [100, 1000], [200, 30000]),
  POSTAL: band(["employees", "revenue"], [20, 100], [300, 2000], [1000, 30000]),
  ACCOMMODATION: band(["employees", "revenue"], [10, 100], [100, 2000], [300, 10000]),
  CATERING: band(["employees", "revenue"], [10, 100], [100, 2000], [300, 10000]),
  INFO_TRANSMISSION: band(["employees", "revenue"], [10, 100], [100, 1000], [2000, 100000]),
  SOFTWARE_IT: band(["employees", "revenue"], [10, 50], [100, 1000], [300, 10000]),
  REAL_ESTATE_DEVELOPMENT: band(["revenue", "totalAssets"], [100, 2000], [1000, 5000], [200000, 10000]),
  PROPERTY_MANAGEMENT: band(["employees", "revenue"], [100, 500], [300, 1000], [1000, 5000]),
  LEASING_BUSINESS: band(["employees", "totalAssets"], [10, 100], [100, 8000], [300, 120000]),
  OTHER: band(["employees"], [10], [100], [300]),
};

/** The size-rule sector of a 小类 code (GB/T 4754-2017 大类 ranges), for the codes above. */
export function sizeSectorOfCode(code: string): SizeSector {
  const division = Number(code.slice(0, 2));
  if (division <= 5) return "AGRICULTURE";
  if (division <= 46) return "INDUSTRY";
  if (division <= 50) return "CONSTRUCTION";
  if (division === 51) return "WHOLESALE";
  if (division === 52) return "RETAIL";
  if (division <= 58) return "TRANSPORT";
  if (division === 59) return code.startsWith("591") ? "TRANSPORT" : "WAREHOUSING";
  if (division === 60) return "POSTAL";
  if (division === 61) return "ACCOMMODATION";
  if (division === 62) return "CATERING";
  if (division <= 64) return "INFO_TRANSMISSION";
  if (division === 65) return "SOFTWARE_IT";
  if (code === "7010") return "REAL_ESTATE_DEVELOPMENT";
  if (code === "7020") return "PROPERTY_MANAGEMENT";
  if (division === 71 || division === 72) return "LEASING_BUSINESS";
  return "OTHER";
}

const SIZE_SHARES: [CompanySize, number][] = [["MICRO", 0.8], ["SMALL", 0.15], ["MEDIUM", 0.04], ["LARGE", 0.01]];

/** Revenue per employee (万元/人·年) and assets per revenue, for the figures a sector's rule doesn't fix. */
const PRODUCTIVITY: Record<SizeSector, number> = {
  AGRICULTURE: 25, INDUSTRY: 90, CONSTRUCTION: 70, WHOLESALE: 250, RETAIL: 60, TRANSPORT: 60, WAREHOUSING: 50,
  POSTAL: 30, ACCOMMODATION: 20, CATERING: 15, INFO_TRANSMISSION: 80, SOFTWARE_IT: 45, REAL_ESTATE_DEVELOPMENT: 400,
  PROPERTY_MANAGEMENT: 10, LEASING_BUSINESS: 60, OTHER: 30,
};
const ASSET_RATIO: Record<SizeSector, number> = {
  AGRICULTURE: 1.8, INDUSTRY: 1.1, CONSTRUCTION: 1.0, WHOLESALE: 0.5, RETAIL: 0.6, TRANSPORT: 1.3, WAREHOUSING: 2.2,
  POSTAL: 0.6, ACCOMMODATION: 3, CATERING: 0.6, INFO_TRANSMISSION: 1.2, SOFTWARE_IT: 0.9, REAL_ESTATE_DEVELOPMENT: 4,
  PROPERTY_MANAGEMENT: 0.6, LEASING_BUSINESS: 1.2, OTHER: 1.0,
};
/** Average yearly wage (万元), the base of unemployment insurance (1% employer + staff in Henan). */
const WAGE: Record<SizeSector, number> = {
  AGRICULTURE: 4.5, INDUSTRY: 7, CONSTRUCTION: 6.5, WHOLESALE: 6.5, RETAIL: 5, TRANSPORT: 6.5, WAREHOUSING: 5.5,
  POSTAL: 5.5, ACCOMMODATION: 5, CATERING: 4.5, INFO_TRANSMISSION: 11, SOFTWARE_IT: 12, REAL_ESTATE_DEVELOPMENT: 8,
  PROPERTY_MANAGEMENT: 4.8, LEASING_BUSINESS: 7, OTHER: 6.5,
};
/** 规模以上 (and 限额以上) revenue floors outside industry: 批发 2000, 零售 500, 住宿餐饮 200, services 1000–2000. */
const ABOVE_SCALE_FLOOR: Partial<Record<SizeSector, number>> = {
  WHOLESALE: 2000, RETAIL: 500, ACCOMMODATION: 200, CATERING: 200, TRANSPORT: 2000, WAREHOUSING: 2000, POSTAL: 2000,
  INFO_TRANSMISSION: 2000, SOFTWARE_IT: 2000, PROPERTY_MANAGEMENT: 1000, LEASING_BUSINESS: 1000, OTHER: 1000,
  REAL_ESTATE_DEVELOPMENT: 1000, CONSTRUCTION: 5000,
};
const ZONES = new Set(["410171", "410172", "410173"]);

/* ───────────────────────── one company ───────────────────────── */

type Industry = IndustryDef & { sector: SizeSector };

interface Figures {
  employees: number;
  revenue: number;
  totalAssets: number;
}

/** Figures that put the company in the intended size class for its sector (300号 thresholds). */
function sizeFigures(rng: Rng, industry: Industry, size: CompanySize): Figures {
  const rule = SIZE_THRESHOLDS[industry.sector];
  const p0 = rng.next(); // one position in the band for all figures, so they move together
  const banded: Partial<Figures> = {};
  rule.figures.forEach((figure, i) => {
    const [lo, hi] =
      size === "MICRO" ? [figure === "employees" ? 1 : rule.small[i] / 30, rule.small[i]]
      : size === "SMALL" ? [rule.small[i], rule.medium[i]]
      : size === "MEDIUM" ? [rule.medium[i], rule.ceiling[i]]
      : [rule.ceiling[i], rule.ceiling[i] * 6];
    const p = clamp(p0 + (rng.next() - 0.5) * 0.4, 0, 0.999);
    const v = lo * Math.pow(hi / lo, p);
    banded[figure] = figure === "employees" ? Math.min(Math.floor(v), Math.ceil(hi) - 1) : Math.floor(v * 100) / 100;
  });
  const prod = PRODUCTIVITY[industry.sector] * Math.exp(0.4 * rng.normal());
  const employees = banded.employees ?? Math.max(1, Math.round((banded.revenue ?? 0) / prod));
  const revenue = banded.revenue ?? Math.floor(employees * prod * 100) / 100;
  const totalAssets = banded.totalAssets ?? Math.max(1, Math.floor(revenue * ASSET_RATIO[industry.sector] * Math.exp(0.5 * rng.normal()) * 100) / 100);
  return { employees: Math.max(1, employees), revenue, totalAssets };
}

/** Founding date: small firms are mostly young; large ones were founded years ago. */
function foundingDate(rng: Rng, size: CompanySize, lastYear: number): { y: number; m: number; d: number } {
  const decay = size === "MICRO" ? 0.84 : size === "SMALL" ? 0.9 : 0.95;
  const minAge = size === "MEDIUM" || size === "LARGE" ? 3 : 0;
  const span = lastYear - 1995;
  let age = minAge + Math.floor(Math.log(1 - rng.next()) / Math.log(decay));
  if (age > span) age = rng.int(minAge, span);
  return { y: lastYear - age, m: rng.int(1, 12), d: rng.int(1, 28) };
}

interface Held {
  highTech: "current" | "expired" | null;
  techSme: boolean;
  srdi: boolean;
  parts: string[];
}

/** Qualifications with dates, in the import format: 高新技术企业(2023-11-01至2026-10-31)；… */
function qualifications(
  rng: Rng, industry: Industry, size: CompanySize, district: string, founded: string, foundedYear: number, lastYear: number, revenue: number,
): Held {
  const parts: string[] = [];
  const sme = size !== "LARGE";
  const rdFactor = { high: 1, mid: 0.35, low: 0.04, none: 0.008 }[industry.rd];
  const place = district === "410172" ? 2 : ZONES.has(district) ? 1.3 : district === "410105" ? 1 : 0.7;
  const scale = { MICRO: 0.55, SMALL: 1.7, MEDIUM: 2.5, LARGE: 2.5 }[size];
  // Issued (YYYY-MM-DD) no earlier than a year after founding, or not at all.
  const issue = (y: number, m: number, d: number) => {
    const date = ymd(y, m, d);
    return y <= lastYear && date > `${foundedYear + 1}${founded.slice(4)}` ? date : null;
  };
  const add = (label: string, start: string | null, years: number | null, end?: string) => {
    if (!start) return false;
    const y = Number(start.slice(0, 4));
    const to = end ?? (years === null ? "" : `${y + years}${start.slice(4, 8)}${pad2(Number(start.slice(8)) - 1)}`);
    parts.push(`${label}(${start}至${to})`);
    return true;
  };

  let highTech: Held["highTech"] = null;
  if (rng.chance(0.25 * rdFactor * place * scale)) {
    const current = rng.chance(0.85);
    const y = current ? lastYear - rng.int(0, 2) : lastYear - rng.int(4, 5);
    const [m, d] = [rng.int(10, 12), rng.int(2, 28)];
    // An older firm often shows the certificate it renewed.
    if (current && rng.chance(0.35)) add(QUALIFICATIONS.HIGH_TECH.label, issue(y - 3, m, d), 3);
    if (add(QUALIFICATIONS.HIGH_TECH.label, issue(y, m, d), 3)) highTech = current ? "current" : "expired";
  }
  let techSme = false;
  if (sme && rng.chance(highTech ? 0.75 : 0.5 * rdFactor * place * Math.min(scale, 1.5))) {
    const y = rng.chance(0.8) ? lastYear : lastYear - 1;
    techSme = add(QUALIFICATIONS.TECH_SME.label, issue(y, rng.int(3, 9), rng.int(2, 28)), null, `${y}-12-31`);
  }
  let srdi = false;
  const makesThings = industry.group === "hitech" || industry.group === "mfg" || industry.group === "tech";
  if (sme && rng.chance(0.065 * ((makesThings ? rdFactor : 0) + 0.1) * place * scale * (highTech ? 2 : 1))) {
    // 专精特新 builds on 创新型中小企业; a few go on to 国家级“小巨人”.
    const y = lastYear - rng.int(0, 3);
    add(QUALIFICATIONS.INNOVATIVE_SME.label, issue(y - rng.int(0, 1), rng.int(4, 10), rng.int(2, 28)), 3);
    srdi = add(QUALIFICATIONS.SRDI_SME.label, issue(y, rng.int(6, 12), rng.int(2, 28)), 3);
    if (srdi && rng.chance({ MEDIUM: 0.5, SMALL: 0.16, MICRO: 0.02, LARGE: 0 }[size])) {
      add(QUALIFICATIONS.LITTLE_GIANT.label, issue(lastYear - rng.int(0, 2), rng.int(7, 8), rng.int(2, 28)), 3);
    }
  } else if (sme && rng.chance(0.012 * (rdFactor + 0.1) * place * scale)) {
    add(QUALIFICATIONS.INNOVATIVE_SME.label, issue(lastYear - rng.int(0, 2), rng.int(4, 10), rng.int(2, 28)), 3);
  }
  const young = lastYear - foundedYear <= 10;
  if (young && size !== "MICRO" && rng.chance(0.24 * (rdFactor + 0.05) * place)) {
    add(QUALIFICATIONS.GAZELLE.label, issue(lastYear - (rng.chance(0.7) ? 0 : 1), rng.int(5, 11), rng.int(2, 28)), 1);
  }
  const floor = industry.sector === "INDUSTRY" ? 2000 : ABOVE_SCALE_FLOOR[industry.sector];
  const aboveScale = floor !== undefined && revenue >= floor && rng.chance(industry.sector === "INDUSTRY" ? 0.97 : 0.6);
  if (aboveScale && foundedYear < lastYear) {
    const since = rng.int(Math.max(2011, foundedYear + 1), lastYear);
    parts.push(`${QUALIFICATIONS.ABOVE_SCALE.label}(${since}-01-01至)`);
  }
  return { highTech, techSme, srdi, parts };
}

function tags(rng: Rng, industry: Industry, size: CompanySize, district: string, held: Held): string {
  const zone = ZONES.has(district);
  const factory = industry.group === "mfg" || industry.group === "hitech";
  const p: Record<(typeof TAGS)[number], number> = {
    重点企业: { LARGE: 0.7, MEDIUM: 0.3, SMALL: 0.04, MICRO: 0.003 }[size] + (held.highTech === "current" ? 0.1 : 0),
    上市后备: (size === "MEDIUM" || size === "LARGE") && industry.rd !== "none" ? 0.2 : held.srdi ? 0.15 : held.highTech ? 0.04 : 0,
    总部企业: { LARGE: 0.25, MEDIUM: 0.05, SMALL: 0, MICRO: 0 }[size],
    外资企业: zone ? 0.04 : 0.015,
    招商引资: zone ? 0.16 : 0.1,
    出口企业: factory ? 0.08 : industry.sector === "WHOLESALE" ? 0.03 : 0,
  };
  return TAGS.filter((t) => rng.chance(p[t])).join("、");
}

function personName(rng: Rng, w: World): { name: string; pinyin: [string, string] } {
  const [surname, sp] = w.surnames.pick(rng);
  const [g1, p1] = rng.pick(GIVEN);
  if (rng.chance(0.35)) return { name: surname + g1, pinyin: [sp, p1] };
  const [g2, p2] = rng.pick(GIVEN);
  return { name: surname + g1 + g2, pinyin: [sp, p1 + p2] };
}

function phone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, "0");
}

function email(rng: Rng, person: [string, string], domain: string, size: CompanySize): string {
  if (size === "MICRO" && rng.chance(0.35)) {
    if (rng.chance(0.4)) return `${rng.int(10_000_000, 2_999_999_999)}@qq.com`;
    return `${person[0]}${person[1]}${rng.int(1, 999)}@${rng.pick(["163.com", "126.com"])}`;
  }
  return `${person[0]}.${person[1]}@${domain}`;
}

function brand(rng: Rng, w: World): [string, string] {
  const [a, ap] = w.brands.pick(rng);
  const r = rng.next();
  if (r < 0.05) return [a, ap];
  if (r < 0.4) {
    const [t, tp] = rng.pick(BRAND_TAILS);
    return t === a[1] ? [a, ap] : [a + t, ap + tp];
  }
  const [b, bp] = w.brands.pick(rng);
  return b === a ? [a, ap] : [a + b, ap + bp];
}

function companyName(rng: Rng, district: DistrictInfo, brandName: string, industry: Industry, size: CompanySize): string {
  const county = /[县市]$/.test(district.name);
  const prefix =
    county && rng.chance(0.4) ? district.name
    : !county && !ZONES.has(district.code) && rng.chance(0.04) ? `郑州市${district.name}`
    : rng.pick(["郑州", "郑州", "郑州", "河南", "河南", "河南省", "郑州市"]);
  const joint = { LARGE: 0.35, MEDIUM: 0.2, SMALL: 0.04, MICRO: 0.005 }[size];
  const form = rng.chance(joint) ? "股份有限公司" : rng.chance(0.03) ? "有限责任公司" : "有限公司";
  return prefix + brandName + rng.pick(industry.words) + form;
}

function registeredCapital(rng: Rng, size: CompanySize): string {
  const choices = {
    MICRO: [10, 30, 50, 50, 100, 100, 100, 200, 300, 500, 500, 1000],
    SMALL: [100, 200, 300, 500, 500, 800, 1000, 1000, 2000, 3000, 5000],
    MEDIUM: [1000, 2000, 3000, 5000, 5000, 8000, 10000, 20000],
    LARGE: [5000, 10000, 20000, 30000, 50000, 100000, 200000],
  }[size];
  const base = rng.pick(choices);
  // Now and then an odd figure, as when capital was raised.
  return String(rng.chance(0.12) ? Math.max(1, Math.round(base * rng.between(0.5, 1.6))) : base);
}

/** House number plus, by kind of business, a unit: office room, workshop or shop front. */
function premises(rng: Rng, industry: Industry): string {
  const no = `${rng.int(1, 300)}号`;
  const floor = rng.int(1, 28);
  const room = `${floor}${pad2(rng.int(1, 20))}`;
  const r = rng.next();
  if (industry.group === "mfg" || industry.group === "hitech") {
    return no + (r < 0.5 ? "" : r < 0.75 ? `${rng.int(1, 6)}号厂房` : rng.pick(["院内", "厂区", "办公楼"]));
  }
  if (industry.sector === "RETAIL" || industry.sector === "CATERING" || industry.sector === "ACCOMMODATION") {
    return (r < 0.3 ? `附${rng.int(1, 30)}号` : no) + (r < 0.6 ? "" : r < 0.8 ? `${rng.int(1, 20)}号商铺` : "一层商铺");
  }
  return no + (r < 0.35 ? "" : r < 0.6 ? `${rng.pick(["A", "B", "C", "D"])}座${room}室` : r < 0.8 ? `${rng.int(1, 12)}号楼${floor}层${rng.int(1, 20)}号` : `${room}室`);
}

/**
 * Does this address name `target` so that placement (app/grids/placement.ts, inText) picks it
 * among its street's communities: the longest name found wins, ties find nothing.
 */
function placesUniquely(address: string, street: StreetInfo, target: CommunityInfo): boolean {
  let best = 0;
  let bestIsTarget = false;
  for (const c of street.communities.items) {
    const hit = address.includes(c.name) ? c.name.length : c.short.length >= 2 && address.includes(c.short) ? c.short.length : 0;
    if (hit > best) [best, bestIsTarget] = [hit, c === target];
    else if (hit === best && hit > 0) bestIsTarget = false;
  }
  return bestIsTarget;
}

interface Where {
  district: DistrictInfo;
  street: StreetInfo;
  community: CommunityInfo;
  park: (typeof DEMO_PARKS)[number] | null;
  industry: Industry;
  unplaceable: boolean;
  inAddress: boolean;
}

/**
 * The registered address: district as written + (street) + (community) + road, number, unit.
 * When the community should be read from the address but no wording names it unambiguously,
 * the row names the community in its column instead (inAddress comes back false).
 */
function buildAddress(rng: Rng, w: World, where: Where): { address: string; inAddress: boolean } {
  const { district, street, community, park, industry } = where;
  if (where.unplaceable) {
    const [a, b] = [rng.pick(w.unplaceableRoads), rng.pick(w.unplaceableRoads)];
    const city = rng.pick(["郑州市", "郑州市", "河南省郑州市"]);
    const corner = a !== b && rng.chance(0.3);
    return { address: corner ? `${city}${a}与${b}交叉口${rng.pick(["东北角", "西南角", "向东200米", "路北"])}` : city + a + premises(rng, industry), inAddress: false };
  }
  const prefix = rng.pick(district.addressNames);
  const site = park ? PARK_SITES[park.code] : undefined;
  const road = site?.road ?? rng.pick(district.profile.roads);
  const estate = !park && community.estates.length && rng.chance(0.5) ? rng.pick(community.estates) : "";
  const spot = park
    ? `${site?.number ?? rng.int(1, 300)}号${park.name}` + (park.kind === "PARK" ? `${rng.int(1, 18)}号楼${rng.int(1, 12)}${pad2(rng.int(1, 20))}室` : `${rng.int(2, 28)}层${rng.int(1, 20)}号`)
    : estate ? `${rng.int(1, 300)}号${estate}${rng.int(1, 12)}号楼${rng.int(1, 18)}${pad2(rng.int(1, 4))}室`
    : premises(rng, industry);
  const villageGroup = community.village && community.written && !park && rng.chance(0.5) ? `${rng.int(1, 12)}组` : "";

  if (where.inAddress) {
    const tries = [
      `${prefix}${street.written}${community.written}${villageGroup || road + spot}`,
      `${prefix}${street.written}${community.written}${rng.int(1, 200)}号`,
    ];
    const found = tries.find((a) => placesUniquely(a, street, community));
    if (found) return { address: found, inAddress: true };
  }
  if (villageGroup) return { address: `${prefix}${street.written}${community.written}${villageGroup}`, inAddress: false };
  return { address: `${prefix}${rng.chance(0.25) ? street.written : ""}${road}${spot}`, inAddress: false };
}

/* ───────────────────────── the generator ───────────────────────── */

/** Serials of the named demo companies (seed/demo-companies.ts, which uses app path aliases). */
export const RESERVED_SERIALS = [57935265, 61204418, 73310052, 41877310, 39015627, 28810463];

/**
 * Serial numbers for 统一社会信用代码: i → (i·M + offset) mod 10⁸ is one-to-one (M is coprime to
 * 10⁸), so codes never repeat and don't look sequential. Serials of the hand-written demo
 * companies are swapped for ones from the far end of the sequence, which no run reaches.
 */
function serials(seed: number): (i: number) => number {
  const M = 7_368_787;
  const offset = Math.floor(mulberry32(seed ^ 0x5bd1e995)() * 1e8);
  const at = (i: number) => (i * M + offset) % 1e8;
  const reserved = RESERVED_SERIALS;
  return (i) => {
    const s = at(i);
    const k = reserved.indexOf(s);
    return k < 0 ? s : at(1e8 - 1 - k);
  };
}

export function* generateRegistryRows(options: RegistryOptions): Generator<ImportRow> {
  const { count, seed = 1, year = 2025 } = options;
  if (count > 1e7) throw new Error("最多生成 1000 万行");
  const w = loadWorld();
  const rng = new Rng(mulberry32(seed));
  const serialOf = serials(seed);
  const lastYear = Math.min(year, 2025); // no date after 2025-12-31

  for (let i = 0; i < count; i++) {
    // Where: 85% name the community, 10% only write it into the address, 5% can't be placed.
    // (A few in-address rows fall back to naming the community when no wording is unambiguous.)
    const mode = rng.next();
    const unplaceable = mode < 0.05;
    let inAddress = !unplaceable && mode < 0.167;
    const district = w.districts.pick(rng);
    const industry = district.industries.pick(rng);
    const techy = industry.group === "tech" || industry.group === "hitech";
    const park = !unplaceable && district.hasParks && rng.chance(techy ? 0.19 : 0.07) ? district.parks.pick(rng) : null;
    const street = park ? district.streetByCode.get(park.parentCode)! : district.streets.pick(rng);
    let community = street.communities.pick(rng);
    if (inAddress && !community.written) {
      if (street.writable.length) community = rng.pick(street.writable);
      else inAddress = false;
    }

    // Who and how big.
    let r = rng.next();
    const size = SIZE_SHARES.find(([, share]) => (r -= share) < 0)?.[0] ?? "MICRO";
    const fig = sizeFigures(rng, industry, size);
    const f = foundingDate(rng, size, lastYear);
    const founded = ymd(f.y, f.m, f.d);
    if (size === "MICRO" && f.y === lastYear && rng.chance(0.3)) fig.revenue = 0; // not trading yet
    const held = qualifications(rng, industry, size, district.code, founded, f.y, lastYear, fig.revenue);

    // Indicators: R&D and science staff follow the industry, and 高企 mostly meet the criteria.
    const { employees, revenue } = fig;
    let rdRatio =
      industry.rd === "high" ? rng.between(0.01, 0.08)
      : industry.rd === "mid" ? rng.between(0.003, 0.04)
      : industry.rd === "low" ? (rng.chance(0.5) ? 0 : rng.between(0, 0.01))
      : rng.chance(0.9) ? 0 : rng.between(0, 0.005);
    if (held.highTech === "current") {
      const required = revenue < 5000 ? 0.05 : revenue <= 20000 ? 0.04 : 0.03;
      rdRatio = rng.chance(0.85) ? Math.min(0.1, required + rng.between(0, 0.03)) : required * rng.between(0.5, 1);
    } else if (held.techSme) rdRatio = Math.max(rdRatio, rng.between(0.03, 0.07));
    let science =
      industry.rd === "high" ? employees * rng.between(0.15, 0.7)
      : industry.rd === "mid" ? employees * rng.between(0.03, 0.2)
      : industry.rd === "low" ? employees * rng.between(0, 0.05)
      : 0;
    if ((held.highTech === "current" || held.techSme) && rng.chance(0.9)) science = Math.max(science, Math.ceil(employees * rng.between(0.1, 0.3)));
    const htShare =
      held.highTech === "current" ? (rng.chance(0.85) ? rng.between(0.6, 0.95) : rng.between(0.3, 0.6))
      : industry.rd === "high" ? rng.between(0, 0.7)
      : industry.rd === "mid" && rng.chance(0.5) ? rng.between(0, 0.4)
      : 0;
    const reportsHighTech = held.highTech !== null || industry.rd === "high" || industry.rd === "mid";

    const insured = size === "MICRO" && rng.chance(0.08) ? 0 : Math.min(employees, Math.round(employees * rng.between(0.6, 1.0)));
    let months = insured === 0 ? 0 : rng.chance(0.87) ? 12 : rng.int(6, 11);
    if (f.y === lastYear && year === lastYear) months = Math.min(months, 13 - f.m); // founded this year
    const wage = Math.max(4.2, WAGE[industry.sector] * rng.between(0.8, 1.25));
    const insurancePaid = insured === 0 ? 0 : Math.max(0.01, (insured * wage * 0.01 * months) / 12);
    const layoffs = insured === 0 || !rng.chance(insured < 5 ? 0.04 : 0.2) ? 0 : Math.min(insured, Math.max(1, Math.round(insured * rng.between(0, 0.12))));

    // Names and contacts.
    const [brandName, brandPinyin] = brand(rng, w);
    const legal = personName(rng, w);
    const contact = size === "MICRO" && rng.chance(0.5) ? legal : personName(rng, w);
    const domain = brandPinyin + rng.pick([".com.cn", ".com.cn", ".com", ".cn"]);

    const located = buildAddress(rng, w, { district, street, community, park, industry, unplaceable, inAddress });
    inAddress = located.inAddress;
    const address = located.address;

    const row: ImportRow = {
      [C.uscc]: makeUscc(district.code, serialOf(i)),
      [C.name]: companyName(rng, district, brandName, industry, size),
      [C.legalRep]: legal.name,
      [C.registeredAt]: founded,
      [C.registeredCapital]: registeredCapital(rng, size),
      [C.address]: address,
      [C.district]: unplaceable ? "" : district.name,
      [C.street]: unplaceable ? "" : street.name,
      [C.community]: unplaceable || inAddress ? "" : community.name,
      [C.park]: park?.name ?? "",
      [C.contactName]: contact.name,
      [C.contactPhone]: phone(rng),
      [C.contactEmail]: email(rng, contact.pinyin, domain, size),
      [C.industryCode]: industry.code,
      [C.businessScope]: industry.scope + (rng.chance(0.1) ? "；货物进出口；技术进出口" : ""),
      [C.tags]: tags(rng, industry, size, district.code, held),
      [C.qualifications]: held.parts.join("；"),
      [C.year]: String(year),
      [C.revenue]: money(revenue),
      [C.rdExpense]: money(revenue * rdRatio),
      [C.taxPaid]: money(revenue * rng.between(0.03, 0.08)),
      [C.totalAssets]: money(fig.totalAssets),
      [C.highTechRevenue]: reportsHighTech ? money(revenue * htShare) : "",
      [C.employees]: String(employees),
      [C.insuredStaff]: String(insured),
      [C.scienceStaff]: String(Math.min(employees, Math.round(science))),
      [C.unemploymentInsurancePaid]: money(insurancePaid),
      [C.insuranceMonthsPaid]: String(months),
      [C.layoffs]: String(layoffs),
    };
    yield row;
  }
}
