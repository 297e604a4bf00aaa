import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  RUN_TOKEN_PREFIX,
  RunTokens,
  runTokenAuthenticator,
} from "../../../src/orchestrator/run-token.js";
import type { Run } from "../../../src/store/runs.js";

const claims = { run_id: "r1", project_id: "p1", issue_id: "I-1", exp: 2_000_000_000 };

describe("run tokens", () => {
  it("mints ort_<base64url> tokens that verify to their claims", () => {
    const t = new RunTokens(randomBytes(32), () => new Date(1_000_000_000_000));
    const token = t.mint(claims);
    expect(token.startsWith(RUN_TOKEN_PREFIX)).toBe(true);
    expect(token.slice(4)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(t.verify(token)).toEqual(claims);
  });

  it("rejects tampered, foreign-key and expired tokens", () => {
    const now = { t: 1_000_000_000_000 };
    const t = new RunTokens(randomBytes(32), () => new Date(now.t));
    const token = t.mint(claims);
    const raw = Buffer.from(token.slice(4), "base64url");
    raw.writeUInt8((raw.at(-2) ?? 0) ^ 1, raw.length - 2);
    expect(t.verify(`ort_${raw.toString("base64url")}`)).toBeNull();
    expect(new RunTokens(randomBytes(32)).verify(token)).toBeNull();
    expect(t.verify("ort_")).toBeNull();
    expect(t.verify("Bearer x")).toBeNull();
    now.t = claims.exp * 1000 + 1;
    expect(t.verify(token)).toBeNull();
  });

  it("authenticates as the run while it is active and until 60 s after it finished", async () => {
    let now = 1_000_000_000_000;
    const t = new RunTokens(randomBytes(32), () => new Date(now));
    const run = {
      run_id: "r1",
      project_id: "p1",
      issue_id: "I-1",
      phase: "running",
      ended_at: null,
    } as unknown as Run;
    const auth = runTokenAuthenticator(
      t,
      { get: (id) => Promise.resolve(id === "r1" ? run : undefined) },
      () => new Date(now),
    );
    const token = t.mint(claims);
    expect(await auth(token)).toEqual({
      kind: "run",
      runId: "r1",
      projectId: "p1",
      issueId: "I-1",
    });
    Object.assign(run, { phase: "finished", ended_at: new Date(now).toISOString() });
    now += 59_000;
    expect(await auth(token)).not.toBeNull();
    now += 2_000;
    expect(await auth(token)).toBeNull();
    expect(await auth(t.mint({ ...claims, run_id: "other" }))).toBeNull();
  });
});
