/**
 * `oompah doctor` (SPEC §18): every check reports ok / warn / fail with a fix
 * hint. Tools are looked up on the PATH of the environment given, so a test
 * can prove that a missing git is a failure.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { isPackageInstalled, installHint, OPTIONAL_PACKAGES } from "../agents/optional-packages.js";
import { toOompahError } from "../domain/errors.js";
import { isLoopbackHost } from "../domain/hosts.js";
import type { LoadedWorkflow } from "../config/load.js";
import { openStore } from "../store/db.js";
import { parseVersion, probe, versionAtLeast } from "./probe.js";

export type CheckStatus = "ok" | "warn" | "fail";

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
}

const ok = (name: string, detail: string): CheckResult => ({ name, status: "ok", detail });
const warn = (name: string, detail: string, hint: string): CheckResult => ({
  name,
  status: "warn",
  detail,
  hint,
});
const fail = (name: string, detail: string, hint: string): CheckResult => ({
  name,
  status: "fail",
  detail,
  hint,
});

export function checkNode(version = process.versions.node): CheckResult {
  const v = parseVersion(version);
  return v && versionAtLeast(v, [20, 19, 0])
    ? ok("node", `Node.js ${version}`)
    : fail("node", `Node.js ${version} is too old`, "install Node.js 20.19 or newer");
}

export async function checkTools(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const git = await probe("git", ["--version"], env);
  const gitVersion = git ? parseVersion(git.output) : null;
  if (!git || !gitVersion) {
    results.push(
      fail("git", "git not found on PATH", "install git 2.38 or newer (apt-get install git)"),
    );
  } else if (!versionAtLeast(gitVersion, [2, 38, 0])) {
    results.push(fail("git", `${git.output} is older than 2.38`, "upgrade git to 2.38 or newer"));
  } else {
    results.push(ok("git", git.output));
  }
  const lfs = await probe("git-lfs", ["--version"], env);
  results.push(
    lfs?.ok
      ? ok("git-lfs", lfs.output)
      : warn(
          "git-lfs",
          "git-lfs not found: attachments are stored without LFS",
          "apt-get install git-lfs",
        ),
  );
  const bash = await probe("bash", ["--version"], env);
  results.push(
    bash?.ok
      ? ok("bash", bash.output)
      : fail("bash", "bash not found: hooks and run_command cannot run", "install bash"),
  );
  results.push(await checkGh(env));
  const bd = await probe("bd", ["--version"], env);
  results.push(
    bd?.ok
      ? ok("bd", bd.output)
      : warn(
          "bd",
          "bd (beads) not found: only needed for the beads tracker",
          "install beads (`bd`) and run `bd init` in the repository",
        ),
  );
  return results;
}

async function checkGh(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const gh = await probe("gh", ["--version"], env);
  if (!gh?.ok) {
    return warn(
      "gh",
      "gh not found: GitHub webhook forwarding is off",
      "install the GitHub CLI (gh) and run `gh auth login`",
    );
  }
  const auth = await probe("gh", ["auth", "status"], env);
  if (!auth?.ok) return warn("gh", `${gh.output}, not authenticated`, "run `gh auth login`");
  const ext = await probe("gh", ["extension", "list"], env);
  if (!ext?.ok || !/gh-webhook/.test(ext.output)) {
    return warn(
      "gh",
      `${gh.output}, extension cli/gh-webhook missing`,
      "gh extension install cli/gh-webhook",
    );
  }
  return ok("gh", gh.output);
}

export function checkOptionalPackages(): CheckResult[] {
  return OPTIONAL_PACKAGES.map((p) =>
    isPackageInstalled(p.name)
      ? ok(p.name, `installed (${p.usedBy})`)
      : warn(p.name, `not installed (needed only for ${p.usedBy})`, installHint(p.name)),
  );
}

export async function checkDataDir(dataDir: string): Promise<CheckResult[]> {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch (e) {
    return [
      fail(
        "data_dir",
        `${dataDir} is not writable: ${String(e)}`,
        "set data_dir or OOMPAH_HOME to a writable directory",
      ),
    ];
  }
  try {
    const store = await openStore({ dataDir });
    await store.close();
    return [
      ok("data_dir", `${dataDir} writable, lock free`),
      ok("store", "opens; migrations current"),
    ];
  } catch (e) {
    const err = toOompahError(e);
    return [
      fail(
        err.code === "data_dir_locked" ? "data_dir" : "store",
        err.message,
        err.hint ?? "see the error code in docs/troubleshooting.md",
      ),
    ];
  }
}

export function checkPortFree(host: string, port: number | null): Promise<CheckResult> {
  if (port === null) return Promise.resolve(ok("port", "HTTP server disabled"));
  if (port === 0) return Promise.resolve(ok("port", "ephemeral port"));
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", (e: NodeJS.ErrnoException) =>
      resolve(
        fail(
          "port",
          `${host}:${port} is not free (${e.code ?? e.message})`,
          "stop the other process or set server.port / --port",
        ),
      ),
    );
    srv.listen(port, host, () => srv.close(() => resolve(ok("port", `${host}:${port} free`))));
  });
}

export function checkToken(loaded: LoadedWorkflow): CheckResult {
  const { host, api_token } = loaded.config.server;
  if (isLoopbackHost(host)) return ok("api_token", `loopback bind (${host})`);
  return api_token
    ? ok("api_token", `token configured for ${host}`)
    : fail(
        "api_token",
        `${host} is not loopback and no token is set`,
        "set OOMPAH_API_TOKEN to a random string of 24+ characters",
      );
}
