/**
 * Dispatch preflight (SPEC §7.1 step 1): before new work starts, the
 * effective config's prerequisites are re-checked — every secret that came
 * from an environment variable still resolves (from the live environment or
 * the `.env` file), and every project's tracker adapter can be built. A
 * failure raises `dispatch_preflight_failed` and skips dispatch for the tick
 * while reconciliation and the other steps still run.
 */
import { readDotenv } from "../config/dotenv.js";
import type { ProjectTrackerSlot } from "../trackers/project-trackers.js";
import type { DispatchDeps } from "./dispatch-deps.js";

const ALERT = "dispatch_preflight_failed";

/** The problems found; empty when dispatch may proceed. */
export async function preflightProblems(
  deps: DispatchDeps,
  slots: readonly ProjectTrackerSlot[],
): Promise<string[]> {
  const problems: string[] = [];
  const { secrets, envFile } = deps.config.current;
  let dotenv: Record<string, string> | null | undefined;
  for (const s of secrets) {
    if (!s.source.startsWith("env:")) continue;
    const name = s.source.slice(4);
    if (deps.env[name]) continue;
    if (dotenv === undefined)
      dotenv = envFile ? ((await readDotenv(envFile).catch(() => null))?.values ?? null) : null;
    if (dotenv?.[name]) continue;
    problems.push(`${s.path} references $${name}, which is no longer set`);
  }
  for (const slot of slots) {
    if (slot.ok || slot.error.code === "project_not_ready") continue;
    problems.push(
      `the tracker of project ${slot.name} cannot be built (${slot.error.code}: ${slot.error.message})`,
    );
  }
  return problems;
}

/** Runs the preflight and raises or clears the alert; true when dispatch may proceed. */
export async function preflight(
  deps: DispatchDeps,
  slots: readonly ProjectTrackerSlot[],
): Promise<boolean> {
  const problems = await preflightProblems(deps, slots);
  if (problems.length === 0) {
    deps.alerts.clear(ALERT);
    return true;
  }
  deps.alerts.raise({
    code: ALERT,
    severity: "error",
    message: `new dispatch stopped: ${problems.join("; ")}`,
    hint: "restore the missing environment variables or fix the tracker settings; running work continues",
  });
  return false;
}
