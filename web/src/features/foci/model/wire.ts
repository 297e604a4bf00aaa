/**
 * Wire types of the focus routes (§8, §17.2), inferred from the server's zod
 * schemas (type-only imports).
 */
import type { z } from "zod";
import type { FocusSchema } from "../../../../../src/domain/focus.js";
import type { SuggestionSchema } from "../../../../../src/domain/focus-proposals.js";
import type {
  FociListSchema,
  FocusPatchSchema,
  FocusViewSchema,
  PreviewBodySchema,
  PreviewSchema,
  SuggestionListSchema,
} from "../../../../../src/server/routes/foci.js";

/** One focus of `GET /api/v1/foci`, with where it comes from. */
export type FocusView = z.infer<typeof FocusViewSchema>;
export type FocusStatus = FocusView["status"];
export type FocusOrigin = FocusView["origin"];
/** `POST /api/v1/foci`. */
export type FocusCreate = z.input<typeof FocusSchema>;
/** `PATCH /api/v1/foci/{name}`. */
export type FocusPatch = z.input<typeof FocusPatchSchema>;
/** `POST /api/v1/foci/preview`. */
export type PreviewBody = z.input<typeof PreviewBodySchema>;
export type Preview = z.infer<typeof PreviewSchema>;
export type FocusScore = Preview["scores"][number];
export type IssueType = NonNullable<PreviewBody["type"]>;
/** One entry of `GET /api/v1/foci/suggestions`. */
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type FociList = z.infer<typeof FociListSchema>;
export type SuggestionList = z.infer<typeof SuggestionListSchema>;
