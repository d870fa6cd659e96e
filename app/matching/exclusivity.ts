/**
 * 从高、不重复: of the clauses of one exclusivity group a company qualifies for (in the same
 * year), only the one with the highest amount is paid; the others show as "不重复享受". Ties go
 * to the clause listed first, so the answer never depends on evaluation order.
 */
export interface QualifiedClause {
  key: string;
  group: string | null;
  amount: number | null;
  /** Order in which clauses are listed (policy, then clause), the tie-breaker. */
  order: number;
}

/** Keys of qualified clauses that are not paid, each with the key of the clause that is. */
export function applyExclusivity(qualified: readonly QualifiedClause[]): Map<string, string> {
  const best = new Map<string, QualifiedClause>();
  for (const c of qualified) {
    if (!c.group) continue;
    const current = best.get(c.group);
    if (!current || (c.amount ?? 0) > (current.amount ?? 0) || ((c.amount ?? 0) === (current.amount ?? 0) && c.order < current.order)) best.set(c.group, c);
  }
  const excluded = new Map<string, string>();
  for (const c of qualified) if (c.group && best.get(c.group) !== c) excluded.set(c.key, best.get(c.group)!.key);
  return excluded;
}
