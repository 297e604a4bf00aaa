/**
 * The form of every §8.1 field, for a new focus (name and status editable)
 * or an existing one (saved as a PATCH of the changed fields). Field-level
 * errors, local or from a 422, are shown next to their field.
 */
import { bindForm } from "../../../shared/ui/bind-form.js";
import type { EditorProps } from "../../../shared/ui/create-panel.js";
import { Check, DataList, Field, Form, Options } from "../../../shared/ui/field.js";
import type { Provider } from "../../providers/model/wire.js";
import { FOCUS_STATUSES, issueTypeOptions, type FocusForm } from "../model/focus-form.js";

export interface FocusEditorProps extends EditorProps<FocusForm> {
  /** New focus: the name and status are editable. */
  creating: boolean;
  providers: readonly Provider[];
}

/** The providers offered as pins, plus a pinned id that no longer exists. */
function providerOptions(providers: readonly Provider[], current: string) {
  const options = providers.map((p) => ({ value: p.id, label: `${p.name || p.id} (${p.id})` }));
  if (current !== "" && !providers.some((p) => p.id === current)) {
    options.push({ value: current, label: `${current} (not found)` });
  }
  return [{ value: "", label: "(none)" }, ...options];
}

export function FocusEditor(props: FocusEditorProps) {
  const { form, creating, providers } = props;
  const f = bindForm(form, props.onChange, props.errors);
  const pinned = providers.find((p) => p.id === form.provider_id);
  const models = [...new Set((pinned ? [pinned] : providers).flatMap((p) => p.models))];
  const roles = [
    ...new Set((pinned ? [pinned] : providers).flatMap((p) => Object.keys(p.model_roles))),
  ];
  const listId = `focus-${form.name || "new"}`;

  return (
    <Form className="editor inline" data-testid="focus-editor" onSubmit={props.onSubmit}>
      <div className="editor-grid">
        {creating && (
          <Field
            label="Name"
            hint="lower case letters, digits and _; a built-in's name overrides it"
            {...f.field("name")}
          >
            <input {...f.text("name")} autoFocus spellCheck={false} />
          </Field>
        )}
        <Field label="Role" hint="shown in the Focus comment" {...f.field("role")}>
          <input {...f.text("role")} />
        </Field>
        <Field label="Priority" hint="tie-breaker and bonus" {...f.field("priority")}>
          <input type="number" step={1} {...f.text("priority")} />
        </Field>
        {creating && (
          <Field label="Status" {...f.field("status")}>
            <select {...f.text("status")}>
              <Options options={FOCUS_STATUSES} />
            </select>
          </Field>
        )}
      </div>
      <Field label="Description" {...f.field("description")}>
        <textarea rows={2} {...f.text("description")} />
      </Field>
      <div className="editor-grid two">
        <Field label="Must do" hint="one rule per line" {...f.field("must_do")}>
          <textarea rows={4} {...f.text("must_do")} />
        </Field>
        <Field label="Must not do" hint="one rule per line" {...f.field("must_not_do")}>
          <textarea rows={4} {...f.text("must_not_do")} />
        </Field>
      </div>
      <div className="editor-grid two">
        <Field
          label="Keywords"
          hint="comma-separated; whole words or phrases in title and description, +10 each"
          {...f.field("keywords")}
        >
          <input {...f.text("keywords")} />
        </Field>
        <Field
          label="Labels"
          hint="comma-separated; +30 per label the issue has"
          {...f.field("labels")}
        >
          <input {...f.text("labels")} />
        </Field>
      </div>
      <fieldset className="group types" data-testid="field-issue_types">
        <legend>Issue types (+50 when the issue has one)</legend>
        {issueTypeOptions(form.issue_types).map((t) => (
          <Check
            key={t}
            checked={form.issue_types.includes(t)}
            onChange={(on) =>
              f.set(
                "issue_types",
                on ? [...form.issue_types, t] : form.issue_types.filter((x) => x !== t),
              )
            }
          >
            {t}
          </Check>
        ))}
        {props.errors.issue_types && <small className="error">{props.errors.issue_types}</small>}
      </fieldset>
      <div className="editor-grid">
        <Field
          label="Provider pin"
          hint="used before profile and project"
          {...f.field("provider_id")}
        >
          <select {...f.text("provider_id")}>
            <Options options={providerOptions(providers, form.provider_id)} />
          </select>
        </Field>
        <Field label="Model pin" hint="wins over the model role" {...f.field("model")}>
          <input list={`${listId}-models`} {...f.text("model")} />
        </Field>
        <Field
          label="Model role pin"
          hint="looked up in the provider's roles"
          {...f.field("model_role")}
        >
          <input list={`${listId}-roles`} {...f.text("model_role")} />
        </Field>
      </div>
      <DataList id={`${listId}-models`} values={models} />
      <DataList id={`${listId}-roles`} values={roles} />
      <Check {...f.check("allow_image_output")} {...f.field("allow_image_output")}>
        Allow image output (the agent may attach images)
      </Check>
      {props.children}
    </Form>
  );
}
