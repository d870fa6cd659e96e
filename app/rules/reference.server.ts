import { Engine } from "json-rules-engine";
import type { TopCondition } from "./conditions";

/**
 * json-rules-engine itself deciding a rule for a set of facts: the reference every faster
 * matcher must agree with. Missing facts are allowed (they fail the conditions that need them).
 */
export async function qualifiesByReference(conditions: TopCondition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: conditions as never, event: { type: "eligible" } });
  const { events } = await engine.run(facts);
  return events.length > 0;
}
