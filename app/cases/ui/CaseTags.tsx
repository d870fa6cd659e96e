import { Tag } from "antd";
import type { Countdown as CountdownValue } from "~/cases/calendar";

const STATUS_COLORS: Record<string, string> = {
  SUBMITTED: "gold", ACCEPTED: "cyan", REGISTERED: "blue", DISPATCHED: "geekblue", RESOLVED: "purple",
  VERIFIED: "lime", CLOSED: "green", REFUSED: "default", SUSPENDED: "default",
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="case-status">{label}</Tag>;
}

/** The SLA countdown: red when overdue, orange on the last day. */
export function Countdown({ value }: { value: CountdownValue }) {
  const color = value.overdue ? "red" : value.days === 0 ? "orange" : value.days <= 1 ? "gold" : "default";
  return <Tag color={color} data-testid="case-countdown">{value.label}</Tag>;
}
