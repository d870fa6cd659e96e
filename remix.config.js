/**
 * Remix 2, classic compiler (the users' choice; see docs/decisions/001-stack.md).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // react-querybuilder's antd controls import antd's ES-module date picker (antd/es/...), which
  // Node cannot load from antd's CommonJS package: bundle them, and the ES files they pull in.
  serverDependenciesToBundle: [
    /^react-querybuilder(\/|$)/,
    /^@react-querybuilder\//,
    /^antd\/es\//,
    /^@ant-design\/icons\/es\//,
    /^@ant-design\/icons-svg\/es\//,
    /^@babel\/runtime\/helpers\/esm\//,
    /^@rc-component\/picker(\/|$)/,
  ],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
