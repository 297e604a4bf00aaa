/**
 * A control's request to the API: busy while it runs, then its outcome line —
 * what was done, or the failure (a refused save also names every field's
 * problem, and keeps the field-level messages for the form to show next to
 * each field). Every form and action button of the dashboard sends through
 * this, so they all disable, report and recover the same way.
 */
import { useState } from "react";
import {
  errorSummary,
  fieldErrors,
  isEmptyBody,
  type BodyResult,
  type FieldErrors,
} from "./forms.js";

/** The line shown after a request: success (`ok`) or failure, with an optional hint. */
export interface Outcome {
  ok: boolean;
  text: string;
  hint?: string | undefined;
}

export interface SendOptions<K extends string> {
  /** Which of several actions runs (shown as "Syncing…" and the like). */
  as?: K;
  /** Words before a failure, e.g. `Could not rebase` → "Could not rebase: <error>". */
  failure?: string;
}

export interface Request<K extends string> {
  busy: boolean;
  /** The action running, when it was sent `as` one. */
  running: K | null;
  outcome: Outcome | null;
  /** Field-level messages of the last failure. */
  fields: FieldErrors;
  /**
   * Sends `call()`. `done` gets its result and may return the outcome line
   * (a text is a success); otherwise the line is cleared.
   */
  send<T>(
    call: () => Promise<T>,
    done?: (value: T) => Outcome | string | void,
    options?: SendOptions<K>,
  ): void;
  /**
   * Sends a body made from a form: local problems are shown at their fields
   * instead, and an empty edit sends nothing and says so.
   */
  submit<B extends object, T>(
    body: BodyResult<B>,
    call: (body: B) => Promise<T>,
    done?: (value: T) => Outcome | string | void,
  ): void;
  /** Shows a line (and field messages) without sending; `show(null)` clears both. */
  show(outcome: Outcome | null, fields?: FieldErrors): void;
}

export function useRequest<K extends string = never>(): Request<K> {
  const [running, setRunning] = useState<K | "" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});

  const show = (line: Outcome | null, fieldMessages: FieldErrors = {}) => {
    setOutcome(line);
    setFields(fieldMessages);
  };

  const send: Request<K>["send"] = (call, done, options = {}) => {
    setRunning(options.as ?? "");
    show(null);
    call()
      .then(
        (value) => {
          const line = done?.(value);
          if (line) setOutcome(typeof line === "string" ? { ok: true, text: line } : line);
        },
        (err: unknown) => {
          const text = errorSummary(err);
          show(
            { ok: false, text: options.failure ? `${options.failure}: ${text}` : text },
            fieldErrors(err),
          );
        },
      )
      .finally(() => setRunning(null));
  };

  const submit: Request<K>["submit"] = (body, call, done) => {
    if (!body.ok) show({ ok: false, text: "Fix the marked fields" }, body.errors);
    else if (isEmptyBody(body.body)) show({ ok: true, text: "Nothing changed" });
    else send(() => call(body.body), done);
  };

  return {
    busy: running !== null,
    running: running === "" ? null : running,
    outcome,
    fields,
    send,
    submit,
    show,
  };
}
