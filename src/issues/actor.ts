/**
 * Who performs an issue mutation, and the comment-author rules that follow
 * from it (SPEC §19.3). Authors beginning with `oompah` are reserved for the
 * service's own comments (they drive the Needs Answer → Open rule and are
 * skipped as "human input"), so a person may never post under one.
 * A run (its token, §19.3) acts as `oompah-agent` and only on its own issue:
 * the scope rules are in run-scope.ts and applied by the issue service.
 */
import { OompahError } from "../domain/errors.js";
import { isOompahAuthor } from "../domain/issue.js";
import type { RunScope } from "./run-scope.js";

/** The caller of an issue mutation. */
export type IssueActor = { kind: "operator" } | { kind: "run"; scope: RunScope };

/** Author of every comment a run posts. */
export const RUN_COMMENT_AUTHOR = "oompah-agent";

/** The operator (API token, session cookie, loopback without a token, direct-mode CLI). */
export const OPERATOR: IssueActor = { kind: "operator" };

/** Author used for operator comments that name none. */
export const DEFAULT_OPERATOR_AUTHOR = "operator";

const MAX_AUTHOR_LENGTH = 100;

/** The author to record for a comment by `actor` that asked for `requested`. */
export function commentAuthor(actor: IssueActor, requested?: string | null): string {
  switch (actor.kind) {
    case "run":
      return RUN_COMMENT_AUTHOR;
    case "operator": {
      const author = requested?.trim() ?? "";
      if (author === "") return DEFAULT_OPERATOR_AUTHOR;
      if (isOompahAuthor(author)) {
        throw new OompahError(
          "reserved_author",
          `comment author "${author}" is reserved for oompah`,
          {
            hint: "omit author (defaults to operator) or use a name that does not begin with oompah",
            details: { author },
          },
        );
      }
      if (author.length > MAX_AUTHOR_LENGTH || /[\p{Cc}]/u.test(author)) {
        throw new OompahError(
          "validation_failed",
          `author: must be one line of at most ${MAX_AUTHOR_LENGTH} characters`,
          {
            details: { issues: [{ in: "body", path: "author", message: "invalid author" }] },
          },
        );
      }
      return author;
    }
  }
}

/** A comment text, refusing empty ones. */
export function commentText(raw: string): string {
  if (raw.trim() === "") {
    throw new OompahError("validation_failed", "text: must not be empty", {
      details: { issues: [{ in: "body", path: "text", message: "must not be empty" }] },
    });
  }
  return raw;
}
