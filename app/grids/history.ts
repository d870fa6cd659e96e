/** A grid change from the audit log, in a sentence. */
export function describeGridChange(action: string, detailJson: string | null): string {
  const d = (detailJson ? JSON.parse(detailJson) : {}) as Record<string, unknown>;
  switch (action) {
    case "grid.add": return `在“${d.parent}”下新增${d.level}“${d.name}”`;
    case "grid.rename": return `由“${d.from}”改名为“${d.to}”`;
    case "grid.move": return `从“${d.from}”移到“${d.to}”下（含 ${d.nodesMoved} 个网格）`;
    case "grid.merge":
    case "grid.merged-away": return `“${d.from}”并入“${d.into}”：下级网格 ${d.children} 个、企业 ${d.companies} 家、人员 ${d.workers} 名随之转入`;
    default: return action;
  }
}
