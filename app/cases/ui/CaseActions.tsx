import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Alert, Button, Card, Input, InputNumber, Rate, Select, Space, Typography } from "antd";
import type { CaseDetail } from "~/cases/case-detail.server";
import { FieldError } from "~/ui/FieldError";

type Result = { errors: Record<string, string[]>; message: string | null; action: string | null } | null;

/** Steps that move the case forward: shown as primary buttons. */
const FORWARD = new Set(["accept", "register", "dispatch", "resolve", "verify", "close", "rate", "approveExtension", "resume"]);
/** Steps where photos or documents belong (a result, a check, a reopening reason). */
const WITH_FILES = new Set(["resolve", "verify", "reject", "return", "reopen", "suspend"]);
/** Steps that cannot be undone by the one who takes them: confirmed first. */
const CONFIRM = new Set(["refuse", "close", "escalate"]);

/** The steps this user may take now, each with just the fields it needs. */
export function CaseActions({ c, result }: { c: CaseDetail; result: Result }) {
  const [open, setOpen] = useState<string | null>(result?.action ?? null);
  const [target, setTarget] = useState<string | undefined>();
  const [rating, setRating] = useState(0);
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  if (!c.actions.length) {
    return (
      <Card title="办理" size="small">
        <Typography.Text type="secondary">{c.status === "CLOSED" || c.status === "REFUSED" ? "该诉求已办结。" : "当前环节不需要您办理。"}</Typography.Text>
      </Card>
    );
  }
  const current = c.actions.find((a) => a.key === open) ?? null;
  return (
    <Card title="办理" size="small" data-testid="case-actions">
      {c.pendingExtension && (
        <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={`${c.pendingExtension.by} 申请延期 ${c.pendingExtension.days} 个工作日`} description={c.pendingExtension.reason} />
      )}
      <Space wrap>
        {c.actions.map((a) => (
          <Button key={a.key} type={FORWARD.has(a.key) ? "primary" : "default"} danger={/refuse|reject|return|denyExtension/.test(a.key)} onClick={() => setOpen(a.key)} aria-pressed={open === a.key}>
            {a.label}
          </Button>
        ))}
      </Space>
      {current && (
        <Form method="post" encType="multipart/form-data" aria-label={current.label} style={{ marginTop: 16 }}
          onSubmit={(e) => { if (CONFIRM.has(current.key) && !window.confirm(`确定${current.label}？此操作会记录在办理过程中。`)) e.preventDefault(); }}>
          <AuthenticityTokenInput />
          <input type="hidden" name="intent" value={current.key} />
          <Space direction="vertical" style={{ width: "100%" }}>
            {current.key === "dispatch" && (
              <div>
                <label htmlFor="target">派遣给</label>
                <Select id="target" showSearch optionFilterProp="label" style={{ width: "100%" }} placeholder="选择承办部门或网格员" value={target} onChange={setTarget}
                  options={groupOptions(c.dispatchOptions ?? [])} status={errors.target ? "error" : undefined} aria-describedby="target-error" />
                <input type="hidden" name="target" value={target ?? ""} />
                <FieldError id="target-error" messages={errors.target} />
              </div>
            )}
            {current.key === "extend" && (
              <div>
                <label htmlFor="days">延期工作日数</label>
                <div><InputNumber id="days" name="days" min={1} max={30} defaultValue={3} status={errors.days ? "error" : undefined} aria-describedby="days-error" /></div>
                <FieldError id="days-error" messages={errors.days} />
              </div>
            )}
            {current.key === "rate" && (
              <div>
                <span id="rating-label">满意度</span>
                <div><Rate value={rating} onChange={setRating} tooltips={["很不满意", "不满意", "一般", "满意", "非常满意"]} aria-labelledby="rating-label" /></div>
                <input type="hidden" name="rating" value={rating || ""} />
                <FieldError id="rating-error" messages={errors.rating} />
              </div>
            )}
            <div>
              <label htmlFor="comment">{current.reason ? "说明（必填）" : "说明（选填）"}</label>
              <Input.TextArea id="comment" name="comment" rows={3} maxLength={1000} placeholder={current.reason ?? "办理意见"} status={errors.comment ? "error" : undefined} aria-describedby="comment-error" />
              <FieldError id="comment-error" messages={errors.comment} />
            </div>
            {WITH_FILES.has(current.key) && (
              <div>
                <label htmlFor="attachment">附件（照片或 PDF，最多 5 个，每个不超过 10 MB）</label>
                <div><input id="attachment" type="file" name="attachment" multiple accept="image/jpeg,image/png,application/pdf" aria-describedby="attachment-error" /></div>
                <FieldError id="attachment-error" messages={errors.attachment} />
              </div>
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} danger={/refuse|reject|return|denyExtension/.test(current.key)}>确认{current.label}</Button>
              <Button onClick={() => setOpen(null)}>取消</Button>
            </Space>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function groupOptions(options: { value: string; label: string; group: string }[]) {
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const o of options) {
    const g = groups.get(o.group) ?? groups.set(o.group, { label: o.group, options: [] }).get(o.group)!;
    g.options.push({ value: o.value, label: o.label });
  }
  return [...groups.values()];
}
