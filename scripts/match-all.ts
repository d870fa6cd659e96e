// npm run match:all — a full re-match of the registry now, from the command line (the same run
export {};
// the daily schedule and the 匹配推送 button request), with progress on the terminal.
const { runMatch } = await import("~/matching/match-run.server");
const { prisma } = await import("~/db.server");
const started = performance.now();
const total = await prisma.company.count({ where: { status: "ACTIVE" } });
let last = 0;
const runId = await runMatch({
  kind: "FULL",
  trigger: "命令行",
  onProgress: (done) => {
    const pct = Math.floor((done / Math.max(1, total)) * 100);
    if (pct >= last + 10 || done === total) (last = pct), console.log(`已匹配 ${done.toLocaleString()} / ${total.toLocaleString()} 家（${pct}%）`);
  },
});
const records = (await prisma.matchStat.aggregate({ where: { status: { in: ["QUALIFIED", "EXCLUDED"] } }, _sum: { count: true } }))._sum.count ?? 0;
console.log(`完成：${runId}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒，当前有效匹配结果 ${records.toLocaleString()} 条。免申即享通知由运行中的门户发出。`);
await prisma.$disconnect();
