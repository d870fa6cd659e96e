import { describe, expect, it } from "vitest";
import { charBigrams, contentLength, segmentWords, tokenize } from "./segment.server";

describe("case text segmentation", () => {
  it("keeps content words and drops punctuation, numbers and stop words", () => {
    const words = segmentWords("园区3号楼从周一开始频繁跳闸，生产线停了两次，能不能协调加快？");
    expect(words).toEqual(expect.arrayContaining(["园区", "跳闸", "生产线", "频繁"]));
    for (const dropped of ["，", "？", "3", "了", "两次", "能不能", "协调"]) expect(words).not.toContain(dropped);
  });

  it("keeps single 汉字 that carry the meaning, and normalises full-width letters", () => {
    expect(segmentWords("厂里又停电了，一天停了三次")).toEqual(expect.arrayContaining(["厂里", "停电", "停"]));
    expect(segmentWords("车间５Ｇ信号很差")).toContain("5g");
  });

  it("adds marked character bigrams inside runs of Chinese only", () => {
    expect(charBigrams("停水了！Wi-Fi断")).toEqual(["~停水", "~水了"]);
    const tokens = tokenize("招不到电焊工");
    expect(tokens).toContain("电焊工");
    expect(tokens).toContain("~焊工");
    expect(tokenize("招不到电焊工", { bigrams: false }).some((t) => t.startsWith("~"))).toBe(false);
  });

  it("measures content length without punctuation or spaces", () => {
    expect(contentLength(" 停电！！ ")).toBe(2);
    expect(contentLength("5G 信号")).toBe(4);
    expect(contentLength("？？…")).toBe(0);
  });
});
