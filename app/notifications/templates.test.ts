import { describe, expect, it } from "vitest";
import { matchNotice } from "./templates";

const item = (i: number, amount: string | null = `${i} 万元`) => ({ policy: `政策${i}`, clause: `条款${i}`, amount });

describe("免申即享 notice of a match run", () => {
  it("reads as a single benefit when it lists one clause version", () => {
    const n = matchNotice("郑州云帆智能科技有限公司", [{ policy: "高企研发激励", clause: "研发激励", amount: "8 万元" }]);
    expect(n.title).toBe("免申即享：高企研发激励");
    expect(n.body).toBe("贵企业符合“研发激励”的条件，可享 8 万元，无需申请。请在“我的政策”中确认收款账户或选择放弃。");
    expect(n.mail.subject).toBe("【免申即享】高企研发激励 · 研发激励");
    expect(n.mail.text).toContain("经数据比对，贵企业符合《高企研发激励》中“研发激励”的条件，可享受 8 万元。");
    expect(n.mail.text).toContain("无需提交申请");
  });

  it("lists several versions in one message: all of them by email, the first three in the inbox", () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((i) => item(i, i === 3 ? null : undefined));
    const n = matchNotice("某公司", items);
    expect(n.title).toBe("免申即享：贵企业新符合 7 项政策扶持");
    expect(n.body).toContain("贵企业符合 7 项政策扶持的条件，均无需申请：《政策1》“条款1”，可享 1 万元；《政策2》“条款2”，可享 2 万元；《政策3》“条款3”等。");
    expect(n.body).toContain("《政策3》“条款3”等。");
    expect(n.body).not.toContain("政策4");
    expect(n.mail.subject).toBe("【免申即享】贵企业新符合 7 项政策扶持");
    for (const i of [1, 2, 4, 7]) expect(n.mail.text).toContain(`${i}. 《政策${i}》“条款${i}”，可享受 ${i} 万元`);
    expect(n.mail.text).toContain("3. 《政策3》“条款3”\n");
    expect(n.mail.text).toContain("无需提交申请");
  });

  it("escapes names in the HTML version", () => {
    const n = matchNotice("A&B <公司>", [item(1), item(2)]);
    expect(n.mail.html).toContain("<p>A&amp;B &lt;公司&gt;：</p>");
    expect(n.mail.text.startsWith("A&B <公司>：")).toBe(true);
  });
});
