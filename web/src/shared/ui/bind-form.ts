/**
 * Binds the controls of a form to the keys of its form object: the value and
 * change handler of a text input, select or textarea (`text`), of a checkbox
 * (`check`), and the field-level error and `data-testid` (`field-<key>`) of
 * the {@link Field} around it — so every editor wires its fields one way.
 */
import type { ChangeEvent } from "react";
import type { FieldErrors } from "../forms.js";

/** The keys of `F` whose values are `V`. */
type KeysOf<F, V> = { [K in keyof F]-?: F[K] extends V ? K : never }[keyof F];

type TextControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FormBinding<F> {
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  /** A text field; a select's options are the field's possible values. */
  text: <K extends KeysOf<F, string>>(
    key: K,
  ) => { value: string; onChange: (e: ChangeEvent<TextControl>) => void };
  check: <K extends KeysOf<F, boolean>>(
    key: K,
  ) => { checked: boolean; onChange: (checked: boolean) => void };
  field: (key: keyof F & string) => { error: string | undefined; testId: string };
}

export function bindForm<F extends object>(
  form: F,
  onChange: (form: F) => void,
  errors: FieldErrors,
): FormBinding<F> {
  const set = <K extends keyof F>(key: K, value: F[K]) => onChange({ ...form, [key]: value });
  return {
    set,
    text: (key) => ({
      value: form[key] as string,
      onChange: (e) => set(key, e.target.value as F[typeof key]),
    }),
    check: (key) => ({
      checked: form[key] as boolean,
      onChange: (checked) => set(key, checked as F[typeof key]),
    }),
    field: (key) => ({ error: errors[key], testId: `field-${key}` }),
  };
}
