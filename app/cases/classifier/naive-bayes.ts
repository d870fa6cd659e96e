/**
 * Multinomial naive Bayes over token lists, with additive (Laplace) smoothing.
 * Pure and dependency-free so it can be trained once, serialised with toJSON() and cached.
 * Log-probabilities live in one flat Float64Array (token-major) so predict() is a single pass
 * over the tokens: well under a millisecond for a case text.
 */

export interface NbSample {
  tokens: string[];
  label: string;
}

export interface NbPrediction {
  label: string;
  /** Posterior probability (softmax over the log-probabilities of all labels), 0..1. */
  score: number;
}

export interface NbOptions {
  /** Additive smoothing; 1 is Laplace. Smaller values trust rare tokens more. */
  alpha?: number;
  /** Count a token once per document: short texts repeat words for style, not meaning. */
  binary?: boolean;
}

/** Serialised model: raw counts (not log-probabilities) so it stays exact and small. */
export interface NbModelJson {
  version: 1;
  alpha: number;
  binary: boolean;
  labels: string[];
  docCounts: number[];
  vocab: string[];
  /** Per label, [tokenIndex, count, tokenIndex, count, …] for the tokens it has seen. */
  counts: number[][];
}

export class NaiveBayes {
  readonly alpha: number;
  readonly binary: boolean;
  private labels: string[] = [];
  private docCounts: number[] = [];
  private vocab = new Map<string, number>();
  /** counts[label][token] during training; dropped into sparse pairs by toJSON(). */
  private counts: Map<number, number>[] = [];
  private logPrior = new Float64Array(0);
  /** logLikelihood[token * L + label] */
  private logLikelihood = new Float64Array(0);

  constructor(options: NbOptions = {}) {
    this.alpha = options.alpha ?? 1;
    this.binary = options.binary ?? false;
    if (!(this.alpha > 0)) throw new Error("alpha must be positive");
  }

  get labelList(): readonly string[] {
    return this.labels;
  }

  get vocabularySize(): number {
    return this.vocab.size;
  }

  /** Adds samples to the counts and recomputes the model; can be called again with more. */
  train(samples: readonly NbSample[]): this {
    const labelIndex = new Map(this.labels.map((l, i) => [l, i]));
    for (const { tokens, label } of samples) {
      let li = labelIndex.get(label);
      if (li === undefined) {
        li = this.labels.length;
        labelIndex.set(label, li);
        this.labels.push(label);
        this.docCounts.push(0);
        this.counts.push(new Map());
      }
      this.docCounts[li]++;
      const row = this.counts[li];
      for (const token of this.binary ? new Set(tokens) : tokens) {
        let ti = this.vocab.get(token);
        if (ti === undefined) {
          ti = this.vocab.size;
          this.vocab.set(token, ti);
        }
        row.set(ti, (row.get(ti) ?? 0) + 1);
      }
    }
    this.compute();
    return this;
  }

  private compute(): void {
    const L = this.labels.length;
    const V = this.vocab.size;
    const totalDocs = this.docCounts.reduce((a, b) => a + b, 0);
    this.logPrior = new Float64Array(L);
    this.logLikelihood = new Float64Array(V * L);
    for (let li = 0; li < L; li++) {
      this.logPrior[li] = Math.log(this.docCounts[li] / totalDocs);
      let total = 0;
      for (const c of this.counts[li].values()) total += c;
      const denom = Math.log(total + this.alpha * V);
      const unseen = Math.log(this.alpha) - denom;
      for (let ti = 0; ti < V; ti++) this.logLikelihood[ti * L + li] = unseen;
      for (const [ti, c] of this.counts[li]) this.logLikelihood[ti * L + li] = Math.log(c + this.alpha) - denom;
    }
  }

  /** Joint log-probability per label; tokens outside the vocabulary carry no evidence and are skipped. */
  logScores(tokens: readonly string[]): { scores: Float64Array; known: number } {
    const L = this.labels.length;
    const scores = Float64Array.from(this.logPrior);
    let known = 0;
    for (const token of this.binary ? new Set(tokens) : tokens) {
      const ti = this.vocab.get(token);
      if (ti === undefined) continue;
      known++;
      const base = ti * L;
      for (let li = 0; li < L; li++) scores[li] += this.logLikelihood[base + li];
    }
    return { scores, known };
  }

  /**
   * The k most probable labels, best first. Empty when untrained or no token is known.
   * temperature > 1 divides the log-probabilities before the softmax: naive Bayes counts
   * correlated tokens as independent evidence and is overconfident, this softens it without
   * changing the order.
   */
  predict(tokens: readonly string[], k = 3, options: { temperature?: number } = {}): NbPrediction[] {
    if (this.labels.length === 0) return [];
    const { scores, known } = this.logScores(tokens);
    if (known === 0) return [];
    const t = options.temperature ?? 1;
    if (t !== 1) for (let i = 0; i < scores.length; i++) scores[i] /= t;
    return topK(softmax(scores), this.labels, k);
  }

  toJSON(): NbModelJson {
    return {
      version: 1,
      alpha: this.alpha,
      binary: this.binary,
      labels: [...this.labels],
      docCounts: [...this.docCounts],
      vocab: [...this.vocab.keys()],
      counts: this.counts.map((row) => [...row].flat()),
    };
  }

  static fromJSON(json: NbModelJson): NaiveBayes {
    if (json.version !== 1) throw new Error(`unsupported naive Bayes model version ${json.version}`);
    const nb = new NaiveBayes({ alpha: json.alpha, binary: json.binary });
    nb.labels = [...json.labels];
    nb.docCounts = [...json.docCounts];
    nb.vocab = new Map(json.vocab.map((t, i) => [t, i]));
    nb.counts = json.counts.map((pairs) => {
      const row = new Map<number, number>();
      for (let i = 0; i < pairs.length; i += 2) row.set(pairs[i], pairs[i + 1]);
      return row;
    });
    if (nb.labels.length) nb.compute();
    return nb;
  }
}

/** Numerically stable softmax: subtract the maximum before exponentiating. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

function topK(probs: Float64Array, labels: readonly string[], k: number): NbPrediction[] {
  const order = [...probs.keys()].sort((a, b) => probs[b] - probs[a] || (labels[a] < labels[b] ? -1 : 1));
  return order.slice(0, Math.max(0, k)).map((i) => ({ label: labels[i], score: probs[i] }));
}
