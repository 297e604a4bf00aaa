/**
 * The dashboard's form controls: a form submitted in the page, a labelled control with its hint and its
 * field-level error (shown next to the control and announced through
 * `aria-describedby`), a labelled checkbox, the options of a select and the
 * suggestions of an input.
 */
import {
  cloneElement,
  useId,
  type FormHTMLAttributes,
  type ReactElement,
  type ReactNode,
} from "react";
import "./forms.css";

export type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & {
  onSubmit: () => void;
};

/** A form whose submit (button or Enter) runs `onSubmit` in the page, never a navigation. */
export function Form({ onSubmit, ...props }: FormProps) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    />
  );
}

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

export interface CheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The label after the box. */
  children: ReactNode;
  disabled?: boolean;
  error?: string | undefined;
  /** `data-testid` of the checkbox (the error gets `<testid>-error`). */
  testId?: string;
}

export function Check({ checked, onChange, children, disabled, error, testId }: CheckProps) {
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          data-testid={testId}
        />{" "}
        {children}
      </label>
      {error && (
        <small className="error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </small>
      )}
    </>
  );
}

/** A select's option: a value shown as is, or a value with its label. */
export type Option = string | { value: string; label: string };

/** The options of a value → label record, in its order. */
export function labelledOptions(labels: Readonly<Record<string, string>>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export function Options({ options }: { options: readonly Option[] }) {
  return options.map((o) =>
    typeof o === "string" ? (
      <option key={o} value={o}>
        {o}
      </option>
    ) : (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ),
  );
}

/** The values an input with `list={id}` suggests. */
export function DataList({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
