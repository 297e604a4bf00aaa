/**
 * The README's "Connect a real provider and repository in five minutes",
 * performed literally: the commands and the providers.json are read out of
 * README.md itself and run as a user would (the built `oompah` bin, a
 * service started with `oompah start`), with two substitutions only — the
 * provider's base URL points at the fake OpenAI-compatible server and the
 * repository URL at a local bare repository. From `oompah init` to a branch
 * delivered to that repository.
 */
import { execFile, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai-server.js";
import { git, makeRepoWithOrigin, tempDir, waitFor } from "../helpers/sandbox.js";
import { cleanEnv, freePort } from "../integration/demo/demo-process.js";
import { REPO_ROOT } from "./browser.js";

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "bin", "oompah.js");
const KEY = "sk-readme-journey-0123456789";

/** The README section a user follows, split into its fenced blocks. */
function readmeSection(): { sh: string[][]; json: string } {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf("## Connect a real provider and repository");
  const end = readme.indexOf("\n## ", start + 1);
  expect(start, "the README has the section").toBeGreaterThan(0);
  const section = readme.slice(start, end);
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
  const sh = blocks
    .filter((b) => b[1] === "sh")
    .flatMap((b) => b[2]!.replace(/\\\n\s*/g, " ").split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.startsWith("npx oompah "))
    .map(shellWords);
  const json = blocks.find((b) => b[1] === "json")?.[2];
  expect(json, "the README shows providers.json").toBeDefined();
  return { sh, json: json! };
}

/** Splits a command line the way sh would for the quoting the README uses. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[1]?.replace(/\\(.)/g, "$1") ?? m[2] ?? m[3]!);
  }
  return words;
}

/** The model's side of the task: read the README, fix the typo, finish. */
function scriptTypoFix(fake: FakeOpenAI): void {
  fake.setHandler((req) => {
    const messages = req.body?.messages ?? [];
    if (JSON.stringify(messages).includes("Reply with OK")) return { content: "OK" };
    const turn = messages.filter((m) => m.role === "assistant").length;
    if (turn === 0) return { toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] };
    if (turn === 1) {
      return {
        toolCalls: [
          {
            name: "edit_file",
            arguments: { path: "README.md", old_string: "libary", new_string: "library" },
          },
        ],
      };
    }
    return {
      toolCalls: [{ name: "finish", arguments: { summary: "Fixed 'libary' → 'library'." } }],
    };
  });
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});

describe("the README's five-minute setup", () => {
  it("takes a user from `oompah init` to a delivered branch, exactly as written", async () => {
    const { sh, json } = readmeSection();
    const fake = await startFakeOpenAI({ apiKey: KEY });
    stops.push(() => fake.close());
    scriptTypoFix(fake);
    const repo = makeRepoWithOrigin({ "README.md": "# sample\n\nThis libary is small.\n" });

    const tmp = tempDir("oompah-readme-");
    const dir = join(tmp, "project");
    mkdirSync(join(tmp, "home"));
    mkdirSync(dir);
    const port = await freePort();
    const env = {
      ...cleanEnv(tmp),
      GIT_CONFIG_GLOBAL: repo.env.GIT_CONFIG_GLOBAL,
      GIT_CONFIG_NOSYSTEM: "1",
      OPENAI_API_KEY: KEY,
      // The default workspace root is shared by every service on the machine.
      OOMPAH_WORKSPACE_ROOT: join(tmp, "worktrees"),
      // The README's service listens on 8080; the test's on a free port.
      OOMPAH_SERVER_URL: `http://127.0.0.1:${port}`,
    };
    let id = "";
    const oompah = async (words: string[]) => {
      const args = words
        .slice(2)
        .map((w) => (w === "git@github.com:you/your-repo.git" ? repo.origin : w))
        .map((w) => (w === "<ID>" ? id : w));
      const r = await run(process.execPath, [BIN, ...args], { cwd: dir, env }).catch(
        (e: Error & { stdout?: string; stderr?: string }) => {
          throw new Error(`oompah ${args.join(" ")} failed: ${e.message}\n${e.stderr ?? ""}`);
        },
      );
      return r.stdout;
    };
    const commands = (verb: string) => sh.filter((w) => w[2] === verb);
    expect(sh.map((w) => w[2])).toEqual([
      "init",
      "validate",
      "project",
      "project",
      "task",
      "route",
    ]);

    // 1. Write a workflow and check it.
    await oompah(commands("init")[0]!);
    expect(await oompah(commands("validate")[0]!)).toContain("is valid");

    // 2. Add a provider: the README's providers.json, pointed at the fake endpoint.
    const providers = JSON.parse(json) as Array<Record<string, unknown>>;
    providers[0]!.base_url = fake.baseUrl;
    mkdirSync(join(dir, ".oompah"));
    writeFileSync(join(dir, ".oompah", "providers.json"), JSON.stringify(providers, null, 2));
    expect(await oompah(commands("validate")[0]!)).toContain("is valid");

    const service = spawn(process.execPath, [BIN, "start", "--port", String(port)], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    service.stdout.on("data", (b: Buffer) => (log += b.toString()));
    service.stderr.on("data", (b: Buffer) => (log += b.toString()));
    const exited = new Promise<number | null>((ok) => service.once("exit", ok));
    stops.push(async () => {
      if (service.exitCode === null) service.kill("SIGKILL");
      await exited;
    });
    const url = env.OOMPAH_SERVER_URL;
    await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok, {
      what: `the service\n${log}`,
      timeoutMs: 30_000,
    });
    // … and test it, as the README's curl does.
    const listed = (await (await fetch(`${url}/api/v1/providers`)).json()) as {
      providers: Array<{ id: string; api_key_set: boolean }>;
    };
    expect(listed.providers).toHaveLength(1);
    expect(listed.providers[0]!.api_key_set).toBe(true);
    const test = await fetch(`${url}/api/v1/providers/${listed.providers[0]!.id}/test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(await test.json()).toMatchObject({ ok: true, model: "gpt-4.1-mini" });

    // 3. Register the repository.
    const [add, list] = commands("project");
    expect(await oompah(add!)).toContain("ready");
    expect(await oompah(list!)).toMatch(/origin\s+ready\s+local\s+oompah_md\s+main/);

    // 4. Create a task and see how it would be routed.
    id = (await oompah(commands("task")[0]!)).trim();
    expect(id).toMatch(/^ORIGIN-\d+$/);
    expect(await oompah(commands("route")[0]!)).toMatch(/provider: \S+ \(OpenAI\)/);

    // 5. Watch it: the issue reaches In Review with the branch pushed and a comment.
    const view = await waitFor(
      async () => {
        const out = await oompah(["npx", "oompah", "task", "view", id, "--json"]);
        const v = JSON.parse(out) as {
          issue: { state: string };
          comments: Array<{ text: string }>;
        };
        // The status moves first, then the completion comment is posted.
        const done = v.comments.some((c) => c.text.includes("Pushed branch"));
        return v.issue.state === "In Review" && done ? v : null;
      },
      {
        what: `${id} In Review with its completion comment\n${log}`,
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    const branch = `oompah/${id.toLowerCase()}`;
    expect(view.comments.map((c) => c.text).join("\n")).toContain(`Pushed branch ${branch}`);
    expect(git(repo.root, repo.env, "--git-dir", repo.origin, "show", `${branch}:README.md`)).toBe(
      "# sample\n\nThis library is small.",
    );
    expect(log).not.toContain(KEY);

    service.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 120_000);
});
