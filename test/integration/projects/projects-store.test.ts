import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProjectsStore } from "../../../src/documents/projects.js";
import { SecretBox } from "../../../src/documents/secrets.js";
import { tempDir } from "../../helpers/sandbox.js";

function setup() {
  const dir = tempDir();
  const file = join(dir, ".oompah", "projects.json");
  const secrets = new SecretBox({ env: {}, dataDir: join(dir, "home") });
  return { dir, file, secrets, store: new ProjectsStore(file, secrets) };
}

describe("projects.json store", () => {
  it("reads the original oompah's entries and encrypts their plaintext secrets on migration", async () => {
    const { file, secrets, store } = setup();
    mkdirSync(join(file, ".."), { recursive: true });
    const legacy = [
      {
        id: "proj-1a2b3c4d",
        name: "trickle",
        repo_url: "git@github.com:lesser/trickle.git",
        repo_path: "/home/u/.oompah/repos/trickle",
        branch: "develop",
        git_user_name: "Old Bot",
        git_user_email: "bot@example.com",
        yolo: true,
        webhook_secret: "whsec-plain",
        access_token: "ghp_plaintoken",
        webhook_forwarding_enabled: false,
        paused: true,
      },
    ];
    writeFileSync(file, JSON.stringify(legacy));
    const loaded = await store.load();
    expect(loaded.error).toBeNull();
    expect(store.get("trickle")).toMatchObject({
      id: "proj-1a2b3c4d",
      default_branch: "develop",
      scm: "github",
      git_author_name: "Old Bot",
      git_author_email: "bot@example.com",
      webhook_forwarding: false,
      paused: true,
    });
    const warnings = await store.migratePlaintextSecrets();
    expect(warnings.map((w) => w.code)).toEqual(["plaintext_secret_migrated"]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("whsec-plain");
    expect(text).not.toContain("ghp_plaintoken");
    const saved = store.get("proj-1a2b3c4d");
    expect(secrets.decrypt(saved?.webhook_secret_enc ?? "")).toBe("whsec-plain");
    expect(secrets.decrypt(saved?.access_token_enc ?? "")).toBe("ghp_plaintoken");
  });

  it("keeps the last good registry when a hand edit is invalid (duplicate names)", async () => {
    const { file, store } = setup();
    const a = await store.create({
      name: "a",
      repo_url: "https://gitlab.com/g/a.git",
      scm: "gitlab",
      webhook_forwarding: false,
    });
    const text = readFileSync(file, "utf8");
    const list = JSON.parse(text) as Array<Record<string, unknown>>;
    writeFileSync(file, JSON.stringify([...list, { ...list[0], id: "proj-deadbeef" }]));
    const r = await store.reload();
    expect(r.error?.code).toBe("document_invalid");
    expect(r.error?.message).toMatch(/duplicate project name/);
    expect(store.list().map((p) => p.id)).toEqual([a.id]);
  });

  it("serialises concurrent creates so none is lost", async () => {
    const { store } = setup();
    await Promise.all(
      ["one", "two", "three"].map((name) =>
        store.create({
          name,
          repo_url: `https://example.com/${name}.git`,
          scm: "local",
          webhook_forwarding: false,
        }),
      ),
    );
    const fresh = new ProjectsStore(store.document.path, null);
    await fresh.load();
    expect(
      fresh
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(["one", "three", "two"]);
  });
});
