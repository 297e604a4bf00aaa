/**
 * Row editors of a provider's per-model maps (§9.3): roles, prices,
 * capabilities and context windows. Each row is one map entry; blank rows
 * are ignored when saving. One editor serves every map, each described by
 * its {@link MapSpec}.
 */
import type { ReactNode } from "react";
import { DismissButton } from "../../../shared/ui/actions.js";
import { TableHead } from "../../../shared/ui/data.js";
import { Check } from "../../../shared/ui/field.js";
import {
  CAPABILITIES,
  type CapabilityRow,
  type ContextRow,
  type CostRow,
  type RoleRow,
} from "../model/provider-form.js";

/** What one map's editor shows: its title, columns, a new row, and the cells of a row. */
export interface MapSpec<R> {
  title: string;
  hint: string;
  headers: string[];
  blank: R;
  /** `data-testid` of the editor (its Add button gets `<testid>-add`, its error `<testid>-error`). */
  testId: string;
  /** The row's cells; `modelList` is the id of the datalist of known models. */
  cells: (row: R, set: (row: R) => void, modelList: string) => ReactNode[];
}

/** A text cell; `inputMode` makes it a right-aligned number. */
function Cell({
  label,
  value,
  onChange,
  list,
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  list?: string;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <input
      aria-label={label}
      value={value}
      list={list}
      inputMode={inputMode}
      className={inputMode ? "num" : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function modelCell<R extends { model: string }>(r: R, set: (row: R) => void, list: string) {
  return (
    <Cell label="Model" value={r.model} list={list} onChange={(model) => set({ ...r, model })} />
  );
}

export const ROLES_MAP: MapSpec<RoleRow> = {
  title: "Model roles",
  hint: "a role name (used by foci and profiles as model_role) and the model it means",
  headers: ["Role", "Model"],
  blank: { role: "", model: "" },
  testId: "field-model_roles",
  cells: (r, set, list) => [
    <Cell label="Role" value={r.role} onChange={(role) => set({ ...r, role })} />,
    modelCell(r, set, list),
  ],
};

export const COSTS_MAP: MapSpec<CostRow> = {
  title: "Prices (USD per 1M tokens)",
  hint: "overrides the packaged price data; 0 / 0 marks a model free; blank cached = the input price",
  headers: ["Model", "Input", "Output", "Cached input"],
  blank: { model: "", input: "", output: "", cached: "" },
  testId: "field-model_costs",
  cells: (r, set, list) => [
    modelCell(r, set, list),
    <Cell
      label="Input price"
      inputMode="decimal"
      value={r.input}
      onChange={(input) => set({ ...r, input })}
    />,
    <Cell
      label="Output price"
      inputMode="decimal"
      value={r.output}
      onChange={(output) => set({ ...r, output })}
    />,
    <Cell
      label="Cached input price"
      inputMode="decimal"
      value={r.cached}
      onChange={(cached) => set({ ...r, cached })}
    />,
  ],
};

export const CAPABILITIES_MAP: MapSpec<CapabilityRow> = {
  title: "Capabilities",
  hint: "input kinds a model accepts; a model not listed accepts text only",
  headers: ["Model", "Accepts"],
  blank: { model: "", capabilities: ["text"] },
  testId: "field-model_capabilities",
  cells: (r, set, list) => [
    modelCell(r, set, list),
    <span className="caps">
      {CAPABILITIES.map((c) => (
        <Check
          key={c}
          checked={r.capabilities.includes(c)}
          onChange={(on) =>
            set({
              ...r,
              capabilities: on ? [...r.capabilities, c] : r.capabilities.filter((x) => x !== c),
            })
          }
        >
          {c}
        </Check>
      ))}
    </span>,
  ],
};

export const CONTEXTS_MAP: MapSpec<ContextRow> = {
  title: "Context windows",
  hint: "tokens per model; Fetch models fills these when the server reports them",
  headers: ["Model", "Tokens"],
  blank: { model: "", tokens: "" },
  testId: "field-model_contexts",
  cells: (r, set, list) => [
    modelCell(r, set, list),
    <Cell
      label="Context tokens"
      inputMode="numeric"
      value={r.tokens}
      onChange={(tokens) => set({ ...r, tokens })}
    />,
  ],
};

export interface MapEditorProps<R> {
  spec: MapSpec<R>;
  rows: R[];
  onChange: (rows: R[]) => void;
  error?: string | undefined;
  /** id of the datalist of known models. */
  modelList: string;
}

export function MapEditor<R>({ spec, rows, onChange, error, modelList }: MapEditorProps<R>) {
  const update = (i: number) => (row: R) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className={`group rows${error ? " invalid" : ""}`} data-testid={spec.testId}>
      <legend>{spec.title}</legend>
      <small className="muted">{spec.hint}</small>
      {rows.length > 0 && (
        <table>
          <TableHead columns={[...spec.headers, { label: "Remove", hidden: true }]} />
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {spec.cells(r, update(i), modelList).map((c, k) => (
                  <td key={k}>{c}</td>
                ))}
                <td>
                  <DismissButton
                    label={`Remove row ${i + 1} of ${spec.title}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        onClick={() => onChange([...rows, spec.blank])}
        data-testid={`${spec.testId}-add`}
      >
        Add
      </button>
      {error && (
        <small className="error" role="alert" data-testid={`${spec.testId}-error`}>
          {error}
        </small>
      )}
    </fieldset>
  );
}
