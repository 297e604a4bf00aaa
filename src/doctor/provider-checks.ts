/**
 * `oompah doctor`'s provider checks: every configured provider's backend is
 * usable (optional package installed, ACP/command program on PATH), and with
 * `--online` a live test call (the same probe as `POST …/providers/{id}/test`).
 */
import { ProvidersStore } from "../documents/providers.js";
import { SecretBox } from "../documents/secrets.js";
import { stateDocumentPaths } from "../documents/state-dir.js";
import { toOompahError } from "../domain/errors.js";
import type { Provider } from "../domain/provider.js";
import {
  commandProgram,
  providerBackendError,
  resolveOnPath,
} from "../providers/backend-availability.js";
import { testProvider } from "../providers/provider-probe.js";
import type { CheckResult } from "./checks.js";

export async function checkProviders(opts: {
  serviceDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  online: boolean;
}): Promise<CheckResult[]> {
  const store = new ProvidersStore(
    stateDocumentPaths(opts.serviceDir).providers,
    new SecretBox({ env: opts.env, dataDir: opts.dataDir }),
    opts.env,
  );
  const loaded = await store.load();
  if (loaded.error) {
    const e = toOompahError(loaded.error);
    return [
      {
        name: "providers",
        status: "fail",
        detail: `${e.code}: ${e.message}`,
        hint: e.hint ?? "fix .oompah/providers.json",
      },
    ];
  }
  const providers = store.list();
  if (providers.length === 0) {
    return [
      {
        name: "providers",
        status: "warn",
        detail: "no provider configured",
        hint: "add one on /providers or with POST /api/v1/providers",
      },
    ];
  }
  const results: CheckResult[] = [];
  for (const p of providers) {
    results.push(await checkBackend(p, opts.env));
    if (opts.online) results.push(await checkOnline(p, store, opts.env));
  }
  return results;
}

async function checkBackend(p: Provider, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const name = `provider ${p.id}`;
  const missing = providerBackendError(p);
  if (missing) return { name, status: "fail", detail: missing.message, hint: missing.hint ?? "" };
  const line = p.backend === "acp" ? p.acp_command : p.backend === "command" ? p.command : null;
  if (line !== null && line !== undefined) {
    const program = commandProgram(line);
    const found = program ? await resolveOnPath(program, env) : null;
    if (!found) {
      return {
        name,
        status: "fail",
        detail: `${p.backend} command "${program ?? line}" not found on PATH`,
        hint: "install the agent or fix the provider's command",
      };
    }
    return { name, status: "ok", detail: `${p.backend} backend, ${found}` };
  }
  return { name, status: "ok", detail: `${p.backend} backend` };
}

async function checkOnline(
  p: Provider,
  store: ProvidersStore,
  env: NodeJS.ProcessEnv,
): Promise<CheckResult> {
  const name = `provider ${p.id} (online)`;
  const result = await testProvider(p, {
    env,
    apiKey: () => {
      const key = store.apiKey(p.id);
      if (!key.ok) throw key.error;
      return key.key;
    },
  });
  return result.ok
    ? {
        name,
        status: "ok",
        detail: `answered in ${result.latency_ms} ms (${result.model ?? "model"})`,
      }
    : {
        name,
        status: "fail",
        detail: `${result.error?.code ?? "error"}: ${result.error?.message ?? "test failed"}`,
        hint: "check the base URL, the key and the model on /providers",
      };
}
