#!/usr/bin/env node
// The quick-start commands run through here: `npm start`, `npm run demo` and `npm test`.
// Node built-ins only, because it runs before dependencies exist: it installs
// them with `npm ci` when node_modules is missing or older than the lock file,
// builds when sources changed, then starts the service or runs every check.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(cmd, args, label) {
  if (label) process.stderr.write(`oompah: ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function ensureDependencies() {
  const lock = join(root, "package-lock.json");
  const stamp = join(root, "node_modules", ".oompah-installed");
  const want = createHash("sha256").update(readFileSync(lock)).digest("hex");
  const have = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  if (have === want) return;
  run(npm, ["ci", "--no-audit", "--no-fund"], "installing dependencies (npm ci)…");
  writeFileSync(stamp, want + "\n");
}

function build() {
  run(npm, ["run", "--silent", "build"], "building…");
}

const [command = "start", ...rest] = process.argv.slice(2);
ensureDependencies();
if (command === "start" || command === "demo") {
  build();
  const r = spawnSync(process.execPath, [join(root, "bin", "oompah.js"), command, ...rest], {
    cwd: process.cwd(),
    stdio: "inherit",
  });
  process.exit(r.status ?? (r.signal ? 130 : 1));
} else if (command === "test") {
  build();
  run(npm, ["run", "--silent", "typecheck"], "type check…");
  run(npm, ["run", "--silent", "lint"], "lint…");
  run(npm, ["run", "--silent", "format:check"], "format check…");
  run(npm, ["run", "--silent", "test:unit", "--", ...rest], "tests…");
} else {
  process.stderr.write(`usage: bootstrap.mjs start|demo|test\n`);
  process.exit(2);
}
