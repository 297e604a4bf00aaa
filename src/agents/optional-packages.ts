/**
 * Optional npm packages that some backends and the Postgres store need
 * (SPEC §2). They are never in the default install; a missing one yields
 * `backend_unavailable` whose hint is the exact install command.
 */
import { OompahError } from "../domain/errors.js";

export interface OptionalPackage {
  /** npm package name. */
  name: string;
  /** What needs it (backend or feature). */
  usedBy: string;
}

export const OPTIONAL_PACKAGES: readonly OptionalPackage[] = [
  { name: "@anthropic-ai/claude-agent-sdk", usedBy: "backend claude" },
  { name: "@openai/codex-sdk", usedBy: "backend codex" },
  { name: "@openai/agents", usedBy: "backend codex" },
  { name: "pg", usedBy: "store postgres" },
];

export function installHint(pkg: string): string {
  return `npm install ${pkg}`;
}

/** True when the package can be resolved from oompah's own location. */
export function isPackageInstalled(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

export function backendUnavailable(pkg: OptionalPackage): OompahError {
  return new OompahError(
    "backend_unavailable",
    `${pkg.usedBy} needs the optional package ${pkg.name}, which is not installed`,
    { hint: installHint(pkg.name) },
  );
}
