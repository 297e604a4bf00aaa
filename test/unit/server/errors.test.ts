import { describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import { httpStatusFor, renderError } from "../../../src/server/errors.js";

describe("error code → HTTP status", () => {
  it("maps the §17.1 codes", () => {
    const expected: Record<string, number> = {
      invalid_request: 400,
      unauthorized: 401,
      forbidden: 403,
      origin_not_allowed: 403,
      host_not_allowed: 403,
      not_found: 404,
      issue_not_found: 404,
      method_not_allowed: 405,
      already_claimed: 409,
      conflict: 409,
      console_turn_in_progress: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      validation_failed: 422,
      unknown_status: 422,
      reserved_author: 422,
      rate_limited: 429,
      unavailable: 503,
      snapshot_unavailable: 503,
    };
    for (const [code, status] of Object.entries(expected))
      expect(httpStatusFor(code), code).toBe(status);
    expect(httpStatusFor("store_version_unsupported")).toBeUndefined();
  });

  it("renders mapped errors with code, message, hint and details", () => {
    const out = renderError(
      new OompahError("unknown_status", "No status Foo", { hint: "Use Open", details: { s: 1 } }),
    );
    expect(out).toEqual({
      status: 422,
      exposed: true,
      body: {
        error: {
          code: "unknown_status",
          message: "No status Foo",
          hint: "Use Open",
          details: { s: 1 },
        },
      },
    });
  });

  it("hides unmapped codes and foreign errors behind a generic internal_error", () => {
    for (const err of [
      new OompahError("store_version_unsupported", "db at /secret"),
      new TypeError("x is undefined"),
    ]) {
      expect(renderError(err)).toEqual({
        status: 500,
        exposed: false,
        body: { error: { code: "internal_error", message: "Internal server error" } },
      });
    }
  });
});
