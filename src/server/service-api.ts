/**
 * The port the HTTP routes call. The composition root implements it over the
 * orchestrator, store and config; tests use a small fake. Everything returned
 * here is already safe to send (config secrets redacted, §19.4).
 */
import { z } from "zod";
import type { StateSnapshot } from "./state-schema.js";

export { StateSnapshotSchema } from "./state-schema.js";
export type { StateSnapshot, RunningEntry, RetryEntry } from "./state-schema.js";

/** `GET /healthz`. */
export const HealthSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
  epoch: z.string().describe("Store epoch (changes only when the store is recreated)"),
  uptime_s: z.number().describe("Seconds since start"),
});

export type HealthInfo = z.infer<typeof HealthSchema>;

export interface ServiceApi {
  health(): HealthInfo;
  state(): Promise<StateSnapshot>;
  /** The effective config with secrets replaced by `{secret: true, source}`, plus last error and warnings. */
  config(): unknown;
  /** Requests a coalesced orchestrator tick. */
  refresh(): void;
}
