/**
 * The state documents as the service opens them: hot reload of hand edits,
 * `config_invalid` with the file and field while the last good version stays
 * in use, the plaintext-key migration and `secret_unavailable`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStateDocuments, type StateDocuments } from "../../../src/app/documents.js";
import { SecretBox } from "../../../src/documents/secrets.js";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let docs: StateDocuments | null = null;
afterEach(async () => {
  await docs?.stop();
  docs = null;
});

/**
 * Opens the state documents of a fresh service dir whose `.oompah/` holds
 * `files` (values as JSON unless already text), watching with a short debounce.
 */
async function open(
  files: Record<string, unknown>,
  alerts = new AlertBoard(),
  opts: { watch?: boolean } = {},
): Promise<StateDocuments> {
  const dir = tempDir("oompah-docs-");
  mkdirSync(join(dir, ".oompah"));
  for (const [name, value] of Object.entries(files))
    writeFileSync(
      join(dir, ".oompah", name),
      typeof value === "string" ? value : JSON.stringify(value),
    );
  docs = await openStateDocuments({
    serviceDir: dir,
    dataDir: join(dir, "data"),
    env: {},
    alerts,
    logger: silent,
    debounceMs: 60,
    ...opts,
  });
  return docs;
}

const alertOf = (alerts: AlertBoard, code: string) => alerts.list().find((a) => a.code === code);

describe("state documents", () => {
  it("raises config_invalid for a bad hand edit of foci.json, keeps the last good version, and clears on fix", async () => {
    const alerts = new AlertBoard();
    const state = await open(
      {
        "foci.json": [{ name: "perf", role: "Performance Engineer", keywords: ["latency"] }],
      },
      alerts,
    );
    expect(state.foci.get("perf")?.role).toBe("Performance Engineer");
    expect(alertOf(alerts, "config_invalid")).toBeUndefined();

    writeFileSync(
      state.paths.foci,
      JSON.stringify([
        { name: "perf", role: "Perf" },
        { name: "Bad Name", role: "x" },
      ]),
    );
    const alert = await waitFor(() => alertOf(alerts, "config_invalid"), {
      what: "config_invalid alert",
    });
    expect(alert.message).toContain("foci.json");
    expect(alert.message).toContain("[1].name");
    expect(alert.severity).toBe("error");
    expect(state.foci.get("perf")?.role).toBe("Performance Engineer");

    // A WORKFLOW.md fix clearing the code must not hide the still-invalid document.
    alerts.clear("config_invalid");
    expect(alertOf(alerts, "config_invalid")?.message).toContain("foci.json");

    writeFileSync(
      state.paths.foci,
      JSON.stringify([{ name: "perf", role: "Perf Engineer", keywords: ["p99"] }]),
    );
    await waitFor(() => state.foci.get("perf")?.role === "Perf Engineer", { what: "reload" });
    await waitFor(() => !alertOf(alerts, "config_invalid"), { what: "alert cleared" });
  });

  it("does not clear a WORKFLOW.md config_invalid alert when a document is fixed", async () => {
    const alerts = new AlertBoard();
    const state = await open({ "providers.json": "{ not json" }, alerts);
    expect(alertOf(alerts, "config_invalid")?.message).toMatch(/providers\.json: not valid JSON/);
    alerts.raise({
      code: "config_invalid",
      severity: "error",
      message: "workflow_parse_error: WORKFLOW.md line 3",
    });
    writeFileSync(state.paths.providers, "[]");
    await waitFor(() => state.providers.document.lastError === null, { what: "providers reload" });
    expect(alertOf(alerts, "config_invalid")?.message).toContain("WORKFLOW.md");
  });

  it("[C104] encrypts a legacy plaintext api_key at startup", async () => {
    const legacy = "sk-legacy-plaintext-key-42";
    const state = await open(
      {
        "providers.json": [
          { id: "prov-0000aaaa", name: "Old", base_url: "http://127.0.0.1:1/v1", api_key: legacy },
        ],
      },
      new AlertBoard(),
      { watch: false },
    );
    const text = readFileSync(state.paths.providers, "utf8");
    expect(text).not.toContain(legacy);
    expect(text).toContain('"api_key_enc": "v1:');
    expect(state.providers.apiKey("prov-0000aaaa")).toEqual({
      ok: true,
      key: legacy,
      source: "stored",
    });
  });

  it("raises secret_unavailable for a key encrypted with another secret, and keeps running", async () => {
    const otherKey = Buffer.alloc(32, 7).toString("base64");
    const sealed = new SecretBox({
      env: { OOMPAH_SECRET_KEY: otherKey },
      dataDir: "/nonexistent",
    }).encrypt("sk-abc-12345678");
    const alerts = new AlertBoard();
    const state = await open(
      {
        "providers.json": [
          { id: "prov-0000bbbb", base_url: "http://127.0.0.1:1/v1", api_key_enc: sealed },
          { id: "prov-0000cccc", base_url: "http://127.0.0.1:1/v1" },
        ],
      },
      alerts,
    );
    expect(alertOf(alerts, "secret_unavailable")?.message).toContain("prov-0000bbbb");
    expect(state.providers.list()).toHaveLength(2);

    writeFileSync(
      state.paths.providers,
      JSON.stringify([{ id: "prov-0000cccc", base_url: "http://127.0.0.1:1/v1" }]),
    );
    await waitFor(() => !alertOf(alerts, "secret_unavailable"), { what: "secret alert cleared" });
  });
});
