/**
 * 诉求分类建议: suggests leaf categories for a case text while the filer types.
 * Trained on cases the caller hands in (seeded or real ones from the database; this module never
 * reads the database), so retraining is a matter of calling trainClassifier() again.
 * Train and suggest on the same kind of text (e.g. `${title}\n${description}`).
 */
import { findCategory } from "~/cases/categories";
import { NaiveBayes, type NbModelJson } from "./naive-bayes";
import { contentLength, tokenize } from "./segment.server";

export interface CategorySuggestion {
  code: string;
  name: string;
  /** "上级 / 本级" */
  fullName: string;
  /** Model probability 0..1; the suggestions of one text sum to at most 1. */
  score: number;
}

export interface TrainingSample {
  text: string;
  category: string;
}

/** Fewer content characters than this (汉字, letters, digits) is not worth guessing from. */
export const MIN_CONTENT_CHARS = 4;

/** Bump when tokenize() changes: a cached model built with other tokens would silently mislead. */
const TOKENIZER_VERSION = 1;

/** Smoothing chosen on held-out demo cases: below 1 because rare words ("跳闸", "仲裁") are the best clues. */
const ALPHA = 0.3;

/**
 * Softens the scores (see NaiveBayes.predict); 2 minimised the log-loss on hand-written cases,
 * so a shown "80%" is closer to being right four times in five.
 */
const SCORE_TEMPERATURE = 2;

export interface CaseClassifierJson {
  version: 1;
  tokenizer: number;
  model: NbModelJson;
}

export class CaseClassifier {
  constructor(private readonly model: NaiveBayes) {}

  /** Leaf codes the model knows. */
  get categories(): readonly string[] {
    return this.model.labelList;
  }

  /** Best k leaf categories, best first; empty for empty or too-short text or text with no known word. */
  suggest(text: string, k = 3): CategorySuggestion[] {
    if (!text || contentLength(text) < MIN_CONTENT_CHARS) return [];
    return this.model.predict(tokenize(text), k, { temperature: SCORE_TEMPERATURE }).flatMap(({ label, score }) => {
      const category = findCategory(label);
      return category?.leaf ? [{ code: category.code, name: category.name, fullName: category.fullName, score }] : [];
    });
  }

  toJSON(): CaseClassifierJson {
    return { version: 1, tokenizer: TOKENIZER_VERSION, model: this.model.toJSON() };
  }

  /** Restores a cached model; throws if it was built by another tokenizer, so the caller retrains. */
  static fromJSON(json: CaseClassifierJson): CaseClassifier {
    if (json.version !== 1 || json.tokenizer !== TOKENIZER_VERSION) throw new Error("cached case classifier is out of date");
    return new CaseClassifier(NaiveBayes.fromJSON(json.model));
  }
}

/**
 * Trains on the samples filed under a leaf category; others (top-level or unknown codes, empty
 * text) are skipped, since a suggestion must be a category a case can be filed under.
 */
export function trainClassifier(samples: readonly TrainingSample[]): CaseClassifier {
  const model = new NaiveBayes({ alpha: ALPHA, binary: true });
  model.train(
    samples
      .filter((s) => findCategory(s.category)?.leaf && s.text?.trim())
      .map((s) => ({ tokens: tokenize(s.text), label: s.category })),
  );
  return new CaseClassifier(model);
}

export interface CategoryEvaluation {
  tested: number;
  correct: number;
  accuracy: number;
}

export interface ClassifierEvaluation {
  /** Share of held-out cases whose first suggestion is their category. */
  accuracy: number;
  /** Share whose category is among the first three suggestions. */
  top3Accuracy: number;
  trained: number;
  tested: number;
  perCategory: Record<string, CategoryEvaluation>;
  /** Most frequent mistakes, "actual → predicted", most frequent first. */
  confusions: { actual: string; predicted: string; count: number }[];
}

/**
 * Trains on part of the samples and scores the rest. The split is stratified by category (so
 * every category with two or more samples is tested) and depends only on the seed.
 */
export function evaluateClassifier(
  samples: readonly TrainingSample[],
  options: { holdOut?: number; seed?: number } = {},
): ClassifierEvaluation {
  const { train, test } = splitSamples(samples, options.holdOut ?? 0.2, options.seed ?? 1);
  const classifier = trainClassifier(train);
  const perCategory: Record<string, CategoryEvaluation> = {};
  const confusions = new Map<string, number>();
  let correct = 0;
  let top3 = 0;
  for (const s of test) {
    const suggestions = classifier.suggest(s.text, 3);
    const hit = suggestions[0]?.code === s.category;
    const entry = (perCategory[s.category] ??= { tested: 0, correct: 0, accuracy: 0 });
    entry.tested++;
    if (hit) {
      correct++;
      entry.correct++;
    } else {
      const key = `${s.category}\t${suggestions[0]?.code ?? "-"}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (suggestions.some((x) => x.code === s.category)) top3++;
  }
  for (const e of Object.values(perCategory)) e.accuracy = e.correct / e.tested;
  return {
    accuracy: test.length ? correct / test.length : 0,
    top3Accuracy: test.length ? top3 / test.length : 0,
    trained: train.length,
    tested: test.length,
    perCategory,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [actual, predicted] = key.split("\t");
        return { actual, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual))
      .slice(0, 10),
  };
}

function splitSamples(samples: readonly TrainingSample[], holdOut: number, seed: number) {
  if (!(holdOut > 0 && holdOut < 1)) throw new Error("holdOut must be between 0 and 1");
  const byCategory = new Map<string, TrainingSample[]>();
  for (const s of samples) {
    if (!findCategory(s.category)?.leaf || !s.text?.trim()) continue;
    let list = byCategory.get(s.category);
    if (!list) byCategory.set(s.category, (list = []));
    list.push(s);
  }
  const random = mulberry32(seed);
  const train: TrainingSample[] = [];
  const test: TrainingSample[] = [];
  for (const code of [...byCategory.keys()].sort()) {
    const list = byCategory.get(code)!;
    // Fisher–Yates with the seeded generator, then the first share goes to the test set.
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    const n = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * holdOut));
    test.push(...list.slice(0, n));
    train.push(...list.slice(n));
  }
  return { train, test };
}

/** Same generator as seed/registry-random.ts; repeated here so app code does not import from seed/. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
