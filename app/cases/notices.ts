import type { CaseAction } from "./flow";

/**
 * What the company is told, and when: at acceptance, at dispatch and at closure (and when a case
 * is not accepted, so it never waits in silence). In-app and by email, through the outbox.
 */
const NOTIFIED: Partial<Record<CaseAction, { title: string; body: (x: NoticeFacts) => string }>> = {
  accept: { title: "诉求已受理", body: (x) => `您提交的诉求“${x.title}”（编号 ${x.number}）已由${x.by}受理，我们会尽快立案办理。` },
  dispatch: { title: "诉求已派遣办理", body: (x) => `您的诉求“${x.title}”（编号 ${x.number}）已派遣至${x.target ?? "承办单位"}办理。` },
  close: { title: "诉求已办结", body: (x) => `您的诉求“${x.title}”（编号 ${x.number}）已办结。请在“诉求办理”中查看办理结果并评价；如对结果不满意，可在 7 天内申请重办。` },
  refuse: { title: "诉求未予受理", body: (x) => `您提交的诉求“${x.title}”（编号 ${x.number}）未予受理，原因：${x.comment ?? ""}。如有疑问请联系所属网格员。` },
};

export interface NoticeFacts {
  number: string;
  title: string;
  /** Who acted, as the company should read it ("枫杨街道网格"). */
  by: string;
  target?: string | null;
  comment?: string | null;
}

export function caseNotice(action: CaseAction, x: NoticeFacts) {
  const n = NOTIFIED[action];
  if (!n) return null;
  const body = n.body(x);
  const lines = ["您好：", "", body, "", "亲清网格"];
  return {
    title: `${n.title}：${x.title}`,
    body,
    mail: { subject: `【亲清网格】${n.title}（${x.number}）`, text: lines.join("\n") },
  };
}
