/**
 * The panel that creates an item (a focus, a provider) above its list: the
 * item's editor with Create and Cancel under it. Local problems are shown at
 * their fields before anything is sent; a refused create shows the server's
 * field messages the same way.
 */
import { useState, type ReactNode } from "react";
import type { BodyResult, FieldErrors } from "../forms.js";
import { useRequest } from "../use-request.js";
import { FormActions, OutcomeLine } from "./actions.js";
import { Panel } from "./page.js";

/** What an item's editor takes; `children` go under its fields (the buttons). */
export interface EditorProps<F> {
  form: F;
  onChange: (form: F) => void;
  errors: FieldErrors;
  onSubmit: () => void;
  children: ReactNode;
}

export interface CreatePanelProps<F, B extends object, T> {
  title: string;
  /** `data-testid` of the panel; its error line gets `<testId>-error`. */
  testId: string;
  empty: F;
  /** The request body made from the form. */
  body: (form: F) => BodyResult<B>;
  create: (body: B) => Promise<T>;
  onCreated: (item: T) => void;
  onClose: () => void;
  /** The submit button's text and `data-testid`. */
  submit: string;
  submitTestId: string;
  editor: (props: EditorProps<F>) => ReactNode;
}

export function CreatePanel<F, B extends object, T>(props: CreatePanelProps<F, B, T>) {
  const [form, setForm] = useState<F>(props.empty);
  const request = useRequest();
  return (
    <Panel title={props.title} className="create-panel" testId={props.testId}>
      {props.editor({
        form,
        onChange: setForm,
        errors: request.fields,
        onSubmit: () => request.submit(props.body(form), props.create, props.onCreated),
        children: (
          <>
            <FormActions
              submit={props.submit}
              busy={request.busy}
              testId={props.submitTestId}
              onCancel={props.onClose}
            />
            <OutcomeLine outcome={request.outcome} testId={`${props.testId}-error`} />
          </>
        ),
      })}
    </Panel>
  );
}
