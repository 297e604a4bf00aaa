/**
 * Opens the routing documents of the state directory — foci, providers and
 * focus suggestions — for the composition root: first load (an invalid file
 * raises `config_invalid` and the service starts on the last good value, i.e.
 * empty), the plaintext-key migration of providers.json, the
 * `secret_unavailable` check, and the hot-reload watcher.
 */
import { FociStore } from "../documents/foci.js";
import { FocusSuggestionsStore } from "../documents/focus-suggestions.js";
import { ProvidersStore } from "../documents/providers.js";
import { SecretBox } from "../documents/secrets.js";
import { stateDocumentPaths, type StateDocumentPaths } from "../documents/state-dir.js";
import type { AlertBoard } from "../orchestrator/alerts.js";
import { StateDirWatcher, type WatcherLogger } from "./state-watcher.js";

export interface DocumentsLogger extends WatcherLogger {
  warn(obj: object, msg: string): void;
}

export interface StateDocumentsOptions {
  serviceDir: string;
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  alerts: AlertBoard;
  logger: DocumentsLogger;
  /** Start the file watcher (default true). */
  watch?: boolean;
  /** Receives the providers' key values after every change (for redaction). */
  onProviderKeys?: (keys: string[]) => void;
  /** Called after any change of foci, providers or suggestions (API, proposals or a hand edit). */
  onChange?: () => void;
  debounceMs?: number;
}

export interface StateDocuments {
  readonly paths: StateDocumentPaths;
  readonly secrets: SecretBox;
  readonly foci: FociStore;
  readonly providers: ProvidersStore;
  readonly suggestions: FocusSuggestionsStore;
  /** The watcher; other documents of the state directory (projects.json) may be added to it. */
  readonly watcher: StateDirWatcher;
  stop(): Promise<void>;
}

const SECRET_ALERT = "secret_unavailable";

/** Raises or clears `secret_unavailable` for providers whose stored key cannot be decrypted. */
export function checkProviderSecrets(providers: ProvidersStore, alerts: AlertBoard): string[] {
  const broken = providers
    .list()
    .filter((p) => p.api_key_enc)
    .map((p) => ({ p, r: providers.apiKey(p.id) }))
    .filter(({ r }) => !r.ok)
    .map(({ p }) => p.id);
  if (broken.length) {
    alerts.raise({
      code: SECRET_ALERT,
      severity: "error",
      message: `stored API key of provider ${broken.join(", ")} cannot be decrypted; runs on ${broken.length > 1 ? "them" : "it"} fail until fixed`,
      hint: "re-enter the key on /providers, or restore the OOMPAH_SECRET_KEY / secret.key it was encrypted with",
    });
  } else {
    alerts.clear(SECRET_ALERT);
  }
  return broken;
}

export async function openStateDocuments(opts: StateDocumentsOptions): Promise<StateDocuments> {
  const paths = stateDocumentPaths(opts.serviceDir);
  const secrets = new SecretBox({ env: opts.env, dataDir: opts.dataDir });
  const foci = new FociStore(paths.foci);
  const providers = new ProvidersStore(paths.providers, secrets, opts.env, opts.onProviderKeys);
  const suggestions = new FocusSuggestionsStore(paths.focusSuggestions, foci);
  const { logger, alerts } = opts;

  const watcher = new StateDirWatcher({
    stateDir: paths.stateDir,
    alerts,
    logger,
    ...(opts.debounceMs === undefined ? {} : { debounceMs: opts.debounceMs }),
    onChanged: (file) => {
      if (file === paths.providers) checkProviderSecrets(providers, alerts);
    },
  });
  const docs: Array<[string, FociStore | ProvidersStore | FocusSuggestionsStore]> = [
    [paths.foci, foci],
    [paths.providers, providers],
    [paths.focusSuggestions, suggestions],
  ];
  const onChange = opts.onChange;
  for (const [file, store] of docs) {
    if (onChange) store.document.subscribe(onChange);
    watcher.add(file, store);
    const result = await store.load();
    if (result.error)
      logger.error({ component: "documents", code: result.error.code, file }, result.error.message);
    watcher.report(file, result.error);
  }
  for (const w of await providers.migratePlaintextKeys()) {
    logger.warn({ component: "documents", code: w.code, path: w.path }, w.message);
  }
  checkProviderSecrets(providers, alerts);
  if (opts.watch ?? true) await watcher.start();
  return { paths, secrets, foci, providers, suggestions, watcher, stop: () => watcher.stop() };
}
