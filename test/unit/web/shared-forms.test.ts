import { describe, expect, it } from "vitest";
import { ApiError } from "../../../web/src/shared/api-client.js";
import { formatTime } from "../../../web/src/shared/format.js";
import {
  blankToNull,
  changedFields,
  errorSummary,
  fieldErrors,
  isEmptyBody,
  joinList,
  sameValue,
  splitList,
} from "../../../web/src/shared/forms.js";

describe("shared form helpers", () => {
  it("keys 422 issues by top-level field, from request or document validation", () => {
    const err = new ApiError(422, "validation_failed", "invalid", undefined, {
      issues: [
        { in: "body", path: "priority", message: "Invalid input: expected int" },
        { field: "must_do.1", message: "Expected string" },
        { field: "must_do.2", message: "Expected string" },
        { in: "body", path: "", message: "Unrecognized key: colour" },
      ],
    });
    expect(fieldErrors(err)).toEqual({
      priority: "Invalid input: expected int",
      must_do: "1: Expected string; 2: Expected string",
      "": "Unrecognized key: colour",
    });
    expect(fieldErrors(new ApiError(409, "focus_conflict", "exists"))).toEqual({});
    expect(fieldErrors(new Error("x"))).toEqual({});
  });

  it("sums up a refused save with the error and every field's problem", () => {
    const err = new ApiError(
      422,
      "validation_failed",
      "the general focus cannot be deactivated",
      undefined,
      {
        issues: [{ field: "status", message: "must be active" }],
      },
    );
    expect(errorSummary(err)).toBe(
      "the general focus cannot be deactivated — status: must be active",
    );
    expect(errorSummary(new ApiError(409, "focus_conflict", "exists", "use PATCH"))).toBe(
      "exists (use PATCH)",
    );
  });

  it("splits list text by lines or commas and joins it back", () => {
    expect(splitList("a, b,,\n c ", "comma")).toEqual(["a", "b", "c"]);
    expect(splitList("one, two\n\nthree ", "lines")).toEqual(["one, two", "three"]);
    expect(joinList(["a", "b"], "comma")).toBe("a, b");
    expect(joinList(["a", "b"], "lines")).toBe("a\nb");
  });

  it("turns a blank optional field into null and trims the rest", () => {
    expect(blankToNull("  ")).toBeNull();
    expect(blankToNull(" main ")).toBe("main");
  });

  it("compares values with records in any key order, but lists in order", () => {
    expect(
      sameValue({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    ).toBe(true);
    expect(sameValue(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameValue({ a: null }, { a: "" })).toBe(false);
  });

  it("keeps only the changed fields of an edit", () => {
    const before = { name: "x", tags: ["a"], costs: { m: { in: 1, out: 2 } }, on: true };
    const after = { name: "x", tags: ["a", "b"], costs: { m: { out: 2, in: 1 } }, on: false };
    expect(changedFields(before, after)).toEqual({ tags: ["a", "b"], on: false });
    expect(isEmptyBody(changedFields(before, { ...before }))).toBe(true);
  });

  it("formats a timestamp in the browser's zone and keeps unparsable text", () => {
    expect(formatTime("not a date")).toBe("not a date");
    expect(formatTime("2030-01-01T12:05:00Z")).toMatch(/2030/);
  });
});
