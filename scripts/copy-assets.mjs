#!/usr/bin/env node
// Copies the non-TypeScript assets that src/ loads at runtime (the agent tools'
// model-facing `.txt` descriptions) into dist/ next to the compiled modules,
// because tsc only emits .js. Node built-ins only.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const ASSET = /\.txt$/;

let copied = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) walk(abs);
    else if (entry.isFile() && ASSET.test(entry.name)) {
      const target = join(dist, relative(src, abs));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(abs, target);
      copied++;
    }
  }
};
walk(src);
console.log(`copy-assets: ${copied} file(s) copied into dist/`);
