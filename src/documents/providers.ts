/**
 * `.oompah/providers.json` (SPEC §9.3): providers with write-only keys. A key
 * typed into the API is encrypted with the SecretBox before it reaches disk; a
 * legacy plaintext `api_key` is read, and encrypted on the next save (warning
 * `plaintext_secret_migrated`). Nothing here returns key material except
 * `apiKey()`, which agent backends call at dispatch.
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { OompahError, type Warning } from "../domain/errors.js";
import {
  ProviderSchema,
  ProvidersDocumentSchema,
  newProviderId,
  publicProvider,
  type Provider,
  type PublicProvider,
} from "../domain/provider.js";
import { JsonDocument, type LoadResult } from "./json-document.js";
import type { SecretBox } from "./secrets.js";

/** Fields accepted from the API: everything but the id and the stored key; `api_key` is the typed-in key. */
export type ProviderInput = Partial<Omit<z.input<typeof ProviderSchema>, "id" | "api_key_enc">>;

const INPUT_FIELDS = new Set(
  Object.keys(ProviderSchema.shape).filter((k) => k !== "id" && k !== "api_key_enc"),
);

export type ApiKeyResult =
  | { ok: true; key: string | null; source: "env" | "stored" | "legacy_plaintext" | "none" }
  | { ok: false; error: OompahError };

function validationError(issues: readonly z.core.$ZodIssue[]): OompahError {
  const first = issues[0];
  return new OompahError(
    "validation_failed",
    `provider ${first?.path.join(".") || "(root)"}: ${first?.message ?? "invalid"}`,
    {
      details: { issues: issues.map((i) => ({ field: i.path.join("."), message: i.message })) },
    },
  );
}

export class ProvidersStore {
  readonly document: JsonDocument<Provider[]>;

  constructor(
    path: string,
    private readonly secrets: SecretBox,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    /** Told the providers' key values after every change, so logs and responses can redact them. */
    onKeys?: (keys: string[]) => void,
  ) {
    this.document = new JsonDocument({
      path,
      schema: ProvidersDocumentSchema,
      empty: () => [],
      serialize: (list) =>
        list.map((p) => {
          if (p.api_key)
            throw new OompahError("internal_error", "refusing to write a plaintext api_key");
          const { api_key: _dropped, ...rest } = p;
          return rest;
        }),
    });
    if (onKeys) this.document.subscribe(() => onKeys(this.keyValues()));
  }

  load(): Promise<LoadResult<Provider[]>> {
    return this.document.load();
  }

  reload(): Promise<LoadResult<Provider[]>> {
    return this.document.reload();
  }

  /** Full providers (with encrypted key fields) for routing; never serialise these to a client. */
  list(): Provider[] {
    return [...this.document.value];
  }

  get(id: string): Provider | null {
    return this.document.value.find((p) => p.id === id) ?? null;
  }

  listPublic(): PublicProvider[] {
    return this.document.value.map((p) => publicProvider(p, this.env));
  }

  getPublic(id: string): PublicProvider | null {
    const p = this.get(id);
    return p ? publicProvider(p, this.env) : null;
  }

  /** Encrypts any plaintext key, then writes. Returns the migration warnings. */
  async save(list: readonly Provider[]): Promise<Warning[]> {
    const warnings: Warning[] = [];
    const sealed = list.map((p) => {
      if (!p.api_key) return p;
      warnings.push({
        code: "plaintext_secret_migrated",
        message: `provider ${p.id}: plaintext api_key encrypted into api_key_enc`,
        path: `providers.${p.id}.api_key`,
      });
      return { ...p, api_key_enc: this.secrets.encrypt(p.api_key), api_key: null };
    });
    await this.document.save(sealed);
    return warnings;
  }

  /** Rewrites the file when it still holds plaintext keys (e.g. right after loading an original's file). */
  async migratePlaintextKeys(): Promise<Warning[]> {
    return this.document.value.some((p) => p.api_key) ? this.save(this.document.value) : [];
  }

  /** Merges only the fields the caller sent (so a patch never resets others to defaults). */
  private applyInput(base: Provider, input: ProviderInput): Provider {
    const sent = Object.entries(input as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    const unknown = sent.filter(([k]) => !INPUT_FIELDS.has(k)).map(([k]) => k);
    if (unknown.length) {
      throw new OompahError("validation_failed", `provider: unknown field ${unknown.join(", ")}`, {
        details: { issues: unknown.map((field) => ({ field, message: "unknown field" })) },
      });
    }
    const { api_key, ...fields } = Object.fromEntries(sent);
    if (api_key !== undefined && api_key !== null && typeof api_key !== "string") {
      throw new OompahError("validation_failed", "provider api_key: must be a string or null", {
        details: { issues: [{ field: "api_key", message: "must be a string or null" }] },
      });
    }
    const next = ProviderSchema.safeParse({ ...base, ...fields, api_key: base.api_key });
    if (!next.success) throw validationError(next.error.issues);
    if (api_key === undefined) return next.data;
    const typed = typeof api_key === "string" ? api_key.trim() : "";
    return { ...next.data, api_key: null, api_key_enc: typed ? this.secrets.encrypt(typed) : null };
  }

  async create(input: ProviderInput): Promise<PublicProvider> {
    const existing = new Set(this.document.value.map((p) => p.id));
    let id = newProviderId((n) => randomBytes(n).toString("hex"));
    while (existing.has(id)) id = newProviderId((n) => randomBytes(n).toString("hex"));
    const provider = this.applyInput(ProviderSchema.parse({ id }), input);
    await this.save([...this.document.value, provider]);
    return publicProvider(provider, this.env);
  }

  /** `api_key`: a string replaces the stored key, null or "" clears it, absent keeps it. */
  async update(id: string, input: ProviderInput): Promise<PublicProvider> {
    const current = this.get(id);
    if (!current) throw new OompahError("not_found", `no provider ${id}`);
    const updated = this.applyInput(current, input);
    await this.save(this.document.value.map((p) => (p.id === id ? updated : p)));
    return publicProvider(updated, this.env);
  }

  async remove(id: string): Promise<void> {
    if (!this.get(id)) throw new OompahError("not_found", `no provider ${id}`);
    await this.save(this.document.value.filter((p) => p.id !== id));
  }

  /**
   * The key for a provider: the `api_key_env` variable, else the stored key,
   * else a not-yet-migrated plaintext key. An undecryptable stored key is
   * `secret_unavailable` (raise the alert; other providers keep working).
   */
  /** Every key value the providers can use (env-referenced or stored), skipping undecryptable ones. */
  keyValues(): string[] {
    const keys: string[] = [];
    for (const p of this.list()) {
      const r = this.apiKey(p.id);
      if (r.ok && r.key) keys.push(r.key);
    }
    return keys;
  }

  apiKey(id: string): ApiKeyResult {
    const p = this.get(id);
    if (!p) return { ok: false, error: new OompahError("not_found", `no provider ${id}`) };
    const fromEnv = p.api_key_env ? this.env[p.api_key_env] : undefined;
    if (fromEnv) return { ok: true, key: fromEnv, source: "env" };
    if (p.api_key_enc) {
      const r = this.secrets.tryDecrypt(p.api_key_enc);
      if (!r.ok) {
        return {
          ok: false,
          error: new OompahError("secret_unavailable", `provider ${p.id}: ${r.error.message}`, {
            hint: r.error.hint,
            details: { provider_id: p.id },
          }),
        };
      }
      return { ok: true, key: r.value, source: "stored" };
    }
    if (p.api_key) return { ok: true, key: p.api_key, source: "legacy_plaintext" };
    return { ok: true, key: null, source: "none" };
  }
}
