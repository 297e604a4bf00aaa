import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import {
  DEFAULT_WORKFLOW_TEXT,
  writeDefaultWorkflow,
} from "../../../src/config/default-workflow.js";
import { loadWorkflow } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { DEFAULT_PROMPT_TEMPLATE } from "../../../src/config/template.js";
import { tempDir } from "../../helpers/sandbox.js";

describe("built-in default workflow (oompah init)", () => {
  it("writes a commented file that loads to exactly the §3.3 defaults with the default prompt", async () => {
    const dir = tempDir();
    const file = join(dir, "sub", "WORKFLOW.md");
    await writeDefaultWorkflow(file);
    expect(readFileSync(file, "utf8")).toBe(DEFAULT_WORKFLOW_TEXT);
    const loaded = await loadWorkflow({ path: file, cwd: dir, env: { HOME: dir } });
    const defaults = resolveConfig({
      raw: {},
      env: { HOME: dir },
      serviceDir: join(dir, "sub"),
    }).config;
    expect(loaded.config).toEqual(defaults);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.template.source.trim()).toBe(DEFAULT_PROMPT_TEMPLATE.trim());
  });

  it("documents the real defaults: uncommenting every setting changes nothing", async () => {
    const dir = tempDir();
    const uncommented = DEFAULT_WORKFLOW_TEXT.split("\n")
      .map((l) => (l.startsWith("# ") ? l.slice(2) : l))
      .join("\n");
    expect(uncommented).toContain("\ntracker:\n");
    writeFileSync(join(dir, "WORKFLOW.md"), uncommented);
    const loaded = await loadWorkflow({ cwd: dir, env: { HOME: dir } });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config).toEqual(
      resolveConfig({ raw: {}, env: { HOME: dir }, serviceDir: dir }).config,
    );
  });

  it("refuses to overwrite without force (file_exists with a --force hint) and overwrites with it", async () => {
    const dir = tempDir();
    const file = join(dir, "WORKFLOW.md");
    writeFileSync(file, "mine\n");
    const e = await writeDefaultWorkflow(file).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(OompahError);
    expect((e as OompahError).code).toBe("file_exists");
    expect((e as OompahError).hint).toContain("--force");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    await writeDefaultWorkflow(file, { force: true });
    expect(readFileSync(file, "utf8")).toBe(DEFAULT_WORKFLOW_TEXT);
  });
});
