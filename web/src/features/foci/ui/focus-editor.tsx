/**
 * The form of every §8.1 field, for a new focus (name and status editable)
 * or an existing one (saved as a PATCH of the changed fields). Field-level
 * errors, local or from a 422, are shown next to their field.
 */
import type { ReactNode } from "react";
import type { FieldErrors } from "../../../shared/forms.js";
import { Field } from "../../../shared/ui/field.js";
import type { Provider } from "../../providers/model/wire.js";
import { FOCUS_STATUSES, issueTypeOptions, type FocusForm } from "../model/focus-form.js";
import type { FocusStatus } from "../model/wire.js";

export interface FocusEditorProps {
  form: FocusForm;
  onChange: (form: FocusForm) => void;
  errors: FieldErrors;
  /** New focus: the name and status are editable. */
  creating: boolean;
  providers: readonly Provider[];
  /** Buttons and messages under the form. */
  children: ReactNode;
  onSubmit: () => void;
}

/** The providers offered as pins, plus a pinned id that no longer exists. */
function providerOptions(providers: readonly Provider[], current: string) {
  const options = providers.map((p) => ({ id: p.id, label: `${p.name || p.id} (${p.id})` }));
  if (current !== "" && !providers.some((p) => p.id === current)) {
    options.push({ id: current, label: `${current} (not found)` });
  }
  return options;
}

export function FocusEditor(props: FocusEditorProps) {
  const { form, onChange, errors, creating, providers } = props;
  const set = <K extends keyof FocusForm>(key: K, value: FocusForm[K]) =>
    onChange({ ...form, [key]: value });
  const pinned = providers.find((p) => p.id === form.provider_id);
  const models = [...new Set((pinned ? [pinned] : providers).flatMap((p) => p.models))];
  const roles = [
    ...new Set((pinned ? [pinned] : providers).flatMap((p) => Object.keys(p.model_roles))),
  ];
  const listId = `focus-${form.name || "new"}`;

  return (
    <form
      className="focus-editor"
      data-testid="focus-editor"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div className="editor-grid">
        {creating && (
          <Field
            label="Name"
            hint="lower case letters, digits and _; a built-in's name overrides it"
            error={errors.name}
            testId="field-name"
          >
            <input
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              autoFocus
              spellCheck={false}
            />
          </Field>
        )}
        <Field
          label="Role"
          hint="shown in the Focus comment"
          error={errors.role}
          testId="field-role"
        >
          <input value={form.role} onChange={(e) => set("role", e.target.value)} />
        </Field>
        <Field
          label="Priority"
          hint="tie-breaker and bonus"
          error={errors.priority}
          testId="field-priority"
        >
          <input
            type="number"
            step={1}
            value={form.priority}
            onChange={(e) => set("priority", e.target.value)}
          />
        </Field>
        {creating && (
          <Field label="Status" error={errors.status} testId="field-status">
            <select
              value={form.status}
              onChange={(e) => set("status", e.target.value as FocusStatus)}
            >
              {FOCUS_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <Field label="Description" error={errors.description} testId="field-description">
        <textarea
          rows={2}
          value={form.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </Field>
      <div className="editor-grid two">
        <Field
          label="Must do"
          hint="one rule per line"
          error={errors.must_do}
          testId="field-must_do"
        >
          <textarea
            rows={4}
            value={form.must_do}
            onChange={(e) => set("must_do", e.target.value)}
          />
        </Field>
        <Field
          label="Must not do"
          hint="one rule per line"
          error={errors.must_not_do}
          testId="field-must_not_do"
        >
          <textarea
            rows={4}
            value={form.must_not_do}
            onChange={(e) => set("must_not_do", e.target.value)}
          />
        </Field>
      </div>
      <div className="editor-grid two">
        <Field
          label="Keywords"
          hint="comma-separated; whole words or phrases in title and description, +10 each"
          error={errors.keywords}
          testId="field-keywords"
        >
          <input value={form.keywords} onChange={(e) => set("keywords", e.target.value)} />
        </Field>
        <Field
          label="Labels"
          hint="comma-separated; +30 per label the issue has"
          error={errors.labels}
          testId="field-labels"
        >
          <input value={form.labels} onChange={(e) => set("labels", e.target.value)} />
        </Field>
      </div>
      <fieldset className="types" data-testid="field-issue_types">
        <legend>Issue types (+50 when the issue has one)</legend>
        {issueTypeOptions(form.issue_types).map((t) => (
          <label key={t}>
            <input
              type="checkbox"
              checked={form.issue_types.includes(t)}
              onChange={(e) =>
                set(
                  "issue_types",
                  e.target.checked
                    ? [...form.issue_types, t]
                    : form.issue_types.filter((x) => x !== t),
                )
              }
            />{" "}
            {t}
          </label>
        ))}
        {errors.issue_types && <small className="error">{errors.issue_types}</small>}
      </fieldset>
      <div className="editor-grid">
        <Field
          label="Provider pin"
          hint="used before profile and project"
          error={errors.provider_id}
          testId="field-provider_id"
        >
          <select value={form.provider_id} onChange={(e) => set("provider_id", e.target.value)}>
            <option value="">(none)</option>
            {providerOptions(providers, form.provider_id).map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Model pin"
          hint="wins over the model role"
          error={errors.model}
          testId="field-model"
        >
          <input
            value={form.model}
            list={`${listId}-models`}
            onChange={(e) => set("model", e.target.value)}
          />
        </Field>
        <Field
          label="Model role pin"
          hint="looked up in the provider's roles"
          error={errors.model_role}
          testId="field-model_role"
        >
          <input
            value={form.model_role}
            list={`${listId}-roles`}
            onChange={(e) => set("model_role", e.target.value)}
          />
        </Field>
      </div>
      <datalist id={`${listId}-models`}>
        {models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <datalist id={`${listId}-roles`}>
        {roles.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <label className="check" data-testid="field-allow_image_output">
        <input
          type="checkbox"
          checked={form.allow_image_output}
          onChange={(e) => set("allow_image_output", e.target.checked)}
        />{" "}
        Allow image output (the agent may attach images)
      </label>
      {errors.allow_image_output && <small className="error">{errors.allow_image_output}</small>}
      {props.children}
    </form>
  );
}
