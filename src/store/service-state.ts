/**
 * `service_state`: small named JSON documents (`epoch`, `paused`,
 * `budget_reset_at`, `rate_limit_cooldowns`, …). Values round-trip through
 * JSON, so only JSON-serialisable values belong here.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Typed access to `service_state`. */
export interface ServiceStateRepo {
  /** The stored value, or undefined when the key is absent. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Inserts or replaces the value. */
  set(key: string, value: unknown): Promise<void>;
  /** Removes the key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export function createServiceStateRepo(db: Kysely<Database>, now: () => Date): ServiceStateRepo {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const row = await db
        .selectFrom("service_state")
        .select("value")
        .where("key", "=", key)
        .executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    async set(key, value) {
      const json = JSON.stringify(value);
      if (json === undefined)
        throw new TypeError(`service_state.${key}: value is not JSON-serialisable`);
      const updated_at = now().toISOString();
      await db
        .insertInto("service_state")
        .values({ key, value: json, updated_at })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at }))
        .execute();
    },
    async delete(key) {
      await db.deleteFrom("service_state").where("key", "=", key).execute();
    },
  };
}
