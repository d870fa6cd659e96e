import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Relevance over the 27 seed policies (the shared test database, read only), through the
// portal's own search function against a real Meilisearch started here on a free port.
const { embedded } = await vi.hoisted(async () => {
  const { startEmbeddedMeili } = await import("~/search/embedded-meili.server");
  const embedded = await startEmbeddedMeili({ dataDir: `${process.env.QQ_TEST_DIR}/relevance-meili-${process.pid}`, preferredPort: 17800 });
  process.env.MEILI_HOST = embedded.host;
  process.env.MEILI_MASTER_KEY = embedded.masterKey;
  return { embedded };
});

import type { Actor } from "~/auth/actor";
import { actorFor } from "~/auth/actor.server";
import { rebuildPolicyIndex } from "~/search/policy-sync.server";
import { searchPolicies } from "~/search/policy-search.server";
import { MARK_END, MARK_START } from "~/search/search-types";

/** Statuses are computed for a fixed day so expectations do not drift as policies expire. */
const TODAY = "2026-11-23";
let actor: Actor;

beforeAll(async () => {
  actor = await actorFor("qiye");
  expect((await rebuildPolicyIndex({ today: TODAY })).documents).toBe(27);
});

afterAll(async () => {
  await embedded.stop();
  await fs.rm(`${process.env.QQ_TEST_DIR}/relevance-meili-${process.pid}`, { recursive: true, force: true });
});

async function top(q: string) {
  const result = await searchPolicies({ actor, params: new URLSearchParams({ q }), today: TODAY });
  expect(result.mode).toBe("meili");
  return result;
}

/**
 * What a person typing the query should see: `expect` are the policies that must all be among the
 * first `within` results (default: as many as are expected), `first` the one that must lead.
 */
interface Case {
  q: string;
  why: string;
  expect: string[];
  within?: number;
  first?: string;
}

const CASES: Case[] = [
  // Colloquial questions and abbreviations (synonyms, stop words).
  { q: "高企奖励", why: "高企 = 高新技术企业; 奖励 ≈ 补助/奖补", expect: ["keji-qiye-yanfa-feiyong-houbuzhu", "gaoqi-shouci-rending-jiangbu-2019"], within: 4 },
  { q: "研发补贴", why: "补贴 ≈ 后补助", first: "keji-qiye-yanfa-feiyong-houbuzhu", expect: ["keji-qiye-yanfa-feiyong-houbuzhu", "zhengzhou-xinxing-yanfa-jigou-houbuzhu"] },
  { q: "招工补助", why: "招工 = 吸纳就业 / 扩岗", expect: ["gaoxinqu-zhongxiaowei-shebao-butie", "yicixing-kuogang-buzhu"] },
  { q: "上市奖励多少钱", why: "多少钱 is a stop word", first: "shangshi-guapai-qianqi-zhanyi-jiangli", expect: ["shangshi-guapai-qianqi-zhanyi-jiangli"] },
  { q: "招高校毕业生有补贴吗", why: "a whole question; 招 matches nothing but the rest does", expect: ["gaoxinqu-zhongxiaowei-shebao-butie", "yicixing-kuogang-buzhu"], within: 3 },
  { q: "稳岗", why: "稳岗 = 稳岗返还", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "稳岗返还", why: "the title", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "失业保险返还", why: "words of the title apart", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "社保补贴", why: "社保补贴 = 社会保险补贴", first: "gaoxinqu-zhongxiaowei-shebao-butie", expect: ["gaoxinqu-zhongxiaowei-shebao-butie"] },
  { q: "小巨人", why: "小巨人 = 专精特新小巨人", expect: ["zhuanjingtexin-rending-jiangli", "henan-youzhi-zhongxiao-qiye-tidu-peiyu"] },
  { q: "专精特新", why: "the title", expect: ["zhuanjingtexin-rending-jiangli", "henan-youzhi-zhongxiao-qiye-tidu-peiyu"] },
  { q: "科小", why: "科小 = 科技型中小企业", first: "erqiqu-keji-xing-zhongxiao-qiye-ruku-jiangli", expect: ["erqiqu-keji-xing-zhongxiao-qiye-ruku-jiangli", "keji-qiye-yanfa-feiyong-houbuzhu"] },
  { q: "小升规", why: "小升规 = 首次入统", expect: ["guishang-gongye-shouci-rutong-jiangli", "guishang-fuwuye-shouci-rutong-jiangli"] },
  { q: "规上服务业奖励", why: "规上 = 规模以上", first: "guishang-fuwuye-shouci-rutong-jiangli", expect: ["guishang-fuwuye-shouci-rutong-jiangli"] },
  { q: "专利奖励", why: "专利 ≈ 知识产权", first: "gaoxinqu-zhishi-chanquan-shifan-youshi-qiye-jiangli", expect: ["gaoxinqu-zhishi-chanquan-shifan-youshi-qiye-jiangli"] },
  { q: "小微企业减税", why: "减税 = 税收优惠 / 减免", first: "xiaoxing-weili-qiye-shuifei-youhui", expect: ["xiaoxing-weili-qiye-shuifei-youhui"] },
  { q: "贷款贴息", why: "贴息 = 财政贴息", first: "xiaowei-qiye-chuangye-danbao-daikuan-tiexi", expect: ["xiaowei-qiye-chuangye-danbao-daikuan-tiexi"] },
  { q: "工信局", why: "工信局 = 工业和信息化局/厅 (issuer)", expect: ["guishang-gongye-shouci-rutong-jiangli", "henan-youzhi-zhongxiao-qiye-tidu-peiyu", "zhengzhou-shiji-qiye-jishu-zhongxin-rending"], within: 4 },
  { q: "科技局的政策", why: "科技局 = 科学技术局; 的, 政策 are stop words", expect: ["gaoqi-houbei-peiyu-ruku", "keji-qiye-yanfa-feiyong-houbuzhu", "zhengzhou-xinxing-yanfa-jigou-houbuzhu"] },
  // Names of programmes.
  { q: "瞪羚企业", why: "title", first: "gaoxinqu-dengling-qiye-jiangli", expect: ["gaoxinqu-dengling-qiye-jiangli"] },
  { q: "单项冠军", why: "title", first: "zhizaoye-danxiang-guanjun-jiangli", expect: ["zhizaoye-danxiang-guanjun-jiangli"] },
  { q: "绿色工厂", why: "title", first: "zhengzhou-lvse-xilie-shifan-jiangli", expect: ["zhengzhou-lvse-xilie-shifan-jiangli"] },
  { q: "首台套", why: "首台套 = 首台（套）", first: "shoutaotao-zhongda-jishu-zhuangbei-jiangli", expect: ["shoutaotao-zhongda-jishu-zhuangbei-jiangli"] },
  { q: "孵化器税收", why: "title words", first: "keji-fuhuaqi-zhongchuang-kongjian-shuishou-youhui-2019", expect: ["keji-fuhuaqi-zhongchuang-kongjian-shuishou-youhui-2019"] },
  { q: "出口信用保险", why: "title", first: "henan-chukou-xinyong-baoxian-zhichi-2020", expect: ["henan-chukou-xinyong-baoxian-zhichi-2020"] },
  { q: "加计扣除", why: "title", first: "yanfa-feiyong-jiaji-kouchu", expect: ["yanfa-feiyong-jiaji-kouchu"] },
  { q: "六税两费", why: "title, kept as one word", first: "xiaoxing-weili-qiye-shuifei-youhui", expect: ["xiaoxing-weili-qiye-shuifei-youhui"] },
  { q: "扩岗补助", why: "title", expect: ["yicixing-kuogang-buzhu"], within: 2 },
  { q: "留工培训", why: "title", first: "yicixing-liugong-peixun-buzhu-2022", expect: ["yicixing-liugong-peixun-buzhu-2022"] },
  { q: "技术中心认定", why: "title words", first: "zhengzhou-shiji-qiye-jishu-zhongxin-rending", expect: ["zhengzhou-shiji-qiye-jishu-zhongxin-rending"] },
  { q: "新型研发机构", why: "title", first: "zhengzhou-xinxing-yanfa-jigou-houbuzhu", expect: ["zhengzhou-xinxing-yanfa-jigou-houbuzhu"] },
  { q: "梯度培育", why: "title", first: "henan-youzhi-zhongxiao-qiye-tidu-peiyu", expect: ["henan-youzhi-zhongxiao-qiye-tidu-peiyu"] },
  { q: "营收增长", why: "title", first: "zhizaoye-xinxing-lingyu-zengzhang-jiangli", expect: ["zhizaoye-xinxing-lingyu-zengzhang-jiangli"] },
  { q: "创业担保贷款", why: "title", first: "xiaowei-qiye-chuangye-danbao-daikuan-tiexi", expect: ["xiaowei-qiye-chuangye-danbao-daikuan-tiexi"] },
  { q: "上市辅导备案", why: "a clause name", first: "shangshi-guapai-qianqi-zhanyi-jiangli", expect: ["shangshi-guapai-qianqi-zhanyi-jiangli"] },
  { q: "IPO", why: "IPO = 上市", first: "shangshi-guapai-qianqi-zhanyi-jiangli", expect: ["shangshi-guapai-qianqi-zhanyi-jiangli"] },
  { q: "二七区科技型", why: "district and programme", first: "erqiqu-keji-xing-zhongxiao-qiye-ruku-jiangli", expect: ["erqiqu-keji-xing-zhongxiao-qiye-ruku-jiangli"] },
  // 文号 and the pinyin policy id.
  { q: "豫政〔2023〕33号", why: "文号", first: "shoutaotao-zhongda-jishu-zhuangbei-jiangli", expect: ["shoutaotao-zhongda-jishu-zhuangbei-jiangli"] },
  { q: "郑政文〔2024〕45号", why: "文号", first: "shangshi-guapai-qianqi-zhanyi-jiangli", expect: ["shangshi-guapai-qianqi-zhanyi-jiangli"] },
  // Pinyin and initials (pinyin.ts): as the Chinese words would find, in force first like them.
  // Was within 2 through the policy id alone; the pinyin of 高企 now also finds the clause
  // 高新技术企业研发费用后补助 (in force), as the Chinese 高企 does, ahead of the expired 2019 policy.
  { q: "gaoqi", why: "pinyin of 高企 (abbreviation of titles and clause names), and the policy id", expect: ["gaoqi-houbei-peiyu-ruku", "gaoqi-shouci-rending-jiangbu-2019"], within: 3 },
  { q: "gqrd", why: "initials of 高企认定, no title says: 高企 spelled out, rd a prefix of 认定…", expect: ["gaoqi-houbei-peiyu-ruku", "gaoqi-shouci-rending-jiangbu-2019"], within: 3 },
  { q: "gaoqirending", why: "pinyin of 高企认定 as one word", expect: ["gaoqi-houbei-peiyu-ruku", "gaoqi-shouci-rending-jiangbu-2019"], within: 3 },
  { q: "gxjsqy", why: "initials of 高新技术企业 in titles", expect: ["gaoqi-houbei-peiyu-ruku", "gaoqi-shouci-rending-jiangbu-2019"], within: 3 },
  { q: "gaoxin jishu", why: "pinyin typed with spaces", expect: ["gaoqi-houbei-peiyu-ruku", "gaoqi-shouci-rending-jiangbu-2019"], within: 3 },
  { q: "zjtx", why: "initials of 专精特新", first: "zhuanjingtexin-rending-jiangli", expect: ["zhuanjingtexin-rending-jiangli", "henan-youzhi-zhongxiao-qiye-tidu-peiyu"] },
  { q: "wengang", why: "pinyin of 稳岗", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "wgfh", why: "initials of 稳岗返还", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "shiyebaox", why: "pinyin of a title's start, still being typed", expect: ["shiye-baoxian-wengang-fanhuan", "shiye-baoxian-wengang-fanhuan-2021-2022"] },
  { q: "dengling", why: "pinyin of 瞪羚", first: "gaoxinqu-dengling-qiye-jiangli", expect: ["gaoxinqu-dengling-qiye-jiangli"] },
  { q: "lvsegongchang", why: "pinyin of 绿色工厂 (ü typed as v)", first: "zhengzhou-lvse-xilie-shifan-jiangli", expect: ["zhengzhou-lvse-xilie-shifan-jiangli"] },
  { q: "kexiao", why: "pinyin of 科小 = 科技型中小企业", expect: ["erqiqu-keji-xing-zhongxiao-qiye-ruku-jiangli", "keji-qiye-yanfa-feiyong-houbuzhu"] },
  { q: "zzsrd", why: "initials of a title's words (郑州市认定), not read as 资助", first: "zhengzhou-shiji-qiye-jishu-zhongxin-rending", expect: ["zhengzhou-shiji-qiye-jishu-zhongxin-rending"] },
  { q: "sbbt", why: "initials of 社保补贴 = 社会保险补贴", first: "gaoxinqu-zhongxiaowei-shebao-butie", expect: ["gaoxinqu-zhongxiaowei-shebao-butie"] },
];

describe("relevance of the seed policies", () => {
  it("has at least 30 queries", () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  for (const c of CASES) {
    it(`“${c.q}”: ${c.why}`, async () => {
      const ids = (await top(c.q)).hits.map((h) => h.id);
      if (c.first) expect(ids[0]).toBe(c.first);
      expect(ids.slice(0, c.within ?? c.expect.length)).toEqual(expect.arrayContaining(c.expect));
    });
  }

  it("puts policies in force before expired ones among equally good matches", async () => {
    for (const q of ["补贴", "失业保险", "奖励"]) {
      const statuses = (await top(q)).hits.map((h) => (h.status === "有效" ? 0 : 1));
      expect([...statuses].sort(), q).toEqual(statuses);
    }
  });

  it("highlights what matched, synonyms included", async () => {
    const [hit] = (await top("社保补贴")).hits;
    expect(hit.title).toContain(`${MARK_START}社会保险补贴`);
  });

  it("highlights the Chinese that pinyin stands for, and keeps titles in Chinese", async () => {
    const [wengang] = (await top("wengang")).hits;
    expect(wengang.title).toContain(`${MARK_START}稳岗返还${MARK_END}`);
    expect(wengang.clauses.length).toBeGreaterThan(0);
    const zjtx = (await top("zjtx")).hits.find((h) => h.id === "zhuanjingtexin-rending-jiangli")!;
    expect(zjtx.title).toBe(`${MARK_START}专精特新${MARK_END}企业认定奖励`);
    const gqrd = (await top("gqrd")).hits.find((h) => h.id === "gaoqi-houbei-peiyu-ruku")!;
    expect(gqrd.title).toContain(`${MARK_START}高新技术企业${MARK_END}`);
    expect(gqrd.title).toContain(`${MARK_START}认定${MARK_END}`);
    // A Chinese query is marked by Meilisearch alone, as before.
    expect((await top("稳岗返还")).hits[0].title).toContain(`${MARK_START}稳岗返还${MARK_END}`);
  });

  it("spells out pinyin beside Chinese words without calling the match partial", async () => {
    const result = await top("gqrd 奖励");
    expect(result.notices).toEqual([]);
    expect(result.hits.map((h) => h.id)).toContain("gaoqi-shouci-rending-jiangbu-2019");
  });

  it("finds nothing for something no policy is about, without an error", async () => {
    expect((await top("火星移民")).total).toBe(0);
  });
});
