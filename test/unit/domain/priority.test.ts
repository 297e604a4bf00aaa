import { describe, expect, it } from "vitest";
import { normalisePriority, prioritySortKey } from "../../../src/domain/priority.js";

describe("priority normalisation", () => {
  it.each([
    ["p0", 0],
    ["High", 1],
    ["normal", 2],
    ["7", 4],
    ["-1", 0],
    ["soon", null],
  ] as const)("[C22] %j → %j", (raw, expected) => {
    expect(normalisePriority(raw)).toBe(expected);
  });

  it.each([
    ["critical", 0],
    ["urgent", 0],
    ["blocker", 0],
    ["high", 1],
    ["medium", 2],
    ["normal", 2],
    ["low", 3],
    ["lowest", 4],
    ["trivial", 4],
    ["backlog", 4],
    [" URGENT ", 0],
    ["Medium", 2],
  ] as const)("[C22] word %j → %j", (raw, expected) => {
    expect(normalisePriority(raw)).toBe(expected);
  });

  it.each([
    ["0", 0],
    ["4", 4],
    ["p1", 1],
    ["P3", 3],
    ["p4", 4],
    ["p5", null],
    ["2.5", null],
    ["", null],
  ] as const)("[C22] string %j → %j", (raw, expected) => {
    expect(normalisePriority(raw)).toBe(expected);
  });

  it("[C22] clamps integers and rejects non-numbers", () => {
    expect(normalisePriority(9)).toBe(4);
    expect(normalisePriority(-3)).toBe(0);
    expect(normalisePriority(2)).toBe(2);
    expect(normalisePriority(Number.NaN)).toBeNull();
    expect(normalisePriority(null)).toBeNull();
    expect(normalisePriority(undefined)).toBeNull();
    expect(normalisePriority(true)).toBeNull();
  });

  it("sorts null after 4", () => {
    const sorted = [null, 4, 0, 2].sort((a, b) => prioritySortKey(a) - prioritySortKey(b));
    expect(sorted).toEqual([0, 2, 4, null]);
  });
});
