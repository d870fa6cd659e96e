/**
 * Word lists and the industry table the demo registry generator draws from
 * (seed/registry-generator.ts): brand words, names, phone prefixes and ~100 real GB/T 4754-2017
 * 小类 with the words their company names use.
 */
/* ───────────────────────── tables ───────────────────────── */

/** "字:pinyin" pairs; the pinyin feeds e-mail addresses, which must stay ASCII. */
export const pairs = (text: string): [string, string][] =>
  text.trim().split(/\s+/).map((p) => p.split(":") as [string, string]);

// Brand words (字号). Combined two at a time, or with a tail character, so names rarely repeat.
export const BRANDS = pairs(`
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
export const BRAND_TAILS = pairs("达:da 通:tong 源:yuan 盛:sheng 泰:tai 诚:cheng 瑞:rui 兴:xing 德:de 信:xin 恒:heng 丰:feng 利:li 康:kang 安:an 和:he 宏:hong 佳:jia 鑫:xin 华:hua 远:yuan 成:cheng 森:sen 博:bo 润:run 昌:chang 隆:long 辰:chen 晟:sheng 宸:chen 骏:jun");

// Common surnames, most frequent first (weights fall with rank); Henan favourites included.
export const SURNAMES = pairs(`
  王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 赵:zhao 郭:guo 黄:huang 周:zhou 吴:wu 徐:xu 孙:sun 马:ma
  朱:zhu 胡:hu 高:gao 宋:song 郑:zheng 何:he 林:lin 罗:luo 梁:liang 谢:xie 韩:han 唐:tang 冯:feng 董:dong
  曹:cao 许:xu 邓:deng 任:ren 常:chang 闫:yan 田:tian 彭:peng 曾:zeng 肖:xiao 袁:yuan 潘:pan 蔡:cai 蒋:jiang
  于:yu 杜:du 程:cheng 魏:wei 苏:su 吕:lv 丁:ding 卢:lu 姚:yao 沈:shen 崔:cui 姜:jiang 范:fan 贾:jia
  付:fu 白:bai 孟:meng 秦:qin 侯:hou 尹:yin 薛:xue 段:duan 雷:lei 史:shi 牛:niu 申:shen 岳:yue 武:wu
`);
export const GIVEN = pairs(`
  伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan
  涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 英:ying 华:hua 建:jian 国:guo 红:hong 玲:ling
  鹏:peng 辉:hui 宇:yu 浩:hao 凯:kai 晨:chen 博:bo 文:wen 斌:bin 亮:liang 峰:feng 波:bo 俊:jun 欣:xin
  婷:ting 雪:xue 琳:lin 晶:jing 颖:ying 慧:hui 佳:jia 鑫:xin 海:hai 志:zhi 新:xin 永:yong 春:chun 怡:yi
  倩:qian 丹:dan 瑞:rui 阳:yang 帅:shuai 琦:qi 晓:xiao 子:zi 梓:zi 涵:han 睿:rui 泽:ze 思:si 雨:yu
  嘉:jia 萌:meng 航:hang 振:zhen 卫:wei 东:dong 立:li 成:cheng 金:jin 云:yun 利:li 民:min 庆:qing
  亚:ya 琴:qin 燕:yan 璐:lu 冰:bing 昊:hao 旭:xu 毅:yi 飞:fei
`);

export const PHONE_PREFIXES = "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 180 181 182 183 185 186 187 188 189 191 193 195 198 199".split(" ");

export type Group = "tech" | "hitech" | "mfg" | "build" | "commerce" | "logistics" | "service" | "estate" | "agri";
/** How much R&D the industry does: drives R&D expense, science staff and qualifications. */
export type Rd = "high" | "mid" | "low" | "none";

export interface IndustryDef {
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

export const ind = (code: string, name: string, group: Group, rd: Rd, weight: number, words: string, scope: string, boost?: Record<string, number>): IndustryDef =>
  ({ code, name, group, rd, weight, words: words.split("|"), scope, boost });

/** Real GB/T 4754-2017 小类 (checked against seed/industries/gbt4754-2017.json in the test). */
export const INDUSTRIES: IndustryDef[] = [
  // 软件、信息技术和科技服务
  ind("6513", "应用软件开发", "tech", "high", 4.5, "软件|信息技术|网络科技|智能科技", "应用软件开发；软件销售；信息系统运行维护服务；技术咨询、技术服务"),
  ind("6511", "基础软件开发", "tech", "high", 0.8, "软件|软件技术", "基础软件开发；数据库软件开发；软件销售"),
  ind("6531", "信息系统集成服务", "tech", "high", 3, "信息技术|数字科技|智能科技", "信息系统集成服务；计算机网络工程；安全技术防范系统设计施工；计算机软硬件销售"),
  ind("6532", "物联网技术服务", "tech", "high", 1.5, "物联网科技|智能科技", "物联网技术服务；物联网设备销售；智能控制系统集成"),
  ind("6520", "集成电路设计", "tech", "high", 0.6, "微电子|半导体科技", "集成电路设计；集成电路芯片及产品销售；技术进出口"),
  ind("6550", "信息处理和存储支持服务", "tech", "high", 1.5, "数据科技|云计算科技", "数据处理和存储支持服务；云计算服务；大数据服务"),
  ind("6560", "信息技术咨询服务", "tech", "high", 1.5, "信息技术|数字科技", "信息技术咨询服务；数字化转型咨询；软件开发"),
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
  ind("5165", "建材批发", "commerce", "none", 3, "建材|建材贸易", "建筑材料销售；建筑装饰材料销售；五金产品批发"),
  ind("5174", "五金产品批发", "commerce", "none", 1.8, "五金机电|五金", "五金产品批发；机械设备销售；电线电缆经营"),
  ind("5175", "电气设备批发", "commerce", "none", 1, "电气设备|机电设备", "电气设备销售；电力电子元器件销售；仪器仪表销售"),
  ind("5176", "计算机、软件及辅助设备批发", "commerce", "none", 1.3, "电子设备|计算机设备", "计算机软硬件及辅助设备批发；办公设备销售；通讯设备销售"),
  ind("5193", "互联网批发", "commerce", "none", 0.9, "电子商务|供应链", "互联网销售（除销售需要许可的商品）；供应链管理服务"),
  ind("5199", "其他未列明批发业", "commerce", "none", 8, "商贸|贸易|实业", "日用百货销售；化工产品销售（不含许可类化工产品）；金属材料销售；货物进出口"),
  ind("5211", "百货零售", "commerce", "none", 0.7, "百货|商业管理", "日用百货销售；商业综合体管理服务；柜台、摊位出租"),
  ind("5212", "超级市场零售", "commerce", "none", 2, "超市|商贸", "食品销售；日用百货销售；烟草制品零售"),
  ind("5251", "西药零售", "commerce", "none", 1.2, "大药房|医药", "药品零售；第二类医疗器械销售；保健食品销售"),
  ind("5261", "汽车新车零售", "commerce", "none", 0.9, "汽车销售服务|汽车销售", "汽车新车销售；二手车经纪；机动车修理和维护"),
  ind("5292", "互联网零售", "commerce", "none", 3, "电子商务|网络科技", "互联网销售（除销售需要许可的商品）；食品互联网销售；直播电商服务"),
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

