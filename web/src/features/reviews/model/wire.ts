/**
 * Wire types of the review routes (§12.4, §17.2), inferred from the server's
 * zod schemas (type-only imports).
 */
import type { z } from "zod";
import type {
  OpenReviewSchema,
  ReviewListSchema,
} from "../../../../../src/server/routes/reviews.js";

/** `GET /api/v1/reviews`. */
export type ReviewList = z.infer<typeof ReviewListSchema>;
/** One open review with its project and linked issue. */
export type OpenReview = z.infer<typeof OpenReviewSchema>;
