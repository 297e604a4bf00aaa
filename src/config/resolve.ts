/**
 * The value resolution pipeline of SPEC §3.2, as one pure function:
 * raw front matter → unknown keys dropped (warned) → `$VAR` references →
 * env overrides → CLI flags → canonical spellings → schema (defaults, types,
 * ranges) → paths made absolute → cross-field checks.
 */
import type { Warning } from "../domain/errors.js";
import { checkConfig } from "./checks.js";
import { resolveEnvRefs, type SecretEntry } from "./env-refs.js";
import { collectOverrides, type CliOverrides } from "./env-overrides.js";
import { formatPath, isPlainObject, setAt } from "./key-path.js";
import { normaliseTree } from "./normalise.js";
import { expandPath, homeDir } from "./paths.js";
import { configSchema, isSecretPath, type OompahConfig } from "./schema.js";
import { stripUnknownKeys } from "./unknown-keys.js";
import { schemaError } from "./zod-errors.js";

export interface ResolveInput {
  /** The parsed front matter (a mapping; `{}` when absent). */
  raw: Record<string, unknown>;
  /** The effective environment (process env merged with `.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths resolve against. */
  serviceDir: string;
  cli?: CliOverrides;
}

export interface ResolvedConfig {
  config: OompahConfig;
  warnings: Warning[];
  /** Every secret value with its origin, for redaction. */
  secrets: SecretEntry[];
  /** Key path → `env:NAME` / `cli:--flag` for values that did not come from YAML. */
  sources: ReadonlyMap<string, string>;
}

/** Resolves and validates a front-matter mapping; throws OompahError on the first problem. */
export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const stripped = stripUnknownKeys(input.raw, configSchema);
  const warnings = [...stripped.warnings];
  const refs = resolveEnvRefs(stripped.value, input.env);
  const tree = isPlainObject(refs.value) ? refs.value : {};
  let secrets = refs.secrets;

  const sources = new Map<string, string>();
  for (const o of collectOverrides(input.env, input.cli)) {
    setAt(tree, o.segments, o.value);
    const path = formatPath(o.segments);
    sources.set(path, o.source);
    if (isSecretPath(o.segments)) {
      secrets = secrets.filter((s) => s.path !== path);
      if (typeof o.value === "string" && o.value !== "") {
        secrets.push({ path, segments: o.segments, source: o.source, value: o.value });
      }
    }
  }

  warnings.push(...normaliseTree(tree));

  const parsed = configSchema.safeParse(tree);
  if (!parsed.success) throw schemaError(parsed.error, tree, sources);

  const home = homeDir(input.env);
  const p = parsed.data;
  const dataDir = expandPath(p.data_dir, input.serviceDir, home);
  const config: OompahConfig = {
    ...p,
    data_dir: dataDir,
    workspace: { ...p.workspace, root: expandPath(p.workspace.root, input.serviceDir, home) },
    store: {
      ...p.store,
      path: expandPath(p.store.path ?? `${dataDir}/oompah.db`, input.serviceDir, home),
    },
  };

  warnings.push(...checkConfig(config, sources));
  return { config, warnings, secrets, sources };
}
