import type { ThemeConfig } from "antd";

/** Government-portal blue, system Chinese fonts (no web font download). */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: "#1f5fbf",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, sans-serif',
  },
};
