import { describe, expect, it } from "vitest";
import { markPinyin, pinyinAlternatives, pinyinFields, pinyinWords } from "./pinyin";
import { MARK_END, MARK_START } from "./search-types";

const words = (s: string) => s.split(" ");
const shown = (s: string) => s.replaceAll(MARK_START, "[").replaceAll(MARK_END, "]");

describe("pinyin index words", () => {
  it("spells every suffix of a run of Chinese characters in pinyin and initials", () => {
    const { full, initials } = pinyinFields(["失业保险稳岗返还"]);
    expect(words(full)).toEqual(["shiyebaoxianwengangfanhuan", "yebaoxianwengangfanhuan", "baoxianwengangfanhuan", "xianwengangfanhuan", "wengangfanhuan", "gangfanhuan", "fanhuan", "huan",
      "wengang", // 稳岗, the short form of 稳岗返还
    ]);
    expect(words(initials)).toEqual(expect.arrayContaining(["sybxwgfh", "wgfh", "fh"]));
    expect(words(initials)).not.toContain("h"); // a single letter finds nothing a prefix would not
  });

  it("breaks runs at punctuation, digits and Latin letters, reads polyphones in context, writes ü as v", () => {
    const { full, initials } = pinyinFields(["郑州市“绿色系列”试点（2019年）银行业IPO"]);
    expect(words(full)).toEqual(expect.arrayContaining(["zhengzhoushi", "lvsexilie", "shidian", "yinhangye"]));
    expect(full).not.toMatch(/shilvse|2019|ipo/);
    expect(words(initials)).toEqual(expect.arrayContaining(["zzs", "lsxl", "yhy"]));
  });

  it("adds the trade's abbreviations for their long forms: 高新技术企业 can be typed gaoqi / gq", () => {
    const { full, initials } = pinyinFields(["郑州市首次认定高新技术企业梯次奖补"]);
    expect(words(full)).toEqual(expect.arrayContaining(["gaoxinjishuqiyeticijiangbu", "gaoqiticijiangbu"]));
    expect(words(initials)).toEqual(expect.arrayContaining(["gxjsqytcjb", "gqtcjb"]));
  });
});

describe("pinyin in queries", () => {
  it("takes Latin words of two letters or more as possible pinyin", () => {
    expect(pinyinWords("高企 GaoQi x rd2")).toEqual(["gaoqi", "rd"]);
  });

  it("offers other readings: words joined, known words spelled out with the rest last (a prefix)", () => {
    expect(pinyinAlternatives("gqrd")).toEqual(["高企 rd"]);
    expect(pinyinAlternatives("gaoqirending")).toEqual(["高企 rending"]);
    expect(pinyinAlternatives("gqrd 奖励")).toEqual(["高企 奖励 rd"]);
    expect(pinyinAlternatives("gaoxin jishu")).toEqual(["gaoxinjishu"]);
    expect(pinyinAlternatives("zjtx")).toEqual(["专精特新"]);
    expect(pinyinAlternatives("稳岗返还")).toEqual([]);
    expect(pinyinAlternatives("xyz")).toEqual([]);
  });

  it("marks the characters pinyin stands for, leaving Meilisearch's marks as they are", () => {
    expect(shown(markPinyin("专精特新企业认定奖励", ["zjtx"]))).toBe("[专精特新]企业认定奖励");
    expect(shown(markPinyin("失业保险稳岗返还", ["wengangfanhuan"]))).toBe("失业保险[稳岗返还]");
    expect(shown(markPinyin("失业保险稳岗返还", ["wengangf"]))).toBe("失业保险[稳岗返]还"); // as far as typed
    expect(shown(markPinyin("郑州市首次认定高新技术企业梯次奖补", ["gaoqi"]))).toBe("郑州市首次认定[高新技术企业]梯次奖补");
    expect(shown(markPinyin(`${MARK_START}高新技术企业${MARK_END}后备（认定条件）`, ["rd"]))).toBe("[高新技术企业]后备（[认定]条件）");
    expect(markPinyin("科技型企业", ["zz"])).toBe("科技型企业");
  });
});
