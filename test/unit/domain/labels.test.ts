import { describe, expect, it } from "vitest";
import { normaliseLabels } from "../../../src/domain/labels.js";

describe("label normalisation", () => {
  it("[C23] trims, lower-cases and de-duplicates, keeping first-occurrence order", () => {
    expect(normaliseLabels([" Bug ", "ui", "BUG", "Ui", "backend", "bug"])).toEqual([
      "bug",
      "ui",
      "backend",
    ]);
  });

  it("[C23] drops empty and non-string labels, keeps numbers as text", () => {
    expect(normaliseLabels(["", "  ", null, { a: 1 }, 2024, "x"])).toEqual(["2024", "x"]);
  });

  it("[C23] leaves an already-normal list unchanged", () => {
    const labels = ["oompah:corrupt", "focus-complete:duplicate_detector"];
    expect(normaliseLabels(labels)).toEqual(labels);
  });
});
