/**
 * A labelled form control with its hint and its field-level error (shown
 * next to the control and announced through `aria-describedby`).
 */
import { cloneElement, useId, type ReactElement } from "react";
import "./forms.css";

export interface FieldProps {
  label: string;
  /** The control: an input, select or textarea. */
  children: ReactElement<{ id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean }>;
  hint?: string;
  error?: string | undefined;
  /** `data-testid` of the wrapper (the error gets `<testid>-error`). */
  testId?: string;
  className?: string;
}

export function Field({ label, children, hint, error, testId, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div
      className={`field${error ? " invalid" : ""}${className ? ` ${className}` : ""}`}
      data-testid={testId}
    >
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": true } : {}),
      })}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small
          id={errorId}
          className="error"
          role="alert"
          data-testid={testId ? `${testId}-error` : undefined}
        >
          {error}
        </small>
      )}
    </div>
  );
}
