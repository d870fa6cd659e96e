/** Email texts in Chinese. Plain text first (every mail client), a simple HTML version beside it. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const mail = (subject: string, lines: string[]) => ({
  subject,
  text: lines.join("\n"),
  html: lines.map((l) => (l ? `<p>${escape(l)}</p>` : "")).join(""),
});

const SIGNATURE = ["", "如有疑问，请联系所属网格员。", "亲清网格"];

export function matchMail(x: { company: string; policy: string; clause: string; amount: string | null }) {
  return mail(`【免申即享】${x.policy} · ${x.clause}`, [
    `${x.company}：`,
    "",
    `经数据比对，贵企业符合《${x.policy}》中“${x.clause}”的条件${x.amount ? `，可享受 ${x.amount}` : ""}。`,
    "本事项为“免申即享”，无需提交申请。请登录亲清网格，在“我的政策”中确认收款账户；如不需要，也可以选择放弃。",
    ...SIGNATURE,
  ]);
}

export interface MatchItem {
  policy: string;
  clause: string;
  /** Formatted ("8 万元"), or null for a benefit without an amount. */
  amount: string | null;
}

/** In the inbox a notice previews this many items; the mail and “我的政策” list them all. */
const INBOX_ITEMS = 3;

/**
 * The 免申即享 notice of one match run for one company: the clause versions it newly qualifies
 * for, in the inbox and by email. One item reads as before; several are listed in one message.
 */
export function matchNotice(company: string, items: MatchItem[]) {
  if (items.length === 1) {
    const [x] = items;
    return {
      title: `免申即享：${x.policy}`,
      body: `贵企业符合“${x.clause}”的条件${x.amount ? `，可享 ${x.amount}` : ""}，无需申请。请在“我的政策”中确认收款账户或选择放弃。`,
      mail: matchMail({ company, ...x }),
    };
  }
  const n = items.length;
  const line = (x: MatchItem, verb = "可享") => `《${x.policy}》“${x.clause}”${x.amount ? `，${verb} ${x.amount}` : ""}`;
  const shown = items.slice(0, INBOX_ITEMS).map((x) => line(x)).join("；");
  return {
    title: `免申即享：贵企业新符合 ${n} 项政策扶持`,
    body: `贵企业符合 ${n} 项政策扶持的条件，均无需申请：${shown}${n > INBOX_ITEMS ? "等" : ""}。请在“我的政策”中逐项确认收款账户或选择放弃。`,
    mail: mail(`【免申即享】贵企业新符合 ${n} 项政策扶持`, [
      `${company}：`,
      "",
      `经数据比对，贵企业符合以下 ${n} 项政策扶持的条件：`,
      ...items.map((x, i) => `${i + 1}. ${line(x, "可享受")}`),
      "",
      "以上事项均为“免申即享”，无需提交申请。请登录亲清网格，在“我的政策”中逐项确认收款账户；不需要的，也可以选择放弃。",
      ...SIGNATURE,
    ]),
  };
}
