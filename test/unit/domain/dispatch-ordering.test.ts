import { describe, expect, it } from "vitest";
import {
  compareCandidates,
  compareIdentifiers,
  sortCandidates,
  sortRetries,
  type OrderKey,
} from "../../../src/domain/ordering.js";

const key = (k: Partial<OrderKey> & { identifier: string }): OrderKey => ({
  priority: null,
  created_at: null,
  project_id: "p",
  ...k,
});
const ids = (xs: OrderKey[]): string[] => xs.map((x) => `${x.project_id}/${x.identifier}`);

describe("dispatch ordering (SPEC §7.3)", () => {
  it("[C58] orders by priority (null last), then created_at, then natural identifier order", () => {
    const input = [
      key({ identifier: "X-10", priority: 2, created_at: "2024-01-01T00:00:00Z" }),
      key({ identifier: "X-3", priority: null, created_at: "2023-01-01T00:00:00Z" }),
      key({ identifier: "X-9", priority: 2, created_at: "2024-01-01T00:00:00Z" }),
      key({ identifier: "X-1", priority: 4 }),
      key({ identifier: "X-2", priority: 0, created_at: "2025-06-01T00:00:00Z" }),
      key({ identifier: "X-5", priority: 2, created_at: "2023-12-31T23:59:59Z" }),
      key({ identifier: "X-4", priority: 2, created_at: null }),
    ];
    expect(ids(sortCandidates(input, (k) => k))).toEqual([
      "p/X-2",
      "p/X-5",
      "p/X-9",
      "p/X-10",
      "p/X-4",
      "p/X-1",
      "p/X-3",
    ]);
  });

  it("[C58] X-9 sorts before X-10 and project_id breaks the last tie", () => {
    expect(compareIdentifiers("X-9", "X-10")).toBeLessThan(0);
    expect(compareIdentifiers("X-10", "X-9")).toBeGreaterThan(0);
    const same = (project_id: string) => key({ identifier: "X-1", project_id });
    expect(ids(sortCandidates([same("proj-b"), same("proj-a")], (k) => k))).toEqual([
      "proj-a/X-1",
      "proj-b/X-1",
    ]);
    expect(compareCandidates(same("proj-a"), same("proj-a"))).toBe(0);
  });

  it("compares created_at as instants, not strings", () => {
    const a = key({ identifier: "A", created_at: "2024-01-01T10:00:00+02:00" });
    const b = key({ identifier: "B", created_at: "2024-01-01T09:00:00Z" });
    expect(ids(sortCandidates([b, a], (k) => k))).toEqual(["p/A", "p/B"]);
  });

  it("sorts a copy and leaves the input alone", () => {
    const input = [key({ identifier: "B" }), key({ identifier: "A" })];
    sortCandidates(input, (k) => k);
    expect(ids(input)).toEqual(["p/B", "p/A"]);
  });

  it("due retries sort by earlier due_at first", () => {
    const r = (identifier: string, due_at: string) => ({ identifier, due_at, project_id: "p" });
    const sorted = sortRetries(
      [r("X-1", "2024-01-01T00:05:00Z"), r("X-2", "2024-01-01T00:01:00Z")],
      (x) => x,
    );
    expect(sorted.map((x) => x.identifier)).toEqual(["X-2", "X-1"]);
  });
});
