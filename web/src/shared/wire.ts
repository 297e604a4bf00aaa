/**
 * Wire types of the public API, inferred from the server's zod schemas so the
 * dashboard never hand-mirrors them (type-only imports: nothing of the server
 * is bundled). The status list is the one runtime value shared with it.
 */
import type { z } from "zod";
import type {
  BoardSchema,
  CommentSchema,
  IssueDetailSchema,
  IssueSchema,
} from "../../../src/server/routes/issue-schemas.js";
import type { RoutingExplanationSchema } from "../../../src/server/routes/routing.js";
import type { RunSchema } from "../../../src/server/routes/run-schemas.js";
import type {
  AlertSchema,
  RetryEntrySchema,
  RunningEntrySchema,
  StateSnapshotSchema,
} from "../../../src/server/state-schema.js";

export { CANONICAL_STATUSES, DEFAULT_TERMINAL_STATES } from "../../../src/domain/status.js";
export type { CanonicalStatus } from "../../../src/domain/status.js";

export type Issue = z.infer<typeof IssueSchema>;
export type Board = z.infer<typeof BoardSchema>;
export type Comment = z.infer<typeof CommentSchema>;
export type IssueDetail = z.infer<typeof IssueDetailSchema>;
export type Run = z.infer<typeof RunSchema>;
export type RoutingExplanation = z.infer<typeof RoutingExplanationSchema>;
export type StateSnapshot = z.infer<typeof StateSnapshotSchema>;
export type RunningEntry = z.infer<typeof RunningEntrySchema>;
export type RetryEntry = z.infer<typeof RetryEntrySchema>;
export type Alert = z.infer<typeof AlertSchema>;

/** One server message of the live channel (§17.4); `sub` marks non-durable ones. */
export interface LiveMessage {
  v: number;
  epoch: string;
  seq: number;
  type: string;
  ts: string;
  data: unknown;
  sub?: number;
}
