import { describe, expect, it } from "vitest";
import { ACTIONS, availableActions, CASE_ACTIONS, CASE_STATUSES, nextLevel, nextStatus, refusal, stageOf, type CaseState, type Standing } from "./flow";

const state = (over: Partial<CaseState> = {}): CaseState => ({ status: "SUBMITTED", level: "GRID", extensionPending: false, supervised: false, rated: false, closedAt: null, ...over });
const as = (party: keyof Standing): Standing => ({ filer: false, dispatcher: false, assignee: false, supervisor: false, [party]: true });
const NOW = new Date("2026-11-23T08:00:00Z");

describe("the case flow", () => {
  it("walks the whole happy path, each step by the party that owns it", () => {
    const path: [string, keyof Standing][] = [["accept", "dispatcher"], ["register", "dispatcher"], ["dispatch", "dispatcher"], ["resolve", "assignee"], ["verify", "dispatcher"], ["close", "dispatcher"]];
    let s = state();
    for (const [action, party] of path) {
      expect(refusal(action as never, s, as(party), NOW)).toBeNull();
      s = { ...s, status: nextStatus(action as never, s, null) };
    }
    expect(s.status).toBe("CLOSED");
  });

  it("refuses a step out of order, with the state in the message", () => {
    const e = refusal("dispatch", state({ status: "SUBMITTED" }), as("dispatcher"), NOW);
    expect([e?.status, e?.message]).toEqual([409, "诉求当前为“待受理”，不能派遣"]);
  });

  it("refuses a step by the wrong party", () => {
    expect(refusal("resolve", state({ status: "DISPATCHED" }), as("dispatcher"), NOW)?.status).toBe(403);
    expect(refusal("accept", state(), as("filer"), NOW)?.status).toBe(403);
    expect(refusal("supervise", state({ status: "DISPATCHED" }), as("dispatcher"), NOW)?.status).toBe(403);
  });

  it("has no action that leads nowhere or starts from a finished case except the company's own", () => {
    for (const a of CASE_ACTIONS) {
      const def = ACTIONS[a] as { from: readonly string[]; to?: string; by: readonly string[] };
      for (const s of def.from) expect(CASE_STATUSES).toContain(s);
      if (def.to) expect(CASE_STATUSES).toContain(def.to);
      if (def.from.includes("CLOSED")) expect(def.by).toEqual(["filer"]);
    }
  });

  it("returns a dispatch refused by the department to the dispatcher, and a failed check to the handler", () => {
    expect(nextStatus("return", state({ status: "DISPATCHED" }), null)).toBe("REGISTERED");
    expect(nextStatus("reject", state({ status: "RESOLVED" }), null)).toBe("DISPATCHED");
  });

  it("resumes a suspended case where it was", () => {
    expect(nextStatus("resume", state({ status: "SUSPENDED" }), "DISPATCHED")).toBe("DISPATCHED");
    expect(availableActions(state({ status: "SUSPENDED" }), as("dispatcher"), NOW)).toEqual(["resume"]);
  });

  it("takes one extension request at a time and decides only a pending one", () => {
    const dispatched = state({ status: "DISPATCHED" });
    expect(refusal("extend", dispatched, as("assignee"), NOW)).toBeNull();
    expect(refusal("extend", { ...dispatched, extensionPending: true }, as("assignee"), NOW)?.message).toBe("已有待审批的延期申请");
    expect(refusal("approveExtension", dispatched, as("dispatcher"), NOW)?.message).toBe("没有待审批的延期申请");
    expect(refusal("approveExtension", { ...dispatched, extensionPending: true }, as("supervisor"), NOW)).toBeNull();
  });

  it("escalates grid → street → district, and no further", () => {
    expect([nextLevel("GRID"), nextLevel("STREET"), nextLevel("DISTRICT")]).toEqual(["STREET", "DISTRICT", null]);
    expect(refusal("escalate", state({ status: "ACCEPTED", level: "DISTRICT" }), as("dispatcher"), NOW)?.message).toMatch("已是区级");
    expect(refusal("escalate", state({ status: "DISPATCHED" }), as("dispatcher"), NOW)?.status).toBe(409);
  });

  it("lets the company rate once and reopen within 7 days of closing", () => {
    const closed = state({ status: "CLOSED", closedAt: new Date(NOW.getTime() - 6 * 86_400_000) });
    expect(availableActions(closed, as("filer"), NOW)).toEqual(["rate", "reopen"]);
    expect(refusal("rate", { ...closed, rated: true }, as("filer"), NOW)?.message).toBe("该诉求已经评价过");
    const old = { ...closed, closedAt: new Date(NOW.getTime() - 8 * 86_400_000) };
    expect(refusal("reopen", old, as("filer"), NOW)?.message).toMatch("超过 7 天");
    expect(availableActions(state({ status: "REFUSED" }), as("filer"), NOW)).toEqual([]);
  });

  it("flags a case for supervision once", () => {
    expect(refusal("supervise", state({ status: "REGISTERED", supervised: true }), as("supervisor"), NOW)?.message).toBe("该诉求已在督办中");
  });

  it("runs a clock in every open stage and none once finished or suspended", () => {
    expect(["SUBMITTED", "ACCEPTED", "REGISTERED", "DISPATCHED", "RESOLVED", "VERIFIED"].map((s) => stageOf(s as never))).toEqual(["accept", "register", "dispatch", "handle", "verify", "close"]);
    expect([stageOf("CLOSED"), stageOf("REFUSED"), stageOf("SUSPENDED")]).toEqual([null, null, null]);
  });
});
