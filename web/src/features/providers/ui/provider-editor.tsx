/**
 * The provider form (§9.3): general settings, the endpoint and write-only
 * key, the backend's own options, the model catalogue and the per-model
 * editors. Field-level errors, local or from a 422, sit next to their field.
 */
import { useId } from "react";
import { splitList } from "../../../shared/forms.js";
import { bindForm } from "../../../shared/ui/bind-form.js";
import type { EditorProps } from "../../../shared/ui/create-panel.js";
import { Check, DataList, Field, Form, Options } from "../../../shared/ui/field.js";
import { BACKEND_INFO, BACKENDS, fieldGroups, type ProviderForm } from "../model/provider-form.js";
import { keyStatus, knownModels } from "../model/provider-view.js";
import type { Provider } from "../model/wire.js";
import { CAPABILITIES_MAP, CONTEXTS_MAP, COSTS_MAP, MapEditor, ROLES_MAP } from "./map-editors.js";

export interface ProviderEditorProps extends EditorProps<ProviderForm> {
  /** The provider being edited (null for a new one): for the key status. */
  provider: Provider | null;
}

const BILLING = [
  { value: "per_token", label: "per token" },
  { value: "subscription", label: "subscription" },
];
const PERMISSION_POLICIES = ["workspace", "allow_all", "reject_all"];
const CODEX_MODES = ["cli", "agents"];
const PROMPT_VIA = ["stdin", "file", "arg"];
const OUTPUT_FORMATS = ["text", "claude-stream-json", "codex-json"];

export function ProviderEditor({
  form,
  onChange,
  errors,
  provider,
  onSubmit,
  children,
}: ProviderEditorProps) {
  const f = bindForm(form, onChange, errors);
  const groups = fieldGroups(form.backend);
  const modelList = `${useId()}-models`;
  const models = knownModels(
    splitList(form.models, "lines"),
    form.model_costs.map((r) => r.model),
    form.model_contexts.map((r) => r.model),
  );
  const stored =
    provider?.api_key_source === "stored" || provider?.api_key_source === "legacy_plaintext";
  const mapProps = <
    K extends "model_roles" | "model_costs" | "model_capabilities" | "model_contexts",
  >(
    key: K,
  ) => ({
    rows: form[key],
    onChange: (rows: ProviderForm[K]) => f.set(key, rows),
    error: errors[key],
    modelList,
  });

  return (
    <Form
      className="editor inline provider-editor"
      data-testid="provider-editor"
      autoComplete="off"
      onSubmit={onSubmit}
    >
      <section>
        <h4>General</h4>
        <div className="editor-grid">
          <Field label="Name" {...f.field("name")}>
            <input {...f.text("name")} />
          </Field>
          <Field label="Backend" hint={BACKEND_INFO[form.backend]} {...f.field("backend")}>
            <select {...f.text("backend")}>
              <Options options={BACKENDS} />
            </select>
          </Field>
          <Field
            label="Billing"
            hint="subscription: cost is recorded but not counted against budgets"
            {...f.field("billing")}
          >
            <select {...f.text("billing")}>
              <Options options={BILLING} />
            </select>
          </Field>
        </div>
        <Check {...f.check("default")}>
          Default provider (used when several exist and nothing pins one)
        </Check>
      </section>

      {(groups.has("endpoint") || groups.has("key")) && (
        <section>
          <h4>Endpoint and key</h4>
          <div className="editor-grid two">
            <Field
              label="Base URL"
              hint={
                form.backend === "api"
                  ? "OpenAI-compatible root, e.g. https://api.openai.com/v1"
                  : "optional custom endpoint"
              }
              {...f.field("base_url")}
            >
              <input type="url" placeholder="https://…/v1" {...f.text("base_url")} />
            </Field>
            <Field
              label="Key from environment variable"
              hint="preferred: the name of the variable holding the key"
              {...f.field("api_key_env")}
            >
              <input placeholder="OPENAI_API_KEY" spellCheck={false} {...f.text("api_key_env")} />
            </Field>
          </div>
          <div className="editor-grid two">
            <Field
              label={stored ? "Replace the stored key" : "Or type a key"}
              hint="write-only: stored encrypted, never shown again"
              {...f.field("api_key")}
            >
              <input
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                placeholder={stored ? "leave blank to keep it" : "sk-…"}
                {...f.text("api_key")}
              />
            </Field>
            <div className="key-state">
              {provider && (
                <p
                  className={keyStatus(provider).ok ? "ok" : "muted"}
                  data-testid="editor-key-status"
                >
                  Now: {keyStatus(provider).text}
                </p>
              )}
              {stored && (
                <Check
                  {...f.check("clear_key")}
                  disabled={form.api_key.trim() !== ""}
                  testId="clear-key"
                >
                  Remove the stored key
                </Check>
              )}
            </div>
          </div>
        </section>
      )}

      {(groups.has("stream") ||
        groups.has("acp") ||
        groups.has("claude") ||
        groups.has("codex") ||
        groups.has("command")) && (
        <section>
          <h4>{form.backend} options</h4>
          {groups.has("stream") && <Check {...f.check("stream")}>Stream responses</Check>}
          {groups.has("acp") && (
            <div className="editor-grid">
              <Field label="ACP command" {...f.field("acp_command")}>
                <input {...f.text("acp_command")} />
              </Field>
              <Field label="Auth method" {...f.field("acp_auth_method")}>
                <input {...f.text("acp_auth_method")} />
              </Field>
              <Field label="Permission policy" {...f.field("permission_policy")}>
                <select {...f.text("permission_policy")}>
                  <Options options={PERMISSION_POLICIES} />
                </select>
              </Field>
              <Field
                label="ACP env passthrough"
                hint="comma-separated variable names"
                {...f.field("acp_env_passthrough")}
              >
                <input {...f.text("acp_env_passthrough")} />
              </Field>
            </div>
          )}
          {groups.has("claude") && (
            <Check {...f.check("claude_native_tools")}>Use Claude&apos;s native tools</Check>
          )}
          {groups.has("codex") && (
            <Field label="Codex mode" {...f.field("codex_mode")}>
              <select {...f.text("codex_mode")}>
                <Options options={CODEX_MODES} />
              </select>
            </Field>
          )}
          {groups.has("command") && (
            <div className="editor-grid">
              <Field label="Command" {...f.field("command")}>
                <input {...f.text("command")} />
              </Field>
              <Field label="Prompt via" {...f.field("prompt_via")}>
                <select {...f.text("prompt_via")}>
                  <Options options={PROMPT_VIA} />
                </select>
              </Field>
              <Field label="Output format" {...f.field("output_format")}>
                <select {...f.text("output_format")}>
                  <Options options={OUTPUT_FORMATS} />
                </select>
              </Field>
              <Field label="Timeout (ms)" hint="blank: none" {...f.field("timeout_ms")}>
                <input inputMode="numeric" {...f.text("timeout_ms")} />
              </Field>
            </div>
          )}
        </section>
      )}

      <section>
        <h4>Models</h4>
        <div className="editor-grid two">
          <Field
            label="Catalogue"
            hint="one model id per line; Fetch models fills it from the server"
            {...f.field("models")}
          >
            <textarea rows={4} {...f.text("models")} />
          </Field>
          <Field
            label="Default model"
            hint="blank: the first of the catalogue"
            {...f.field("default_model")}
          >
            <input list={modelList} {...f.text("default_model")} />
          </Field>
        </div>
        <DataList id={modelList} values={models} />
        <div className="maps">
          <MapEditor spec={ROLES_MAP} {...mapProps("model_roles")} />
          <MapEditor spec={COSTS_MAP} {...mapProps("model_costs")} />
          <MapEditor spec={CAPABILITIES_MAP} {...mapProps("model_capabilities")} />
          <MapEditor spec={CONTEXTS_MAP} {...mapProps("model_contexts")} />
        </div>
      </section>

      <section>
        <h4>Environment</h4>
        <Field
          label="Env passthrough"
          hint="comma-separated names the agent process may receive (everything else is withheld)"
          {...f.field("env_passthrough")}
        >
          <input {...f.text("env_passthrough")} />
        </Field>
      </section>
      {children}
    </Form>
  );
}
