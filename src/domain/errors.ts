/**
 * Every failure oompah reports is an OompahError: a stable snake_case `code`
 * that tests, the API and the CLI key on, a human `message`, and an optional
 * `hint` that tells the user what to do next. `details` carries structured
 * context (a key path, a file position, field errors) and must never hold a secret.
 */
export class OompahError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "OompahError";
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON(): { code: string; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A non-fatal condition with a stable code (e.g. `unknown_config_key`). */
export interface Warning {
  code: string;
  message: string;
  path?: string;
}

export function isOompahError(e: unknown): e is OompahError {
  return e instanceof OompahError;
}

/** Wraps anything thrown into an OompahError so callers can always report a code. */
export function toOompahError(e: unknown, fallbackCode = "internal_error"): OompahError {
  if (e instanceof OompahError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new OompahError(fallbackCode, message, { cause: e });
}
