/**
 * The provider form (§9.3): general settings, the endpoint and write-only
 * key, the backend's own options, the model catalogue and the per-model
 * editors. Field-level errors, local or from a 422, sit next to their field.
 */
import { useId, type ReactNode } from "react";
import type { FieldErrors } from "../../../shared/forms.js";
import { Field } from "../../../shared/ui/field.js";
import { splitList } from "../../../shared/forms.js";
import { BACKEND_INFO, BACKENDS, fieldGroups, type ProviderForm } from "../model/provider-form.js";
import { keyStatus, knownModels } from "../model/provider-view.js";
import type { Backend, Provider } from "../model/wire.js";
import { CapabilitiesEditor, ContextsEditor, CostsEditor, RolesEditor } from "./map-editors.js";

export interface ProviderEditorProps {
  form: ProviderForm;
  onChange: (form: ProviderForm) => void;
  errors: FieldErrors;
  /** The provider being edited (null for a new one): for the key status. */
  provider: Provider | null;
  onSubmit: () => void;
  children: ReactNode;
}

export function ProviderEditor({
  form,
  onChange,
  errors,
  provider,
  onSubmit,
  children,
}: ProviderEditorProps) {
  const set = <K extends keyof ProviderForm>(key: K, value: ProviderForm[K]) =>
    onChange({ ...form, [key]: value });
  const groups = fieldGroups(form.backend);
  const modelList = `${useId()}-models`;
  const models = knownModels(
    splitList(form.models, "lines"),
    form.model_costs.map((r) => r.model),
    form.model_contexts.map((r) => r.model),
  );
  const stored =
    provider?.api_key_source === "stored" || provider?.api_key_source === "legacy_plaintext";

  return (
    <form
      className="provider-editor"
      data-testid="provider-editor"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <section>
        <h4>General</h4>
        <div className="editor-grid">
          <Field label="Name" error={errors.name} testId="field-name">
            <input value={form.name} onChange={(e) => set("name", e.target.value)} />
          </Field>
          <Field
            label="Backend"
            hint={BACKEND_INFO[form.backend]}
            error={errors.backend}
            testId="field-backend"
          >
            <select
              value={form.backend}
              onChange={(e) => set("backend", e.target.value as Backend)}
            >
              {BACKENDS.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </Field>
          <Field
            label="Billing"
            hint="subscription: cost is recorded but not counted against budgets"
            error={errors.billing}
            testId="field-billing"
          >
            <select
              value={form.billing}
              onChange={(e) => set("billing", e.target.value as ProviderForm["billing"])}
            >
              <option value="per_token">per token</option>
              <option value="subscription">subscription</option>
            </select>
          </Field>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.default}
            onChange={(e) => set("default", e.target.checked)}
          />{" "}
          Default provider (used when several exist and nothing pins one)
        </label>
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
              error={errors.base_url}
              testId="field-base_url"
            >
              <input
                type="url"
                value={form.base_url}
                placeholder="https://…/v1"
                onChange={(e) => set("base_url", e.target.value)}
              />
            </Field>
            <Field
              label="Key from environment variable"
              hint="preferred: the name of the variable holding the key"
              error={errors.api_key_env}
              testId="field-api_key_env"
            >
              <input
                value={form.api_key_env}
                placeholder="OPENAI_API_KEY"
                spellCheck={false}
                onChange={(e) => set("api_key_env", e.target.value)}
              />
            </Field>
          </div>
          <div className="editor-grid two">
            <Field
              label={stored ? "Replace the stored key" : "Or type a key"}
              hint="write-only: stored encrypted, never shown again"
              error={errors.api_key}
              testId="field-api_key"
            >
              <input
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={form.api_key}
                placeholder={stored ? "leave blank to keep it" : "sk-…"}
                onChange={(e) => set("api_key", e.target.value)}
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
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.clear_key}
                    disabled={form.api_key.trim() !== ""}
                    onChange={(e) => set("clear_key", e.target.checked)}
                    data-testid="clear-key"
                  />{" "}
                  Remove the stored key
                </label>
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
          {groups.has("stream") && (
            <label className="check">
              <input
                type="checkbox"
                checked={form.stream}
                onChange={(e) => set("stream", e.target.checked)}
              />{" "}
              Stream responses
            </label>
          )}
          {groups.has("acp") && (
            <div className="editor-grid">
              <Field label="ACP command" error={errors.acp_command} testId="field-acp_command">
                <input
                  value={form.acp_command}
                  onChange={(e) => set("acp_command", e.target.value)}
                />
              </Field>
              <Field
                label="Auth method"
                error={errors.acp_auth_method}
                testId="field-acp_auth_method"
              >
                <input
                  value={form.acp_auth_method}
                  onChange={(e) => set("acp_auth_method", e.target.value)}
                />
              </Field>
              <Field
                label="Permission policy"
                error={errors.permission_policy}
                testId="field-permission_policy"
              >
                <select
                  value={form.permission_policy}
                  onChange={(e) =>
                    set("permission_policy", e.target.value as ProviderForm["permission_policy"])
                  }
                >
                  <option value="workspace">workspace</option>
                  <option value="allow_all">allow_all</option>
                  <option value="reject_all">reject_all</option>
                </select>
              </Field>
              <Field
                label="ACP env passthrough"
                hint="comma-separated variable names"
                error={errors.acp_env_passthrough}
                testId="field-acp_env_passthrough"
              >
                <input
                  value={form.acp_env_passthrough}
                  onChange={(e) => set("acp_env_passthrough", e.target.value)}
                />
              </Field>
            </div>
          )}
          {groups.has("claude") && (
            <label className="check">
              <input
                type="checkbox"
                checked={form.claude_native_tools}
                onChange={(e) => set("claude_native_tools", e.target.checked)}
              />{" "}
              Use Claude&apos;s native tools
            </label>
          )}
          {groups.has("codex") && (
            <Field label="Codex mode" error={errors.codex_mode} testId="field-codex_mode">
              <select
                value={form.codex_mode}
                onChange={(e) => set("codex_mode", e.target.value as ProviderForm["codex_mode"])}
              >
                <option value="cli">cli</option>
                <option value="agents">agents</option>
              </select>
            </Field>
          )}
          {groups.has("command") && (
            <div className="editor-grid">
              <Field label="Command" error={errors.command} testId="field-command">
                <input value={form.command} onChange={(e) => set("command", e.target.value)} />
              </Field>
              <Field label="Prompt via" error={errors.prompt_via} testId="field-prompt_via">
                <select
                  value={form.prompt_via}
                  onChange={(e) => set("prompt_via", e.target.value as ProviderForm["prompt_via"])}
                >
                  <option value="stdin">stdin</option>
                  <option value="file">file</option>
                  <option value="arg">arg</option>
                </select>
              </Field>
              <Field
                label="Output format"
                error={errors.output_format}
                testId="field-output_format"
              >
                <select
                  value={form.output_format}
                  onChange={(e) =>
                    set("output_format", e.target.value as ProviderForm["output_format"])
                  }
                >
                  <option value="text">text</option>
                  <option value="claude-stream-json">claude-stream-json</option>
                  <option value="codex-json">codex-json</option>
                </select>
              </Field>
              <Field
                label="Timeout (ms)"
                hint="blank: none"
                error={errors.timeout_ms}
                testId="field-timeout_ms"
              >
                <input
                  inputMode="numeric"
                  value={form.timeout_ms}
                  onChange={(e) => set("timeout_ms", e.target.value)}
                />
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
            error={errors.models}
            testId="field-models"
          >
            <textarea
              rows={4}
              value={form.models}
              onChange={(e) => set("models", e.target.value)}
            />
          </Field>
          <Field
            label="Default model"
            hint="blank: the first of the catalogue"
            error={errors.default_model}
            testId="field-default_model"
          >
            <input
              value={form.default_model}
              list={modelList}
              onChange={(e) => set("default_model", e.target.value)}
            />
          </Field>
        </div>
        <datalist id={modelList}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <div className="maps">
          <RolesEditor
            rows={form.model_roles}
            onChange={(r) => set("model_roles", r)}
            error={errors.model_roles}
            modelList={modelList}
          />
          <CostsEditor
            rows={form.model_costs}
            onChange={(r) => set("model_costs", r)}
            error={errors.model_costs}
            modelList={modelList}
          />
          <CapabilitiesEditor
            rows={form.model_capabilities}
            onChange={(r) => set("model_capabilities", r)}
            error={errors.model_capabilities}
            modelList={modelList}
          />
          <ContextsEditor
            rows={form.model_contexts}
            onChange={(r) => set("model_contexts", r)}
            error={errors.model_contexts}
            modelList={modelList}
          />
        </div>
      </section>

      <section>
        <h4>Environment</h4>
        <Field
          label="Env passthrough"
          hint="comma-separated names the agent process may receive (everything else is withheld)"
          error={errors.env_passthrough}
          testId="field-env_passthrough"
        >
          <input
            value={form.env_passthrough}
            onChange={(e) => set("env_passthrough", e.target.value)}
          />
        </Field>
      </section>
      {children}
    </form>
  );
}
