import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_DESCRIPTIONS } from "../../../src/docs/config-descriptions.js";
import { configRows, renderConfigDocs } from "../../../src/docs/config-reference.js";

const committed = resolve(import.meta.dirname, "../../../docs/configuration.md");

describe("docs/configuration.md", () => {
  it("is what scripts/gen-config-docs.mjs generates from the current schema (regenerate it when this fails)", () => {
    expect(readFileSync(committed, "utf8")).toBe(renderConfigDocs());
  });

  it("documents every schema key with a type and a default, and no key that no longer exists", () => {
    const rows = configRows();
    const keys = rows.map((r) => r.key);
    for (const k of ["tracker.kind", "server.port", "agent.profiles[].keywords", "store.url"])
      expect(keys).toContain(k);
    expect(rows.find((r) => r.key === "server.port")?.def).toBe("`8080`");
    expect(rows.find((r) => r.key === "polling.interval_ms")?.type).toBe("integer ≥ 1000");
    expect(Object.keys(CONFIG_DESCRIPTIONS).sort()).toEqual([...keys].sort());
  });
});
