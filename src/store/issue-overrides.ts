/**
 * Repository for `issue_overrides` (§6, §13.3, §9.2): per-issue operator
 * overrides keyed by the internal issue key (`<project_id>:<issue_id>`).
 * Setting one field never touches the other, and a row whose fields are all
 * cleared is removed so the table only holds live overrides.
 */
import type { Kysely } from "kysely";
import type { Database, IssueOverridesTable } from "./schema.js";

/** The overrides of one issue. */
export type IssueOverrides = Omit<IssueOverridesTable, "issue_key">;

export interface IssueOverridesRepo {
  get(issue_key: string): Promise<IssueOverrides | undefined>;
  /** The per-issue cost cap override in USD; null = none (use `agent.max_cost_per_issue`). */
  costCap(issue_key: string): Promise<number | null>;
  /** Sets (or with null clears) the cost cap override. */
  setCostCap(issue_key: string, usd: number | null): Promise<void>;
}

export function createIssueOverridesRepo(
  db: Kysely<Database>,
  now: () => Date,
): IssueOverridesRepo {
  const get = (issue_key: string) =>
    db
      .selectFrom("issue_overrides")
      .select(["cost_cap_usd", "escalated_profile", "updated_at"])
      .where("issue_key", "=", issue_key)
      .executeTakeFirst();
  return {
    get,
    async costCap(issue_key) {
      return (await get(issue_key))?.cost_cap_usd ?? null;
    },
    async setCostCap(issue_key, usd) {
      const updated_at = now().toISOString();
      await db
        .insertInto("issue_overrides")
        .values({ issue_key, cost_cap_usd: usd, escalated_profile: null, updated_at })
        .onConflict((oc) => oc.column("issue_key").doUpdateSet({ cost_cap_usd: usd, updated_at }))
        .execute();
      await db
        .deleteFrom("issue_overrides")
        .where("issue_key", "=", issue_key)
        .where("cost_cap_usd", "is", null)
        .where("escalated_profile", "is", null)
        .execute();
    },
  };
}
