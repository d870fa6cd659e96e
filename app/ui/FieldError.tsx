/** The error under a form field, announced to screen readers. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return <div id={id} />;
  return (
    <div id={id} role="alert" style={{ color: "#ff4d4f", fontSize: 13, marginTop: 4 }}>
      {messages.join("；")}
    </div>
  );
}
