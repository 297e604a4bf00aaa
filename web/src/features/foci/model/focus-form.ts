/**
 * The focus editor's form (every §8.1 field) and the request bodies made from
 * it. Lists are edited as text: rules one per line, keywords and labels
 * comma-separated. An edit sends only the fields the operator changed since
 * the form was opened, so a concurrent change of another field (or of the
 * status, toggled in the row) is never overwritten.
 */
import {
  blankToNull,
  changedFields,
  joinList,
  splitList,
  type BodyResult,
  type FieldErrors,
} from "../../../shared/forms.js";
import type { FocusCreate, FocusPatch, FocusStatus, FocusView, IssueType } from "./wire.js";

export interface FocusForm {
  name: string;
  role: string;
  description: string;
  must_do: string;
  must_not_do: string;
  keywords: string;
  issue_types: string[];
  labels: string;
  priority: string;
  status: FocusStatus;
  model_role: string;
  model: string;
  provider_id: string;
  allow_image_output: boolean;
}

/** Issue types offered as checkboxes (the compiler checks the list against the server's enum). */
const TYPE_LABELS: Readonly<Record<IssueType, string>> = {
  bug: "bug",
  feature: "feature",
  task: "task",
  epic: "epic",
  chore: "chore",
};
export const ISSUE_TYPES = Object.keys(TYPE_LABELS) as IssueType[];

export const FOCUS_STATUSES: readonly FocusStatus[] = ["active", "inactive", "proposed"];

export const EMPTY_FOCUS_FORM: FocusForm = {
  name: "",
  role: "",
  description: "",
  must_do: "",
  must_not_do: "",
  keywords: "",
  issue_types: [],
  labels: "",
  priority: "0",
  status: "active",
  model_role: "",
  model: "",
  provider_id: "",
  allow_image_output: false,
};

export function focusToForm(f: FocusView): FocusForm {
  return {
    name: f.name,
    role: f.role,
    description: f.description,
    must_do: joinList(f.must_do, "lines"),
    must_not_do: joinList(f.must_not_do, "lines"),
    keywords: joinList(f.keywords, "comma"),
    issue_types: [...f.issue_types],
    labels: joinList(f.labels, "comma"),
    priority: String(f.priority),
    status: f.status,
    model_role: f.model_role ?? "",
    model: f.model ?? "",
    provider_id: f.provider_id ?? "",
    allow_image_output: f.allow_image_output,
  };
}

/** The checkbox options for issue types: the known ones, then any other the focus already has. */
export function issueTypeOptions(selected: readonly string[]): string[] {
  return [...ISSUE_TYPES, ...selected.filter((t) => !(ISSUE_TYPES as string[]).includes(t))];
}

/** The field values a form stands for (every field but the name). */
type FocusFields = Required<Omit<FocusCreate, "name">>;

function fieldsOf(form: FocusForm): { fields: FocusFields; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const priority = Number(form.priority.trim());
  if (form.priority.trim() === "" || !Number.isInteger(priority)) {
    errors.priority = "must be a whole number";
  }
  if (form.role.trim() === "") errors.role = "a role is required";
  return {
    fields: {
      role: form.role.trim(),
      description: form.description,
      must_do: splitList(form.must_do, "lines"),
      must_not_do: splitList(form.must_not_do, "lines"),
      keywords: splitList(form.keywords, "comma"),
      issue_types: [...form.issue_types],
      labels: splitList(form.labels, "comma").map((l) => l.toLowerCase()),
      priority,
      status: form.status,
      model_role: blankToNull(form.model_role),
      model: blankToNull(form.model),
      provider_id: blankToNull(form.provider_id),
      allow_image_output: form.allow_image_output,
    },
    errors,
  };
}

/** `POST /api/v1/foci` for the "New focus" form. */
export function createBody(form: FocusForm): BodyResult<FocusCreate> {
  const { fields, errors } = fieldsOf(form);
  const all: Record<string, string> = { ...errors };
  if (form.name.trim() === "") all.name = "a name is required";
  if (Object.keys(all).length) return { ok: false, errors: all };
  return { ok: true, body: { name: form.name.trim(), ...fields } };
}

/**
 * `PATCH /api/v1/foci/{name}`: the fields whose value differs between the
 * form as opened (`initial`) and as edited (`current`). An empty body means
 * nothing to save.
 */
export function patchBody(initial: FocusForm, current: FocusForm): BodyResult<FocusPatch> {
  const after = fieldsOf(current);
  if (Object.keys(after.errors).length) return { ok: false, errors: after.errors };
  // `description` is `unknown` in the schema's input type; the form always sends a string.
  const body: Record<string, unknown> = changedFields(fieldsOf(initial).fields, after.fields);
  return { ok: true, body };
}

/** What deleting does to a focus, or null when it cannot be deleted (a built-in). */
export function deleteAction(f: FocusView): { label: string; done: string } | null {
  switch (f.origin) {
    case "builtin":
      return null;
    case "override":
      return { label: "Restore built-in", done: `${f.name} restored to the built-in` };
    case "user":
      return { label: "Delete", done: `${f.name} deleted` };
  }
}

/** A short text of where a focus comes from. */
export function originLabel(origin: FocusView["origin"]): string {
  switch (origin) {
    case "builtin":
      return "built-in";
    case "override":
      return "built-in, edited";
    case "user":
      return "custom";
  }
}

/** Foci whose name, role, description, keywords or labels contain `query` (case-insensitive). */
export function filterFoci(foci: readonly FocusView[], query: string): FocusView[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [...foci];
  return foci.filter((f) =>
    [f.name, f.role, f.description, ...f.keywords, ...f.labels].some((s) =>
      s.toLowerCase().includes(q),
    ),
  );
}
