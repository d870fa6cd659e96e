/** Email texts in Chinese. Plain text first (every mail client), a simple HTML version beside it. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function matchMail(x: { company: string; policy: string; clause: string; amount: string | null }) {
  const lines = [
    `${x.company}：`,
    "",
    `经数据比对，贵企业符合《${x.policy}》中“${x.clause}”的条件${x.amount ? `，可享受 ${x.amount}` : ""}。`,
    "本事项为“免申即享”，无需提交申请。请登录亲清网格，在“我的政策”中确认收款账户；如不需要，也可以选择放弃。",
    "",
    "如有疑问，请联系所属网格员。",
    "亲清网格",
  ];
  return {
    subject: `【免申即享】${x.policy} · ${x.clause}`,
    text: lines.join("\n"),
    html: lines.map((l) => (l ? `<p>${escape(l)}</p>` : "")).join(""),
  };
}
