/**
 * Whether each agent backend (SPEC §10) can run on this machine, for
 * `GET /api/v1/backends`, the provider test and `oompah doctor`. SDK backends
 * depend on optional npm packages: a missing one is `backend_unavailable` with
 * the exact `npm install` hint (§2) and never affects the other backends.
 * Process backends (acp, command) need bash; `mock` needs OOMPAH_ALLOW_MOCK=1.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";
import {
  OPTIONAL_PACKAGES,
  backendUnavailable,
  installHint,
  isPackageInstalled,
} from "../agents/optional-packages.js";
import { OompahError } from "../domain/errors.js";
import { BACKENDS, type Backend, type Provider } from "../domain/provider.js";

/** One backend's availability as the API reports it. */
export interface BackendStatus {
  name: Backend;
  available: boolean;
  /** `backend_unavailable` when not available. */
  code?: "backend_unavailable";
  message?: string;
  /** What to do to make it available (an install command for SDK backends). */
  hint?: string;
  /** npm packages the backend loads, and whether each resolves. */
  packages: Array<{ name: string; installed: boolean }>;
}

export interface AvailabilityDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves a package from oompah's location (injectable for tests). */
  isInstalled?: (pkg: string) => boolean;
}

/** Packages per backend, in order of preference (codex: CLI mode first, then Agents SDK). */
const PACKAGES: Readonly<Record<Backend, readonly string[]>> = {
  api: ["openai"],
  acp: [],
  claude: ["@anthropic-ai/claude-agent-sdk"],
  codex: ["@openai/codex-sdk", "@openai/agents"],
  command: [],
  mock: [],
};

/** The package a provider's backend (and codex mode) needs, if any. */
export function packageFor(provider: Pick<Provider, "backend" | "codex_mode">): string | null {
  if (provider.backend === "codex")
    return provider.codex_mode === "agents" ? "@openai/agents" : "@openai/codex-sdk";
  return PACKAGES[provider.backend][0] ?? null;
}

function missingPackage(name: string): OompahError {
  const known = OPTIONAL_PACKAGES.find((p) => p.name === name);
  return known
    ? backendUnavailable(known)
    : new OompahError("backend_unavailable", `the package ${name} is not installed`, {
        hint: installHint(name),
      });
}

/**
 * The program a shell command line starts: the first word after leading
 * `NAME=value` assignments, unquoted. Null for an empty command.
 */
export function commandProgram(commandLine: string): string | null {
  const words = commandLine.trim().match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return first ? first.replace(/["']/g, "") : null;
}

/**
 * The absolute path of `program` on the PATH of `env`, or null. A program
 * containing a slash is returned as given when it is relative or executable.
 */
export async function resolveOnPath(
  program: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  const executable = async (p: string): Promise<boolean> =>
    access(p, constants.X_OK).then(
      () => true,
      () => false,
    );
  // A relative path is resolved in the worktree at run time, so it cannot be checked here.
  if (program.includes("/"))
    return !isAbsolute(program) || (await executable(program)) ? program : null;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, program);
    if (await executable(candidate)) return candidate;
  }
  return null;
}

async function status(name: Backend, deps: AvailabilityDeps): Promise<BackendStatus> {
  const isInstalled = deps.isInstalled ?? isPackageInstalled;
  const packages = PACKAGES[name].map((p) => ({ name: p, installed: isInstalled(p) }));
  const fail = (err: OompahError): BackendStatus => ({
    name,
    available: false,
    code: "backend_unavailable",
    message: err.message,
    ...(err.hint ? { hint: err.hint } : {}),
    packages,
  });
  const [preferred] = packages;
  if (preferred && !packages.some((p) => p.installed)) return fail(missingPackage(preferred.name));
  if ((name === "acp" || name === "command") && !(await resolveOnPath("bash", deps.env))) {
    return fail(
      new OompahError(
        "backend_unavailable",
        `backend ${name} runs its agent through bash, which is not on PATH`,
        {
          hint: "install bash",
        },
      ),
    );
  }
  if (name === "mock" && deps.env.OOMPAH_ALLOW_MOCK !== "1") {
    return fail(
      new OompahError(
        "backend_unavailable",
        "the mock backend is for tests and `oompah demo` only",
        {
          hint: "set OOMPAH_ALLOW_MOCK=1, or run `oompah demo`",
        },
      ),
    );
  }
  return { name, available: true, packages };
}

/** Every backend of SPEC §10 with its availability, in the canonical order. */
export function backendStatuses(deps: AvailabilityDeps): Promise<BackendStatus[]> {
  return Promise.all(BACKENDS.map((b) => status(b, deps)));
}

/** `backend_unavailable` for a provider whose backend (or codex mode) package is missing, else null. */
export function providerBackendError(
  provider: Pick<Provider, "backend" | "codex_mode">,
  isInstalled: (pkg: string) => boolean = isPackageInstalled,
): OompahError | null {
  const pkg = packageFor(provider);
  return pkg !== null && !isInstalled(pkg) ? missingPackage(pkg) : null;
}
