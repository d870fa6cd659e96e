import { useState } from "react";
import { Select, TreeSelect, type SelectProps, type TreeSelectProps } from "antd";

/**
 * antd's Select keeps its value in React state, not in a form field. These wrappers mirror the
 * value into hidden inputs so plain <Form> submissions (GET filters, POST actions) carry it.
 */
export function FormSelect({ name, defaultValue, onValueChange, ...props }: Omit<SelectProps, "value" | "onChange"> & { name: string; onValueChange?: (value: unknown) => void }) {
  const [value, setValue] = useState(defaultValue);
  const values = value == null ? [] : Array.isArray(value) ? value : [value];
  return (
    <>
      <Select {...props} value={value} onChange={(v) => (setValue(v), onValueChange?.(v))} />
      {values.map((v) => <input key={String(v)} type="hidden" name={name} value={String(v)} />)}
    </>
  );
}

export function FormTreeSelect({ name, defaultValue, ...props }: Omit<TreeSelectProps, "value" | "onChange"> & { name: string }) {
  const [value, setValue] = useState(defaultValue);
  return (
    <>
      <TreeSelect {...props} value={value} onChange={setValue} />
      {value ? <input type="hidden" name={name} value={String(value)} /> : null}
    </>
  );
}
