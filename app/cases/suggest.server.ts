import { prisma } from "~/db.server";
import { trainClassifier, type CaseClassifier } from "./classifier/classifier.server";

/**
 * The category suggester ("AI小郑"): trained here, on the cases the portal holds (their final
 * category, as officers confirmed or corrected it), with no external service and no downloaded
 * model. Trained on first use and again when the case count has grown by a tenth or an hour has
 * passed, so corrections feed back without retraining on every request.
 */
let model: { classifier: CaseClassifier; cases: number; at: number } | null = null;
let training: Promise<CaseClassifier> | null = null;
const MAX_SAMPLES = 50_000;
const RETRAIN_MS = 3_600_000;
const CHECK_MS = 60_000;
let checkedAt = 0;

async function train(): Promise<CaseClassifier> {
  const cases = await prisma.case.count();
  // The newest cases: recent wording, and a bound on training time on a registry of a million.
  const rows = await prisma.case.findMany({
    where: { status: { not: "REFUSED" } },
    orderBy: { createdAt: "desc" },
    take: MAX_SAMPLES,
    select: { title: true, description: true, categoryCode: true },
  });
  const classifier = trainClassifier(rows.map((r) => ({ text: `${r.title}\n${r.description}`, category: r.categoryCode })));
  model = { classifier, cases, at: Date.now() };
  return classifier;
}

export async function caseClassifier(): Promise<CaseClassifier> {
  if (!model) return (training ??= train().finally(() => (training = null)));
  const now = Date.now();
  if (!training && now - checkedAt > CHECK_MS) {
    checkedAt = now;
    // Counted at most once a minute: suggestions come at typing pace.
    const stale = now - model.at > RETRAIN_MS || (await prisma.case.count()) > model.cases * 1.1 + 10;
    // Keep answering with the old model while a new one trains.
    if (stale) training = train().finally(() => (training = null));
  }
  return model.classifier;
}

export async function suggestCategories(text: string, k = 3) {
  const clean = text.trim().slice(0, 2000);
  if (clean.length < 4) return [];
  // The best guess always; the others only when they are real alternatives.
  return (await caseClassifier()).suggest(clean, k).filter((s, i) => i === 0 || s.score >= 0.05);
}
