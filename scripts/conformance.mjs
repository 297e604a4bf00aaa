#!/usr/bin/env node
// Lists which SPEC §22 conformance items have tests. A test covers item N when
// its name carries the tag [CN] (several as [C8, C16]). With a vitest JSON
// report (test-output/vitest.json, written by `npm test`) an item counts only
// when all its tests passed; without one, the test sources are scanned.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const json = process.argv.includes("--json");

function specItems() {
  const spec = join(root, "..", "shared", "SPEC.md");
  if (!existsSync(spec)) return null;
  const text = readFileSync(spec, "utf8");
  const start = text.indexOf("## 22. Conformance checklist");
  const items = new Map();
  let section = "";
  for (const line of text.slice(start).split("\n")) {
    const h = /^### (22\.\d+ .*)$/.exec(line);
    if (h) section = h[1];
    const m = /^(\d+)\. (.*)$/.exec(line);
    if (m) items.set(Number(m[1]), { section, text: m[2] });
  }
  return items;
}

function tagsIn(title) {
  const m = /^\[(C\d+(?:\s*,\s*C?\d+)*)\]/.exec(title.trim());
  if (!m) return [];
  return m[1].split(",").map((t) => Number(t.trim().replace(/^C/, "")));
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function coverageFromReport() {
  const report = join(root, "test-output", "vitest.json");
  if (!existsSync(report)) return null;
  const r = JSON.parse(readFileSync(report, "utf8"));
  const status = new Map();
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      for (const n of tagsIn(t.title ?? "")) {
        const passed = t.status === "passed";
        status.set(n, (status.get(n) ?? true) && passed);
      }
    }
  }
  return status;
}

function coverageFromSources() {
  const status = new Map();
  for (const dir of ["test", "web"].map((d) => join(root, d)).filter(existsSync)) {
    for (const f of walk(dir)) {
      const src = readFileSync(f, "utf8");
      for (const m of src.matchAll(/\b(?:it|test)(?:\.\w+)?\(\s*["'`](\[C[^\]]+\])/g)) {
        for (const n of tagsIn(m[1])) status.set(n, true);
      }
    }
  }
  return status;
}

const items = specItems();
const fromReport = coverageFromReport();
const status = fromReport ?? coverageFromSources();
const all = items ? [...items.keys()] : Array.from({ length: 200 }, (_, i) => i + 1);
const covered = all.filter((n) => status.get(n) === true);
const failing = all.filter((n) => status.get(n) === false);
const uncovered = all.filter((n) => !status.has(n));

if (json) {
  console.log(
    JSON.stringify(
      { source: fromReport ? "report" : "sources", total: all.length, covered, failing, uncovered },
      null,
      2,
    ),
  );
} else {
  const label = (n) =>
    items?.get(n)
      ? `C${n} (${items.get(n).section.split(" ")[0]}) ${items.get(n).text.slice(0, 90)}`
      : `C${n}`;
  console.log(`covered (${covered.length}):`);
  for (const n of covered) console.log(`  ✓ ${label(n)}`);
  if (failing.length) {
    console.log(`failing (${failing.length}):`);
    for (const n of failing) console.log(`  ✗ ${label(n)}`);
  }
  console.log(`uncovered (${uncovered.length}):`);
  for (const n of uncovered) console.log(`  · ${label(n)}`);
  console.log(
    `\n${covered.length} of ${all.length} conformance items covered (source: ${fromReport ? "vitest report" : "test sources"})`,
  );
}
