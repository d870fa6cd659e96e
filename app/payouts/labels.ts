/** Payout and batch states in Chinese, for pages and exports (shared by server and browser). */
export const BATCH_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "PAID", "REJECTED"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STATUS: Record<BatchStatus, { label: string; color: string }> = {
  DRAFT: { label: "草稿", color: "default" },
  SUBMITTED: { label: "待审核", color: "processing" },
  APPROVED: { label: "已批准，待支付", color: "cyan" },
  PAID: { label: "已支付", color: "success" },
  REJECTED: { label: "已退回", color: "error" },
};

export const PAYOUT_STATUSES = ["PENDING", "APPROVED", "PAID", "FAILED"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const PAYOUT_STATUS: Record<PayoutStatus, { label: string; color: string }> = {
  PENDING: { label: "待审批", color: "processing" },
  APPROVED: { label: "已批准，待支付", color: "cyan" },
  PAID: { label: "已支付", color: "success" },
  FAILED: { label: "支付失败", color: "error" },
};

export function batchStatusLabel(s: string): string {
  return BATCH_STATUS[s as BatchStatus]?.label ?? s;
}

export function payoutStatusLabel(s: string): string {
  return PAYOUT_STATUS[s as PayoutStatus]?.label ?? s;
}

/** What the batch timeline says for each audited step. */
export const BATCH_EVENT_LABELS: Record<string, string> = {
  "payout.batch.create": "编制批次",
  "payout.batch.discard": "放弃草稿",
  "payout.batch.submit": "提交审核",
  "payout.batch.approve": "审核通过",
  "payout.batch.approve.refused": "审核被拒绝（四眼原则）",
  "payout.batch.reject": "退回",
  "payout.fail": "登记支付失败",
  "payout.batch.paid": "登记支付完成",
};

/** "****1234": account numbers in lists and logs; the whole number only in the payment file. */
export function maskAccount(number: string | null | undefined): string {
  if (!number) return "";
  return number.length <= 4 ? number : `****${number.slice(-4)}`;
}

/**
 * Money is paid in whole 元: amounts (万元, as policies state them) are rounded to 4 decimals
 * when a payout is made, and every total is rounded the same way, so the parts of a total add up.
 */
export function roundToYuan(wan: number): number {
  return Math.round(wan * 10_000) / 10_000;
}

/** "21.0456 万元": to the 元, unlike the 2-decimal figures elsewhere, because this is what is paid. */
export function formatAmount(wan: number | null | undefined): string {
  return wan == null ? "—" : `${wan.toLocaleString("zh-CN", { maximumFractionDigits: 4 })} 万元`;
}
