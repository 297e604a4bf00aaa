/**
 * `npm run bench [-- name …]`: runs the benchmarks one after another, each in
 * its own process (so one's memory or event loop never colours another's),
 * and stops at the first that fails to run. Without names it runs them all;
 * a name is a file of this folder without `.ts`. A missed target is a
 * printed verdict, not a failure: see bench/README.md for the figures.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const BENCHMARKS = [
  "tracker-listing",
  "worktree-create",
  "dispatch-latency",
  "concurrent-runs",
  "api-context",
  "api-overhead",
  "live-fanout",
] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(BENCHMARKS as readonly string[]).includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")}\nknown: ${BENCHMARKS.join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : BENCHMARKS) {
  const r = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(import.meta.dirname, `${name}.ts`)],
    { stdio: "inherit" },
  );
  console.log("");
  if (r.status !== 0) {
    console.error(`bench/${name}.ts failed (exit ${r.status ?? r.signal ?? "?"})`);
    process.exit(1);
  }
}
