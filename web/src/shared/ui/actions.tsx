/**
 * What sits under a form or beside an item: the submit and cancel buttons,
 * a destructive button that asks once more, the outcome line of a request,
 * a page's dismissable notice and the × that dismisses or removes.
 */
import { useState, type ReactNode } from "react";
import type { Outcome } from "../use-request.js";
import "./forms.css";

export interface FormActionsProps {
  /** The submit button's text. */
  submit: string;
  /** Its text while the request runs (e.g. "Saving…"); the same text when absent. */
  busyText?: string;
  busy: boolean;
  /** Another reason to keep the submit off (nothing typed, nothing changed). */
  disabled?: boolean;
  /** `data-testid` of the submit button. */
  testId?: string;
  onCancel?: () => void;
  /** The cancel button's text. */
  cancel?: string;
  cancelDisabled?: boolean;
  /** Further controls after the buttons. */
  children?: ReactNode;
}

export function FormActions({
  submit,
  busyText,
  busy,
  disabled = false,
  testId,
  onCancel,
  cancel = "Cancel",
  cancelDisabled = false,
  children,
}: FormActionsProps) {
  return (
    <div className="editor-actions">
      <button type="submit" className="primary" disabled={busy || disabled} data-testid={testId}>
        {busy && busyText ? busyText : submit}
      </button>
      {onCancel && (
        <button type="button" disabled={cancelDisabled} onClick={onCancel}>
          {cancel}
        </button>
      )}
      {children}
    </div>
  );
}

/** Save and Discard changes under an item's inline editor; both are off until something changed. */
export function EditActions({
  dirty,
  busy,
  onDiscard,
  testId,
  children,
}: {
  dirty: boolean;
  busy: boolean;
  onDiscard: () => void;
  /** `data-testid` of the Save button. */
  testId: string;
  children?: ReactNode;
}) {
  return (
    <FormActions
      submit="Save"
      busy={busy}
      disabled={!dirty}
      testId={testId}
      cancel="Discard changes"
      cancelDisabled={busy || !dirty}
      onCancel={onDiscard}
    >
      {children}
    </FormActions>
  );
}

export interface ConfirmButtonProps {
  /** The button's text. */
  children: ReactNode;
  /** The confirming button's text, e.g. "Remove demo: confirm". */
  confirm: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  /** `data-testid` of the button (the confirming one gets `<testid>-confirm`). */
  testId?: string;
}

/** A destructive action: the first click asks, the second (confirming) one acts, Keep backs out. */
export function ConfirmButton({
  children,
  confirm,
  onConfirm,
  disabled,
  testId,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="danger"
        disabled={disabled}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={testId ? `${testId}-confirm` : undefined}
      >
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

/** The × of a message or a row; `label` says what it does ("Dismiss", "Remove row 2 of …"). */
export function DismissButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="dismiss" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}

export interface OutcomeLineProps {
  outcome: Outcome | null;
  testId?: string;
  /** More classes, e.g. a boxed message. */
  className?: string;
  onDismiss?: () => void;
}

/** A request's outcome: `ok` (a status) or `error` (an alert), with its hint. */
export function OutcomeLine({ outcome, testId, className, onDismiss }: OutcomeLineProps) {
  if (!outcome) return null;
  const tone = outcome.ok ? "ok" : "error";
  return (
    <p
      className={className ? `${className} ${tone}` : tone}
      role={outcome.ok ? "status" : "alert"}
      data-testid={testId}
    >
      {outcome.text}
      {outcome.hint && <span className="muted"> — {outcome.hint}</span>}
      {onDismiss && <DismissButton label="Dismiss" onClick={onDismiss} />}
    </p>
  );
}

/** A page's note of what was just done (created, removed…), until dismissed. */
export function Notice({
  text,
  onDismiss,
  testId,
}: {
  text: string | null;
  onDismiss: () => void;
  testId?: string;
}) {
  if (!text) return null;
  return (
    <p className="notice" role="status" data-testid={testId}>
      {text} <DismissButton label="Dismiss notice" onClick={onDismiss} />
    </p>
  );
}
