#!/usr/bin/env node
// Regenerates docs/configuration.md from the WORKFLOW.md schema:
//   node scripts/gen-config-docs.mjs        (write the file)
//   node scripts/gen-config-docs.mjs --check (exit 1 when the committed file is stale)
// Plain JavaScript that loads the TypeScript sources through tsx, so it needs no build
// and stays outside the type-checked lint project.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { renderConfigDocs } = await import("../src/docs/config-reference.ts");
const target = join(root, "docs", "configuration.md");
const text = renderConfigDocs();
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    process.stderr.write("docs/configuration.md is stale: run node scripts/gen-config-docs.mjs\n");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stderr.write(`wrote ${target}\n`);
}
