/** Email texts for payouts and applications, in Chinese: plain text first, simple HTML beside it. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function mail(subject: string, lines: string[]) {
  return { subject, text: lines.join("\n"), html: lines.map((l) => (l ? `<p>${escape(l)}</p>` : "")).join("") };
}

const SIGNATURE = ["", "如有疑问，请联系所属网格员或政策发布部门。", "亲清网格"];

export function payoutPaidMail(x: { company: string; policy: string; clause: string; amount: string; date: string; account: string }) {
  return mail(`【兑付到账】${x.policy} · ${x.clause}`, [
    `${x.company}：`,
    "",
    `《${x.policy}》中“${x.clause}”的扶持资金 ${x.amount} 已于 ${x.date} 拨付${x.account ? `至贵企业账户（${x.account}）` : ""}，请注意查收。`,
    "兑付记录可登录亲清网格，在“我的政策”中查看。",
    ...SIGNATURE,
  ]);
}

export function payoutFailedMail(x: { company: string; policy: string; clause: string; amount: string; reason: string }) {
  return mail(`【兑付未成功】${x.policy} · ${x.clause}`, [
    `${x.company}：`,
    "",
    `《${x.policy}》中“${x.clause}”的扶持资金 ${x.amount} 本次拨付未成功，原因：${x.reason}。`,
    "请登录亲清网格，在“我的政策”中核对收款账户信息；核实后将在后续批次中重新拨付。",
    ...SIGNATURE,
  ]);
}

export function applicationDecidedMail(x: { company: string; policy: string; clause: string; approved: boolean; reason: string | null; amount: string | null }) {
  return mail(`【申报${x.approved ? "已通过" : "未通过"}】${x.policy} · ${x.clause}`, [
    `${x.company}：`,
    "",
    x.approved
      ? `贵企业申报的《${x.policy}》“${x.clause}”已审核通过${x.amount ? `，核定金额 ${x.amount}` : ""}。${x.reason ? `审核意见：${x.reason}。` : ""}${x.amount ? "资金将按兑付批次拨付，到账时另行通知。" : ""}`
      : `贵企业申报的《${x.policy}》“${x.clause}”未通过审核，原因：${x.reason}。`,
    "详情请登录亲清网格，在“我的政策”中查看。",
    ...SIGNATURE,
  ]);
}
