/**
 * Repository for `project_runtime` (§6): per-project runtime status that is
 * not configuration — clone status and error, last sync, webhook and
 * forwarder health. projects.json stays the operator's document; this row is
 * ours and may be rebuilt at any time.
 */
import type { Kysely, Selectable } from "kysely";
import type { Database, ProjectRuntimeTable } from "./schema.js";

/** One project's runtime row. */
export type ProjectRuntime = Selectable<ProjectRuntimeTable>;

/** Columns a caller may change; omitted columns keep their value. */
export type ProjectRuntimePatch = Partial<Omit<ProjectRuntime, "project_id" | "updated_at">>;

export interface ProjectRuntimeRepo {
  get(projectId: string): Promise<ProjectRuntime | undefined>;
  list(): Promise<ProjectRuntime[]>;
  /** Inserts the row or updates the given columns. */
  upsert(projectId: string, patch: ProjectRuntimePatch): Promise<ProjectRuntime>;
  delete(projectId: string): Promise<void>;
}

export function createProjectRuntimeRepo(
  db: Kysely<Database>,
  now: () => Date = () => new Date(),
): ProjectRuntimeRepo {
  const get = (projectId: string): Promise<ProjectRuntime | undefined> =>
    db
      .selectFrom("project_runtime")
      .selectAll()
      .where("project_id", "=", projectId)
      .executeTakeFirst();
  return {
    get,
    list: () => db.selectFrom("project_runtime").selectAll().orderBy("project_id").execute(),
    async upsert(projectId, patch) {
      const updated_at = now().toISOString();
      const set = { ...patch, updated_at };
      await db
        .insertInto("project_runtime")
        .values({
          project_id: projectId,
          clone_status: null,
          clone_error: null,
          last_sync_at: null,
          last_webhook_at: null,
          forwarder_state: null,
          ...set,
        })
        .onConflict((oc) => oc.column("project_id").doUpdateSet(set))
        .execute();
      const row = await get(projectId);
      if (!row) throw new Error(`project_runtime row ${projectId} vanished after upsert`);
      return row;
    },
    async delete(projectId) {
      await db.deleteFrom("project_runtime").where("project_id", "=", projectId).execute();
    },
  };
}
