/**
 * The one place that maps OompahError codes to HTTP statuses and renders the
 * error envelope `{"error": {code, message, hint?, details?}}` (§17.1). Codes
 * with no mapping become a generic 500 `internal_error`: their message may
 * carry internals, so only the log sees it, and no stack is ever sent.
 */
import { z } from "zod";
import { OompahError } from "../domain/errors.js";

const EXACT: Readonly<Record<string, number>> = {
  invalid_request: 400,
  missing_event_header: 400,
  unauthorized: 401,
  webhook_signature_invalid: 401,
  webhook_signature_required: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  local_repo_path_forbidden: 403,
  host_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_claimed: 409,
  rebase_unsupported: 409,
  project_not_ready: 409,
  tracker_write_refused: 409,
  builtin_focus: 409,
  project_exists: 409,
  project_busy: 409,
  payload_too_large: 413,
  attachment_too_large: 413,
  unsupported_media_type: 415,
  attachment_type_not_allowed: 415,
  validation_failed: 422,
  unknown_status: 422,
  reserved_author: 422,
  project_required: 422,
  unsupported_operation: 422,
  invalid_metadata_key: 422,
  tracker_rate_limited: 429,
  document_invalid: 422,
  outbound_url_refused: 422,
  provider_misconfigured: 422,
  provider_auth_failed: 502,
  repo_clone_failed: 502,
  repo_sync_failed: 502,
  provider_request_rejected: 502,
  provider_unreachable: 502,
  provider_error: 502,
  provider_timeout: 504,
  backend_unavailable: 503,
  scm_unavailable: 503,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  snapshot_unavailable: 503,
  tracker_kind_unavailable: 503,
  unsupported_tracker_kind: 503,
  tracker_closed: 503,
  tracker_request: 502,
  tracker_status: 502,
  tracker_response: 502,
};

/** Families of codes named by suffix, checked after the exact table. */
const SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ["_not_found", 404],
  ["_in_progress", 409],
  ["_conflict", 409],
  ["_too_large", 413],
  ["_queue_full", 429],
];

/** The HTTP status for an error code, or undefined when the code is unmapped. */
export function httpStatusFor(code: string): number | undefined {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  return SUFFIXES.find(([suffix]) => code.endsWith(suffix))?.[1];
}

/** The wire shape of every error response. */
export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable snake_case error code"),
      message: z.string().describe("Human-readable explanation"),
      hint: z.string().optional().describe("What to do next"),
      details: z.record(z.string(), z.unknown()).optional().describe("Structured context"),
    }),
  })
  .describe("Error envelope");

export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** Status and envelope for anything thrown; `exposed` is false when internals were hidden. */
export function renderError(err: unknown): {
  status: number;
  body: ErrorEnvelope;
  exposed: boolean;
} {
  if (err instanceof OompahError && err.code !== "internal_error") {
    const status = httpStatusFor(err.code);
    if (status !== undefined) return { status, body: { error: err.toJSON() }, exposed: true };
  }
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Internal server error" } },
    exposed: false,
  };
}

/** Builds an error Response (used by middleware that answers before routing). */
export function errorResponse(err: OompahError, headers: Record<string, string> = {}): Response {
  const { status, body } = renderError(err);
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
