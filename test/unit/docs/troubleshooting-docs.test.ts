import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** Codes raised as `new OompahError("code", …)` anywhere in src/, plus the HTTP status table's keys. */
function raisedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new OompahError\(\s*"([a-z0-9_]+)"/g)) codes.add(m[1]!);
  }
  const table = readFileSync(join(root, "src/server/errors.ts"), "utf8");
  const exact = /const EXACT[^{]*\{([^}]*)\}/.exec(table)?.[1] ?? "";
  for (const m of exact.matchAll(/^\s*([a-z0-9_]+):\s*\d{3}/gm)) codes.add(m[1]!);
  return codes;
}

describe("docs/troubleshooting.md", () => {
  it("explains every error code the code base raises", () => {
    const doc = readFileSync(join(root, "docs/troubleshooting.md"), "utf8");
    const codes = raisedCodes();
    expect(codes.size).toBeGreaterThan(50);
    const missing = [...codes].filter((c) => !doc.includes(`\`${c}\``)).sort();
    expect(missing).toEqual([]);
  });
});
