/**
 * Row editors of a provider's per-model maps (§9.3): roles, prices,
 * capabilities and context windows. Each row is one map entry; blank rows
 * are ignored when saving.
 */
import type { ReactNode } from "react";
import {
  CAPABILITIES,
  type CapabilityRow,
  type ContextRow,
  type CostRow,
  type RoleRow,
} from "../model/provider-form.js";

interface RowsProps<R> {
  title: string;
  hint: string;
  rows: R[];
  onChange: (rows: R[]) => void;
  blank: R;
  headers: string[];
  cells: (row: R, update: (row: R) => void) => ReactNode[];
  error?: string | undefined;
  testId: string;
}

function Rows<R>({
  title,
  hint,
  rows,
  onChange,
  blank,
  headers,
  cells,
  error,
  testId,
}: RowsProps<R>) {
  const update = (i: number) => (row: R) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className={`rows${error ? " invalid" : ""}`} data-testid={testId}>
      <legend>{title}</legend>
      <small className="muted">{hint}</small>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {cells(r, update(i)).map((c, k) => (
                  <td key={k}>{c}</td>
                ))}
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Remove row ${i + 1} of ${title}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        onClick={() => onChange([...rows, blank])}
        data-testid={`${testId}-add`}
      >
        Add
      </button>
      {error && (
        <small className="error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </small>
      )}
    </fieldset>
  );
}

export interface MapEditorProps<R> {
  rows: R[];
  onChange: (rows: R[]) => void;
  error?: string | undefined;
  /** id of the datalist of known models. */
  modelList: string;
}

function ModelInput({
  value,
  onChange,
  list,
}: {
  value: string;
  onChange: (v: string) => void;
  list: string;
}) {
  return (
    <input
      aria-label="Model"
      value={value}
      list={list}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function RolesEditor({ rows, onChange, error, modelList }: MapEditorProps<RoleRow>) {
  return (
    <Rows
      title="Model roles"
      hint="a role name (used by foci and profiles as model_role) and the model it means"
      rows={rows}
      onChange={onChange}
      blank={{ role: "", model: "" }}
      headers={["Role", "Model"]}
      cells={(r, set) => [
        <input
          key="role"
          aria-label="Role"
          value={r.role}
          onChange={(e) => set({ ...r, role: e.target.value })}
        />,
        <ModelInput
          key="model"
          value={r.model}
          list={modelList}
          onChange={(model) => set({ ...r, model })}
        />,
      ]}
      error={error}
      testId="field-model_roles"
    />
  );
}

export function CostsEditor({ rows, onChange, error, modelList }: MapEditorProps<CostRow>) {
  const price = (label: string, value: string, set: (v: string) => void) => (
    <input
      aria-label={label}
      inputMode="decimal"
      className="num"
      value={value}
      onChange={(e) => set(e.target.value)}
    />
  );
  return (
    <Rows
      title="Prices (USD per 1M tokens)"
      hint="overrides the packaged price data; 0 / 0 marks a model free; blank cached = the input price"
      rows={rows}
      onChange={onChange}
      blank={{ model: "", input: "", output: "", cached: "" }}
      headers={["Model", "Input", "Output", "Cached input"]}
      cells={(r, set) => [
        <ModelInput
          key="m"
          value={r.model}
          list={modelList}
          onChange={(model) => set({ ...r, model })}
        />,
        price("Input price", r.input, (input) => set({ ...r, input })),
        price("Output price", r.output, (output) => set({ ...r, output })),
        price("Cached input price", r.cached, (cached) => set({ ...r, cached })),
      ]}
      error={error}
      testId="field-model_costs"
    />
  );
}

export function CapabilitiesEditor({
  rows,
  onChange,
  error,
  modelList,
}: MapEditorProps<CapabilityRow>) {
  return (
    <Rows
      title="Capabilities"
      hint="input kinds a model accepts; a model not listed accepts text only"
      rows={rows}
      onChange={onChange}
      blank={{ model: "", capabilities: ["text"] }}
      headers={["Model", "Accepts"]}
      cells={(r, set) => [
        <ModelInput
          key="m"
          value={r.model}
          list={modelList}
          onChange={(model) => set({ ...r, model })}
        />,
        <span key="caps" className="caps">
          {CAPABILITIES.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={r.capabilities.includes(c)}
                onChange={(e) =>
                  set({
                    ...r,
                    capabilities: e.target.checked
                      ? [...r.capabilities, c]
                      : r.capabilities.filter((x) => x !== c),
                  })
                }
              />{" "}
              {c}
            </label>
          ))}
        </span>,
      ]}
      error={error}
      testId="field-model_capabilities"
    />
  );
}

export function ContextsEditor({ rows, onChange, error, modelList }: MapEditorProps<ContextRow>) {
  return (
    <Rows
      title="Context windows"
      hint="tokens per model; Fetch models fills these when the server reports them"
      rows={rows}
      onChange={onChange}
      blank={{ model: "", tokens: "" }}
      headers={["Model", "Tokens"]}
      cells={(r, set) => [
        <ModelInput
          key="m"
          value={r.model}
          list={modelList}
          onChange={(model) => set({ ...r, model })}
        />,
        <input
          key="t"
          aria-label="Context tokens"
          inputMode="numeric"
          className="num"
          value={r.tokens}
          onChange={(e) => set({ ...r, tokens: e.target.value })}
        />,
      ]}
      error={error}
      testId="field-model_contexts"
    />
  );
}
