/**
 * Run tokens (SPEC §19.3): `ort_<base64url>` where the base64url blob is a
 * 32-byte HMAC-SHA256 tag followed by the JSON claims
 * `{run_id, project_id, issue_id, exp}`. The key is 32 random bytes kept in
 * the store's `service_state` (`run_token_key`), so tokens survive a restart
 * and only this store can mint them. A token stops working at `exp` or, once
 * its run finished, 60 s after the run's end (revocation is read from the
 * `runs` row, so it is durable too).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { RunsRepo } from "../store/runs.js";
import type { ServiceStateRepo } from "../store/service-state.js";

/** What a run token grants: its own run, project and issue, until `exp` (epoch seconds). */
export interface RunTokenClaims {
  run_id: string;
  project_id: string;
  issue_id: string;
  exp: number;
}

export const RUN_TOKEN_PREFIX = "ort_";
const KEY_STATE = "run_token_key";
const KEY_BYTES = 32;
const TAG_BYTES = 32;
/** How long a token outlives its run (§19.3). */
export const RUN_TOKEN_GRACE_MS = 60_000;

/** Reads the signing key from `service_state`, creating it on first use. */
export async function loadRunTokenKey(state: ServiceStateRepo): Promise<Buffer> {
  const stored = await state.get<string>(KEY_STATE);
  if (typeof stored === "string") {
    const key = Buffer.from(stored, "base64");
    if (key.length === KEY_BYTES) return key;
  }
  const key = randomBytes(KEY_BYTES);
  await state.set(KEY_STATE, key.toString("base64"));
  return key;
}

/** The caller identity a valid run token yields (the server's `AuthContext` of kind `run`). */
export interface RunAuth {
  kind: "run";
  runId: string;
  projectId: string;
  issueId: string;
}

/** Mints and verifies run tokens with one key. */
export class RunTokens {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  mint(claims: RunTokenClaims): string {
    const body = Buffer.from(JSON.stringify(claims), "utf8");
    const tag = this.tag(body);
    return RUN_TOKEN_PREFIX + Buffer.concat([tag, body]).toString("base64url");
  }

  /** The claims of a well-signed, unexpired token, else null (never throws). */
  verify(token: string): RunTokenClaims | null {
    if (!token.startsWith(RUN_TOKEN_PREFIX)) return null;
    const raw = Buffer.from(token.slice(RUN_TOKEN_PREFIX.length), "base64url");
    if (raw.length <= TAG_BYTES) return null;
    const tag = raw.subarray(0, TAG_BYTES);
    const body = raw.subarray(TAG_BYTES);
    if (!timingSafeEqual(tag, this.tag(body))) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(body.toString("utf8"));
    } catch {
      return null;
    }
    if (!isClaims(claims)) return null;
    return claims.exp * 1000 > this.now().getTime() ? claims : null;
  }

  private tag(body: Buffer): Buffer {
    return createHmac("sha256", this.key).update(body).digest();
  }
}

function isClaims(v: unknown): v is RunTokenClaims {
  if (!v || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.run_id === "string" &&
    typeof o.project_id === "string" &&
    typeof o.issue_id === "string" &&
    typeof o.exp === "number"
  );
}

/**
 * The server's `authenticate` hook for run tokens: a valid signature, an
 * unexpired claim, and a run that is still active or ended less than 60 s ago.
 */
export function runTokenAuthenticator(
  tokens: RunTokens,
  runs: Pick<RunsRepo, "get">,
  now: () => Date = () => new Date(),
): (bearer: string) => Promise<RunAuth | null> {
  return async (bearer) => {
    const claims = tokens.verify(bearer);
    if (!claims) return null;
    const run = await runs.get(claims.run_id);
    if (!run || run.project_id !== claims.project_id || run.issue_id !== claims.issue_id)
      return null;
    if (run.phase === "finished") {
      const ended = run.ended_at === null ? 0 : Date.parse(run.ended_at);
      if (now().getTime() > ended + RUN_TOKEN_GRACE_MS) return null;
    }
    return {
      kind: "run",
      runId: claims.run_id,
      projectId: claims.project_id,
      issueId: claims.issue_id,
    };
  };
}
