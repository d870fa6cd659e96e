import { prisma } from "~/db.server";
import { cityDate } from "~/utils/dates";
import { logger } from "~/utils/logger.server";
import { requestFullMatch } from "./triggers.server";

/**
 * The daily full re-match (facts such as 成立年限 and 资质有效期 change with the date alone), and
 * the first one on a new installation. Requested through the outbox with the date as key, so
 * however many times this runs in a day, one run happens.
 */
export async function scheduleMatching(checkEveryMs = 15 * 60_000): Promise<() => Promise<void>> {
  const tick = async () => {
    const today = cityDate();
    const hour = Number(new Date().toLocaleString("en-US", { timeZone: "Asia/Shanghai", hour: "numeric", hourCycle: "h23" }));
    const never = (await prisma.matchRun.count({ where: { kind: "FULL" } })) === 0;
    if (never || hour >= 2) {
      await prisma.$transaction((tx) => requestFullMatch(tx, never ? "first-run" : `daily:${today}`, never ? "首次匹配" : "每日定时"));
    }
  };
  await tick().catch((error) => logger.error({ err: error }, "scheduling the match run failed"));
  const timer = setInterval(() => void tick().catch((error) => logger.error({ err: error }, "scheduling the match run failed")), checkEveryMs);
  timer.unref();
  return async () => clearInterval(timer);
}
