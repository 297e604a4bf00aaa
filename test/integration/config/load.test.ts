import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_WORKFLOW_TEXT } from "../../../src/config/default-workflow.js";
import { loadWorkflow, redactConfig, validateWorkflow } from "../../../src/config/load.js";
import { tempDir } from "../../helpers/sandbox.js";
import { rejectionOf } from "../../helpers/failures.js";

const TOKEN = "tok-0123456789abcdefghijklmnop";

describe("loadWorkflow (SPEC §3.1)", () => {
  it("[C1] a WORKFLOW.md without front matter loads with the defaults and the whole file as template", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "Fix {{ issue.identifier }} now.\n");
    const loaded = await loadWorkflow({ cwd: dir, env: { HOME: dir } });
    expect(loaded.path).toBe(join(dir, "WORKFLOW.md"));
    expect(loaded.serviceDir).toBe(dir);
    expect(loaded.templateSource).toBe("Fix {{ issue.identifier }} now.");
    expect(loaded.template.isDefault).toBe(false);
    expect(loaded.config.tracker.kind).toBe("oompah_md");
    expect(loaded.warnings).toEqual([]);
    expect(loaded.hash).toBe(
      createHash("sha256").update("Fix {{ issue.identifier }} now.\n").digest("hex"),
    );
  });

  it("[C2] an explicitly named file that is missing fails with missing_workflow_file", async () => {
    const dir = tempDir();
    const e = await rejectionOf(() =>
      loadWorkflow({ path: "nope/WORKFLOW.md", cwd: dir, env: {} }),
    );
    expect(e.code).toBe("missing_workflow_file");
    expect(e.details?.file).toBe(join(dir, "nope/WORKFLOW.md"));
  });

  it("[C2] with no argument in a directory without WORKFLOW.md the built-in default workflow is used and said so", async () => {
    const dir = tempDir();
    const loaded = await loadWorkflow({ cwd: dir, env: { HOME: dir } });
    expect(loaded.path).toBeNull();
    expect(loaded.serviceDir).toBe(dir);
    expect(loaded.hash).toBe(createHash("sha256").update(DEFAULT_WORKFLOW_TEXT).digest("hex"));
    expect(loaded.warnings).toEqual([
      expect.objectContaining({
        code: "default_workflow",
        message: expect.stringContaining("built-in default workflow"),
      }),
    ]);
    expect(loaded.config.server.port).toBe(8080);
    expect(loaded.config.data_dir).toBe(join(dir, ".oompah"));
  });

  it("[C2] invalid YAML in a file fails with workflow_parse_error naming the file and line", async () => {
    const dir = tempDir();
    const file = join(dir, "WORKFLOW.md");
    writeFileSync(file, "---\ntracker:\n  kind: beads\nagent: max: 3\n---\nbody\n");
    const e = await rejectionOf(() => loadWorkflow({ path: file, cwd: dir, env: {} }));
    expect(e.code).toBe("workflow_parse_error");
    expect(e.details).toMatchObject({ file, line: 4 });
  });

  it("[C4] loads .env from the service directory; the real environment wins over the same key", async () => {
    const dir = tempDir();
    const svc = join(dir, "svc");
    mkdirSync(svc);
    writeFileSync(
      join(svc, ".env"),
      `export ROOT_FROM_ENV=./trees\nPOLL=4000\nOOMPAH_API_TOKEN=${TOKEN}\n`,
    );
    writeFileSync(
      join(svc, "WORKFLOW.md"),
      "---\nworkspace:\n  root: $ROOT_FROM_ENV\npolling:\n  interval_ms: ${POLL}\n---\n",
    );
    const loaded = await loadWorkflow({
      path: "svc/WORKFLOW.md",
      cwd: dir,
      env: { HOME: dir, POLL: "6000" },
    });
    expect(loaded.envFile).toBe(join(svc, ".env"));
    expect(loaded.config.workspace.root).toBe(join(svc, "trees"));
    expect(loaded.config.polling.interval_ms).toBe(6000);
    expect(loaded.config.server.api_token).toBe(TOKEN);
    expect(loaded.env.POLL).toBe("6000");
    expect(loaded.secrets).toEqual([
      expect.objectContaining({
        path: "server.api_token",
        source: "env:OOMPAH_API_TOKEN",
        value: TOKEN,
      }),
    ]);
  });

  it("uses an explicit --env-file and fails when it is missing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "custom.env"), "HOOK='make setup'\n");
    writeFileSync(join(dir, "WORKFLOW.md"), "---\nhooks:\n  after_create: $HOOK\n---\n");
    const loaded = await loadWorkflow({ cwd: dir, env: {}, envFile: "custom.env" });
    expect(loaded.config.hooks.after_create).toBe("make setup");
    const e = await rejectionOf(() => loadWorkflow({ cwd: dir, env: {}, envFile: "absent.env" }));
    expect(e.code).toBe("missing_env_file");
  });

  it("applies CLI overrides last", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "---\nserver:\n  port: 8080\n---\n");
    const loaded = await loadWorkflow({
      cwd: dir,
      env: { OOMPAH_SERVER_PORT: "9090" },
      cli: { port: 0, host: "localhost" },
    });
    expect(loaded.config.server.port).toBe(0);
    expect(loaded.config.server.host).toBe("localhost");
  });

  it("a template error names the file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "---\n---\n{{ issue.title | nope }}\n");
    const e = await rejectionOf(() => loadWorkflow({ cwd: dir, env: {} }));
    expect(e.code).toBe("template_parse_error");
    expect(e.details?.file).toBe(join(dir, "WORKFLOW.md"));
  });
});

describe("redactConfig (SPEC §17.2, §19.4)", () => {
  it("replaces every secret with its source and never contains a secret value", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\ntracker:\n  settings:\n    token: $TRACKER_TOKEN\n    owner: acme\n  required_labels: [tracker-secret-value-123]\nstore:\n  url: postgres://u:pw@db/x\n---\n",
    );
    const loaded = await loadWorkflow({
      cwd: dir,
      env: { HOME: dir, TRACKER_TOKEN: "tracker-secret-value-123", OOMPAH_API_TOKEN: TOKEN },
    });
    const redacted = redactConfig(loaded) as {
      server: { api_token: unknown };
      tracker: { settings: Record<string, unknown>; required_labels: string[] };
      store: { url: unknown };
    };
    expect(redacted.server.api_token).toEqual({ secret: true, source: "env:OOMPAH_API_TOKEN" });
    expect(redacted.tracker.settings.token).toEqual({ secret: true, source: "env:TRACKER_TOKEN" });
    expect(redacted.tracker.settings.owner).toBe("acme");
    expect(redacted.store.url).toEqual({ secret: true, source: "yaml" });
    expect(redacted.tracker.required_labels).toEqual(["[REDACTED]"]);
    const json = JSON.stringify(redacted);
    for (const s of [TOKEN, "tracker-secret-value-123", "postgres://u:pw@db/x"])
      expect(json).not.toContain(s);
    expect(loaded.config.server.api_token).toBe(TOKEN);
  });
});

describe("validateWorkflow (oompah validate)", () => {
  it("reports a valid file with its warnings", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\nagent:\n  colour: red\n---\nFix {{ issue.identifier }}\n",
    );
    const report = await validateWorkflow({ cwd: dir, env: {} });
    expect(report).toMatchObject({ valid: true, path: join(dir, "WORKFLOW.md"), errors: [] });
    expect(report.warnings.map((w) => w.code)).toEqual(["unknown_config_key"]);
  });

  it("test-renders the template, so an undefined variable is an error", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "Fix {{ issue.nope }}\n");
    const report = await validateWorkflow({ cwd: dir, env: {} });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(["template_render_error"]);
  });

  it("returns load errors with their code instead of throwing", async () => {
    const dir = tempDir();
    const report = await validateWorkflow({ path: "missing.md", cwd: dir, env: {} });
    expect(report).toMatchObject({ valid: false, path: join(dir, "missing.md") });
    expect(report.errors[0]?.code).toBe("missing_workflow_file");
  });
});
