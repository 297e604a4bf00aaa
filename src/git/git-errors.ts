/**
 * Turns a failed git invocation into a typed OompahError. Classification
 * reads stderr, which the wrapper forces to the C locale.
 *
 * Codes: `push_rejected` (non-fast-forward or refused by the remote),
 * `auth_failed`, `rebase_conflict`, and `git_failed` for everything else;
 * all carry `{ args, exit_code, stderr_tail }` in `details`.
 */
import { OompahError } from "../domain/errors.js";

const STDERR_TAIL_CHARS = 2000;

const AUTH_PATTERNS = [
  /Authentication failed/i,
  /could not read (Username|Password)/i,
  /terminal prompts disabled/i,
  /Permission denied \(publickey/i,
  /The requested URL returned error: 40[13]/i,
  /HTTP Basic: Access denied/i,
];
const REJECTED_PATTERNS = [
  /\[rejected\]/,
  /\[remote rejected\]/,
  /non-fast-forward/,
  /fetch first/,
];
const CONFLICT_PATTERNS = [/^CONFLICT/m, /could not apply/i, /Resolve all conflicts manually/i];

/** The last `max` characters of `text`, trimmed. */
export function tail(text: string, max = STDERR_TAIL_CHARS): string {
  const t = text.trim();
  return t.length <= max ? t : t.slice(t.length - max);
}

/** The OompahError for a git command that exited with `exitCode`. */
export function classifyGitFailure(
  args: readonly string[],
  exitCode: number,
  stderr: string,
  stdout = "",
): OompahError {
  const sub = args[0] ?? "";
  const details = { args: [...args], exit_code: exitCode, stderr_tail: tail(stderr) };
  // `push --porcelain` reports refusals on stdout; rebase prints CONFLICT lines there.
  const firstLine =
    tail(stderr)
      .split("\n")
      .find((l) => l.trim() !== "") ?? "";
  if (AUTH_PATTERNS.some((p) => p.test(stderr))) {
    return new OompahError("auth_failed", `git ${sub}: authentication failed`, {
      hint: "check the project's credentials (access token or SSH key) for the remote",
      details,
    });
  }
  const both = `${stdout}\n${stderr}`;
  if (sub === "push" && REJECTED_PATTERNS.some((p) => p.test(both))) {
    return new OompahError("push_rejected", `git push was rejected: ${firstLine}`, {
      hint: "the remote branch moved or refused the update; fetch, integrate and push again",
      details,
    });
  }
  if ((sub === "rebase" || sub === "merge") && CONFLICT_PATTERNS.some((p) => p.test(both))) {
    return new OompahError("rebase_conflict", `git ${sub} stopped on a conflict`, { details });
  }
  return new OompahError(
    "git_failed",
    `git ${sub} failed with exit code ${exitCode}: ${firstLine}`,
    {
      details,
    },
  );
}
