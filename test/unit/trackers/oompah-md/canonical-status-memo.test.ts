import { describe, expect, it } from "vitest";
import { canonicalStatus } from "../../../../src/domain/status.js";
import { cachedCanonicalStatus } from "../../../../src/trackers/oompah-md/format/index.js";

describe("cachedCanonicalStatus", () => {
  const spellings = ["Open", "open", "in-progress", "In Progress", "needs_human", "merged", "nope"];

  it("answers exactly as canonicalStatus, asked once or many times", () => {
    for (let round = 0; round < 3; round++)
      for (const s of spellings) expect(cachedCanonicalStatus(s)).toBe(canonicalStatus(s));
    expect(cachedCanonicalStatus("In Progress")).toBe("In Progress");
    expect(cachedCanonicalStatus("nope")).toBeNull();
  });

  it("stays right after more distinct spellings than it remembers", () => {
    for (let i = 0; i < 1_000; i++) expect(cachedCanonicalStatus(`status ${i}`)).toBeNull();
    for (const s of spellings) expect(cachedCanonicalStatus(s)).toBe(canonicalStatus(s));
  });
});
