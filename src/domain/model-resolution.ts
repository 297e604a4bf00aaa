/**
 * Which provider, model and backend a run uses (SPEC §9.4). Pins come from the
 * focus, then the profile, then the project; a pin that names nothing that
 * exists is a warning and the next source is tried — never a failed dispatch.
 */
import type { Warning } from "./errors.js";
import type { Focus } from "./focus.js";
import type { Profile } from "./profile.js";
import type { Backend, Provider } from "./provider.js";

type Pins = { provider_id?: string | null; model?: string | null; model_role?: string | null };

export interface ResolutionInput {
  focus: Pick<Focus, "name"> & Pins;
  profile: Pick<Profile, "name"> & Pins;
  providers: readonly Provider[];
  project?: { provider_id?: string | null } | null;
}

/** How the provider was chosen. */
export type ProviderSource = "focus" | "profile" | "project" | "only" | "default";

export type ProviderResolution =
  | { ok: true; provider: Provider; source: ProviderSource; warnings: Warning[] }
  /** `alert` is the snapshot alert the orchestrator raises (SPEC §20). */
  | {
      ok: false;
      code: "no_provider";
      alert: "no_providers" | "provider_ambiguous";
      warnings: Warning[];
    };

/** focus.provider_id → profile.provider_id → project.provider_id → only provider → `default: true`. */
export function resolveProvider(input: ResolutionInput): ProviderResolution {
  const warnings: Warning[] = [];
  const pins: Array<[ProviderSource, string | null | undefined, string]> = [
    ["focus", input.focus.provider_id, `focus ${input.focus.name}`],
    ["profile", input.profile.provider_id, `profile ${input.profile.name}`],
    ["project", input.project?.provider_id, "project"],
  ];
  for (const [source, id, owner] of pins) {
    if (!id) continue;
    const provider = input.providers.find((p) => p.id === id);
    if (provider) return { ok: true, provider, source, warnings };
    warnings.push({
      code: "provider_not_found",
      message: `${owner} pins provider ${id}, which does not exist; using the next source`,
      path: `${source}.provider_id`,
    });
  }
  const [only] = input.providers;
  if (only && input.providers.length === 1)
    return { ok: true, provider: only, source: "only", warnings };
  const marked = input.providers.find((p) => p.default);
  if (marked) return { ok: true, provider: marked, source: "default", warnings };
  return {
    ok: false,
    code: "no_provider",
    alert: input.providers.length === 0 ? "no_providers" : "provider_ambiguous",
    warnings,
  };
}

/** Where the model came from. */
export type ModelSource =
  | "focus.model"
  | "focus.model_role"
  | "profile.model"
  | "profile.model_role"
  | "default_model"
  | "models[0]";

export interface ModelChoice {
  model: string;
  source: ModelSource;
  warnings: Warning[];
}

/**
 * focus.model → focus.model_role → profile.model → profile.model_role →
 * default_model → models[0], within the chosen provider. Null model when the
 * provider has no catalogue and nothing is pinned (session backends then use
 * their own default).
 */
export function resolveModelWithin(
  provider: Provider,
  focus: ResolutionInput["focus"],
  profile: ResolutionInput["profile"],
): { model: string | null; source: ModelSource | null; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const inCatalogue = (m: string): boolean =>
    provider.models.length === 0 || provider.models.includes(m);
  const candidates: Array<[ModelSource, () => string | null]> = [
    ["focus.model", () => focus.model ?? null],
    ["focus.model_role", () => role(focus.model_role, `focus ${focus.name}`, "focus.model_role")],
    ["profile.model", () => profile.model ?? null],
    [
      "profile.model_role",
      () => role(profile.model_role, `profile ${profile.name}`, "profile.model_role"),
    ],
    ["default_model", () => provider.default_model],
    ["models[0]", () => provider.models[0] ?? null],
  ];
  function role(name: string | null | undefined, owner: string, path: string): string | null {
    if (!name) return null;
    const m = provider.model_roles[name];
    if (m) return m;
    warnings.push({
      code: "model_role_not_found",
      message: `${owner} asks for model role ${name}, which provider ${provider.id} does not define; using the next source`,
      path,
    });
    return null;
  }
  for (const [source, pick] of candidates) {
    const model = pick();
    if (!model) continue;
    if (inCatalogue(model)) return { model, source, warnings };
    warnings.push({
      code: "model_not_in_catalogue",
      message: `${source} names model ${model}, which provider ${provider.id} does not list; using the next source`,
      path: source,
    });
  }
  return { model: null, source: null, warnings };
}

export type ModelResolution =
  | {
      ok: true;
      provider: Provider;
      providerSource: ProviderSource;
      model: string | null;
      modelSource: ModelSource | null;
      backend: Backend;
      warnings: Warning[];
    }
  | {
      ok: false;
      code: "no_provider";
      alert: "no_providers" | "provider_ambiguous";
      warnings: Warning[];
    };

/** The full §9.4 resolution: provider, then model within it, then backend. */
export function resolveModel(input: ResolutionInput): ModelResolution {
  const p = resolveProvider(input);
  if (!p.ok) return p;
  const m = resolveModelWithin(p.provider, input.focus, input.profile);
  return {
    ok: true,
    provider: p.provider,
    providerSource: p.source,
    model: m.model,
    modelSource: m.source,
    backend: p.provider.backend,
    warnings: [...p.warnings, ...m.warnings],
  };
}
