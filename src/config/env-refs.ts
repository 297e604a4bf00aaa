/**
 * `$NAME` / `${NAME}` references (SPEC §3.2 step 3). Only a string that is
 * *entirely* a reference is resolved, so shell hooks such as `echo $HOME` stay
 * untouched; a string that begins with `$$` loses one `$` (the escape for a
 * literal value that would otherwise look like a reference). Every secret-typed
 * value found on the way is recorded with its source so it can be redacted.
 */
import { OompahError } from "../domain/errors.js";
import { formatPath, isPlainObject } from "./key-path.js";
import { isSecretPath } from "./schema.js";

const REF = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/;

/** A secret value and where it came from (`env:NAME`, `yaml`). */
export interface SecretEntry {
  /** Dotted key path, e.g. `server.api_token`. */
  path: string;
  /** Key path as segments (keys inside `tracker.settings` may contain dots). */
  segments: Array<string | number>;
  /** `env:NAME` when read from a variable, `yaml` when written literally. */
  source: string;
  value: string;
}

/** The variable a whole-string reference names, or null. */
export function referencedVariable(value: string): string | null {
  const m = REF.exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** Resolves references in every string leaf of `raw` (a plain YAML tree). */
export function resolveEnvRefs(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { value: unknown; secrets: SecretEntry[] } {
  const secrets: SecretEntry[] = [];

  const visit = (v: unknown, segments: Array<string | number>): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => visit(item, [...segments, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[k] = visit(child, [...segments, k]);
      return out;
    }
    if (typeof v !== "string") return v;
    const secret = isSecretPath(segments);
    const name = referencedVariable(v);
    let resolved = v;
    let source = "yaml";
    if (name !== null) {
      const found = env[name];
      if (found === undefined || found === "") {
        const path = formatPath(segments);
        throw new OompahError(
          secret ? "missing_secret" : "missing_env_var",
          `${path} references $${name}, which is ${found === undefined ? "not set" : "empty"}`,
          {
            hint: `set ${name} in the environment or in the service directory's .env`,
            details: { path, variable: name },
          },
        );
      }
      resolved = found;
      source = `env:${name}`;
    } else if (v.startsWith("$$")) {
      resolved = v.slice(1);
    }
    if (secret && resolved !== "") {
      secrets.push({ path: formatPath(segments), segments, source, value: resolved });
    }
    return resolved;
  };

  return { value: visit(raw, []), secrets };
}
