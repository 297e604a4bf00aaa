/** Shared helpers for the task-file format tests: fixture loading and a line diff. */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseTaskFile } from "../../../../src/trackers/oompah-md/format/index.js";
import type { TaskDocument } from "../../../../src/trackers/oompah-md/format/index.js";

/** Read-only task files written by the original Python oompah. */
export const FIXTURE_ROOT = path.resolve(
  import.meta.dirname,
  "../../../..",
  "../shared/fixtures/original-oompah-tasks",
);

export interface Fixture {
  dir: string;
  stem: string;
  text: string;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_ROOT)
    .sort()
    .flatMap((dir) =>
      readdirSync(path.join(FIXTURE_ROOT, dir))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => ({
          dir,
          stem: f.slice(0, -3),
          text: readFileSync(path.join(FIXTURE_ROOT, dir, f), "utf8"),
        })),
    );
}

export function loadFixture(dir: string, stem: string): Fixture {
  const text = readFileSync(path.join(FIXTURE_ROOT, dir, `${stem}.md`), "utf8");
  return { dir, stem, text };
}

/** Parses text that must be a valid task file. */
export function parseDoc(text: string, stem = "X-1", dirSlug = "open"): TaskDocument {
  const parsed = parseTaskFile(text, { stem, dirSlug });
  if (parsed.kind !== "task") throw new Error(`expected a task, got corrupt: ${parsed.reason}`);
  return parsed.doc;
}

/** Lines only in `a` (removed) and only in `b` (added), by longest common subsequence. */
export function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split("\n");
  const y = b.split("\n");
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array<number>(y.length + 1).fill(0),
  );
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      const below = lcs[i + 1] as number[];
      row[j] = x[i] === y[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      removed.push(x[i++] ?? "");
    } else {
      added.push(y[j++] ?? "");
    }
  }
  while (i < x.length) removed.push(x[i++] ?? "");
  while (j < y.length) added.push(y[j++] ?? "");
  return { removed, added };
}
