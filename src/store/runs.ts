/**
 * Repository for `runs` (§4.5). A claim is the insert of an unfinished run:
 * the partial unique index on `issue_key WHERE phase != 'finished'` turns a
 * double claim into a constraint violation, reported as `already_claimed`.
 */
import type { Kysely } from "kysely";
import { OompahError } from "../domain/errors.js";
import { encodeError, fromRow, isActiveClaimViolation, toRow } from "./run-codec.js";
import type { NewRun, Run, RunPatch } from "./run-codec.js";
import type { Database, RunOutcome, RunPhase } from "./schema.js";

export type { NewRun, Run, RunError, RunPatch } from "./run-codec.js";

export interface RunListFilter {
  project_id?: string;
  issue_id?: string;
  outcome?: RunOutcome;
  /** Default 50. */
  limit?: number;
  /** Cursor: only runs that started strictly before this ISO time. */
  before?: string;
}

export interface RunsRepo {
  insertClaim(run: NewRun): Promise<Run>;
  update(run_id: string, patch: RunPatch): Promise<Run | undefined>;
  get(run_id: string): Promise<Run | undefined>;
  listActive(): Promise<Run[]>;
  list(filter?: RunListFilter): Promise<Run[]>;
  /** Each of `branches` that a run of the project used → the issue of the latest such run. */
  latestIssueByBranch(
    project_id: string,
    branches: readonly string[],
  ): Promise<Map<string, string>>;
  /** Recovery (§7.10): every unfinished run becomes `finished/interrupted`; returns them. */
  markUnfinishedInterrupted(now: Date): Promise<Run[]>;
}

const FINISHED: RunPhase = "finished";

export function createRunsRepo(db: Kysely<Database>): RunsRepo {
  const get = async (run_id: string): Promise<Run | undefined> => {
    const row = await db
      .selectFrom("runs")
      .selectAll()
      .where("run_id", "=", run_id)
      .executeTakeFirst();
    return row && fromRow(row);
  };
  return {
    get,
    async insertClaim(run) {
      const row = toRow(run);
      try {
        return fromRow(
          await db.insertInto("runs").values(row).returningAll().executeTakeFirstOrThrow(),
        );
      } catch (e) {
        if (isActiveClaimViolation(e)) {
          throw new OompahError(
            "already_claimed",
            `issue ${run.issue_key} already has an unfinished run`,
            {
              details: { issue_key: run.issue_key, run_id: run.run_id },
              cause: e,
            },
          );
        }
        throw e;
      }
    },
    async update(run_id, patch) {
      const defined = Object.entries(patch).filter(([, v]) => v !== undefined);
      if (defined.length === 0) return get(run_id);
      const { error, ...rest } = Object.fromEntries(defined) as RunPatch;
      const set = error === undefined ? rest : { ...rest, error: encodeError(error) };
      const row = await db
        .updateTable("runs")
        .set(set)
        .where("run_id", "=", run_id)
        .returningAll()
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async listActive() {
      const rows = await db
        .selectFrom("runs")
        .selectAll()
        .where("phase", "!=", FINISHED)
        .orderBy("started_at", "asc")
        .execute();
      return rows.map(fromRow);
    },
    async list(f = {}) {
      let q = db.selectFrom("runs").selectAll();
      if (f.project_id !== undefined) q = q.where("project_id", "=", f.project_id);
      if (f.issue_id !== undefined) q = q.where("issue_id", "=", f.issue_id);
      if (f.outcome !== undefined) q = q.where("outcome", "=", f.outcome);
      if (f.before !== undefined) q = q.where("started_at", "<", f.before);
      const rows = await q
        .orderBy("started_at", "desc")
        .orderBy("run_id", "desc")
        .limit(f.limit ?? 50)
        .execute();
      return rows.map(fromRow);
    },
    async latestIssueByBranch(project_id, branches) {
      const latest = new Map<string, string>();
      if (branches.length === 0) return latest;
      const rows = await db
        .selectFrom("runs")
        .select(["issue_id", "branch"])
        .where("project_id", "=", project_id)
        .where("branch", "in", [...branches])
        .orderBy("started_at", "desc")
        .orderBy("run_id", "desc")
        .execute();
      for (const r of rows)
        if (r.branch !== null && !latest.has(r.branch)) latest.set(r.branch, r.issue_id);
      return latest;
    },
    async markUnfinishedInterrupted(now) {
      const rows = await db
        .updateTable("runs")
        .set({ phase: FINISHED, outcome: "interrupted", ended_at: now.toISOString() })
        .where("phase", "!=", FINISHED)
        .returningAll()
        .execute();
      return rows.map(fromRow);
    },
  };
}
