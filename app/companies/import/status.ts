export const JOB_STATUS = {
  QUEUED: { label: "排队中", color: "default" },
  RUNNING: { label: "导入中", color: "processing" },
  DONE: { label: "已完成", color: "success" },
  FAILED: { label: "失败", color: "error" },
} as const;
