/**
 * Wire types of the project routes (§17.2 `/api/v1/projects`), inferred from
 * the server's zod schemas (type-only imports).
 */
import type { z } from "zod";
import type {
  ProjectCreateSchema,
  ProjectPatchSchema,
  ProjectViewSchema,
  WorktreeSchema,
} from "../../../../../src/projects/project-wire.js";
import type { StateSnapshot } from "../../../shared/wire.js";

export type Project = z.infer<typeof ProjectViewSchema>;
/** `POST /api/v1/projects`. */
export type ProjectCreate = z.input<typeof ProjectCreateSchema>;
/** `PATCH /api/v1/projects/{id}`. */
export type ProjectPatch = z.input<typeof ProjectPatchSchema>;
/** One entry of `GET /api/v1/projects/{id}/worktrees`. */
export type Worktree = z.infer<typeof WorktreeSchema>;
/** A project as the state snapshot summarises it (webhook status). */
export type ProjectSummary = StateSnapshot["projects"][number];
