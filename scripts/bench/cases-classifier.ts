// The category suggester of the case benchmark: accuracy on held-out cases (the 1,200 demo cases
// `npm start` seeds, and the newest 50,000 of this database, which is what the portal trains on),
// on the hand-written cases, and the time to suggest for unseen texts.
import type { Timing } from "./http";
import { percentiles } from "./cases-queue";

export interface ClassifierResult {
  demo: { trained: number; tested: number; top1: number; top3: number; trainMs: number };
  portal: { samples: number; trainMs: number; firstUseMs: number; top1: number; top3: number; tested: number };
  handwritten: { n: number; top1: number; top3: number };
  confusions: string[];
  suggest: Timing & { mean: number };
  suggestServer: Timing & { mean: number };
  texts: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchClassifier(texts: number): Promise<ClassifierResult> {
  const { trainClassifier, evaluateClassifier } = await import("~/cases/classifier/classifier.server");
  const { caseClassifier, suggestCategories } = await import("~/cases/suggest.server");
  const { HANDWRITTEN_CASES } = await import("~/cases/classifier/handwritten.fixture");
  const { generateCaseTexts } = await import("../../seed/case-texts");
  const { prisma } = await import("~/db.server");
  const asSample = (t: { title: string; description: string; category: string }) => ({ text: `${t.title}\n${t.description}`, category: t.category });

  // 1. The seeded demo cases (seedDemo → seedDemoCases: 1,200 cases, seed 12345), 20% held out per category.
  const demoSamples = generateCaseTexts({ count: 1200, seed: 12345 }).map(asSample);
  let t = performance.now();
  const demoEval = evaluateClassifier(demoSamples, { holdOut: 0.2, seed: 1 });
  const demoMs = performance.now() - t;

  // 2. As the portal trains at this size (suggest.server.ts): first use reads the newest 50,000
  // cases and trains; timed as a whole, then the training alone and a held-out split of the same rows.
  t = performance.now();
  const model = await caseClassifier();
  const firstUseMs = performance.now() - t;
  const rows = await prisma.case.findMany({
    where: { status: { not: "REFUSED" } }, orderBy: { createdAt: "desc" }, take: 50_000, select: { title: true, description: true, categoryCode: true },
  });
  const portalSamples = rows.map((r) => ({ text: `${r.title}\n${r.description}`, category: r.categoryCode }));
  t = performance.now();
  trainClassifier(portalSamples);
  const trainMs = performance.now() - t;
  const portalEval = evaluateClassifier(portalSamples, { holdOut: 0.2, seed: 1 });

  let hw1 = 0;
  let hw3 = 0;
  for (const { text, category } of HANDWRITTEN_CASES) {
    const s = model.suggest(text);
    if (s[0]?.code === category) hw1++;
    if (s.some((x) => x.code === category)) hw3++;
  }

  // 3. Suggesting for texts the model has not seen (another seed), as the filing form sends them.
  const unseen = generateCaseTexts({ count: texts, seed: 424242 }).map((x) => `${x.title} ${x.description}`.slice(0, 500));
  for (const text of unseen.slice(0, 50)) model.suggest(text); // warm-up
  const times: number[] = [];
  for (const text of unseen) {
    const s = performance.now();
    model.suggest(text, 3);
    times.push(performance.now() - s);
  }
  const serverTimes: number[] = [];
  for (const text of unseen) {
    const s = performance.now();
    await suggestCategories(text);
    serverTimes.push(performance.now() - s);
  }
  return {
    demo: { trained: demoEval.trained, tested: demoEval.tested, top1: demoEval.accuracy, top3: demoEval.top3Accuracy, trainMs: demoMs },
    portal: { samples: portalSamples.length, trainMs, firstUseMs, top1: portalEval.accuracy, top3: portalEval.top3Accuracy, tested: portalEval.tested },
    handwritten: { n: HANDWRITTEN_CASES.length, top1: hw1 / HANDWRITTEN_CASES.length, top3: hw3 / HANDWRITTEN_CASES.length },
    confusions: demoEval.confusions.slice(0, 4).map((c) => `${c.actual}→${c.predicted} ×${c.count}`),
    suggest: { ...percentiles(times), mean: mean(times) },
    suggestServer: { ...percentiles(serverTimes), mean: mean(serverTimes) },
    texts,
  };
}
