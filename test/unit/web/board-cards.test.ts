import { describe, expect, it } from "vitest";
import {
  cardSkip,
  cardSpend,
  factsOf,
  skipText,
} from "../../../web/src/features/board/model/card-facts.js";
import { boardLanes } from "../../../web/src/features/board/model/lanes.js";
import {
  latestQuestion,
  needsAnswerIssues,
} from "../../../web/src/features/board/model/needs-answer.js";
import type { Comment } from "../../../web/src/shared/wire.js";
import { board, issue } from "./fixtures.js";

const facts = (skip: string | null) => ({ focus: "docs", cost_usd: 0.5, skip_reason: skip });

describe("card facts", () => {
  it("finds an issue's facts by project and id", () => {
    const b = board({ Open: [issue("O-1")] }, undefined, { "demo:O-1": facts("paused") });
    expect(factsOf(b, { project_id: "demo", id: "O-1" })).toEqual(facts("paused"));
    expect(factsOf(b, { project_id: "other", id: "O-1" })).toBeUndefined();
    expect(factsOf(null, { project_id: "demo", id: "O-1" })).toBeUndefined();
  });

  it("shows the skip reason in words, except while the issue runs or waits for a retry", () => {
    expect(cardSkip(facts("blocked"), { running: false, retrying: false })).toBe("blocked");
    expect(cardSkip(facts("already_claimed"), { running: true, retrying: false })).toBeNull();
    expect(cardSkip(facts("already_claimed"), { running: false, retrying: true })).toBeNull();
    expect(cardSkip(facts(null), { running: false, retrying: false })).toBeNull();
    expect(cardSkip(undefined, { running: false, retrying: false })).toBeNull();
    expect(skipText("issue_cost_cap")).toBe("issue cost cap reached");
    expect(skipText("something_new")).toBe("something_new");
  });

  it("shows the issue's spend, but not while it runs (the badge has the live run cost)", () => {
    expect(cardSpend(facts(null), false)).toBe(0.5);
    expect(cardSpend(facts(null), true)).toBeNull();
    expect(cardSpend({ focus: "docs", cost_usd: 0, skip_reason: null }, false)).toBeNull();
    expect(cardSpend(undefined, false)).toBeNull();
  });
});

describe("swimlanes", () => {
  const projects = [
    { id: "demo", name: "Demo" },
    { id: "empty", name: "Empty" },
  ];
  const b = board({
    Open: [issue("A-1"), issue("B-1", { project_id: "ghost" })],
    Done: [issue("A-2")],
  });

  it("gives each project a row of columns in the snapshot's order, then unknown projects by id", () => {
    const lanes = boardLanes(b, { projectId: null, showTerminal: false }, projects);
    expect(lanes.map((l) => [l.projectId, l.name, l.total])).toEqual([
      ["demo", "Demo", 1],
      ["empty", "Empty", 0],
      ["ghost", "ghost", 1],
    ]);
    const demoOpen = lanes[0]?.columns.find((c) => c.status === "Open");
    expect(demoOpen?.issues.map((i) => i.id)).toEqual(["A-1"]);
    expect(lanes[0]?.columns.some((c) => c.status === "Done")).toBe(false);
  });

  it("keeps only the filtered project and counts terminal columns when shown", () => {
    const lanes = boardLanes(b, { projectId: "demo", showTerminal: true }, projects);
    expect(lanes.map((l) => [l.projectId, l.total])).toEqual([["demo", 2]]);
  });
});

describe("needs answer", () => {
  const comment = (id: string, text: string, is_oompah: boolean): Comment => ({
    id,
    author: is_oompah ? "oompah" : "alice",
    created_at: "2026-01-01T00:00:00Z",
    text,
    is_oompah,
  });

  it("lists the Needs Answer column, optionally of one project", () => {
    const b = board({
      "Needs Answer": [issue("Q-1"), issue("Q-2", { project_id: "other" })],
      Open: [issue("O-1")],
    });
    expect(needsAnswerIssues(b, null).map((i) => i.id)).toEqual(["Q-1", "Q-2"]);
    expect(needsAnswerIssues(b, "other").map((i) => i.id)).toEqual(["Q-2"]);
    expect(needsAnswerIssues(null, null)).toEqual([]);
  });

  it("reads the newest question the agent posted, without its prefix", () => {
    const comments = [
      comment("1", "Question from agent: First?", true),
      comment("2", "Question from agent:  Which database?\nSQLite or Redis.", true),
      comment("3", "Question from agent: not from oompah", false),
      comment("4", "Agent dispatched (attempt 1).", true),
    ];
    expect(latestQuestion(comments)).toBe("Which database?\nSQLite or Redis.");
    expect(latestQuestion([comment("1", "Just a note", true)])).toBeNull();
  });
});
