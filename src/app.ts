/**
 * The composition root: the only module that knows which concrete adapters
 * exist. `startService` follows the startup order of SPEC §7.10 — load config
 * (fail fast) → lock the data dir and open the store → HTTP server and Unix
 * socket → config watcher → orchestrator loop — and returns a handle whose
 * `stop()` shuts everything down in reverse order.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadWorkflow, type LoadedWorkflow } from "./config/load.js";
import { ConfigReloader } from "./config/reloader.js";
import { SecretRedactor } from "./domain/redaction.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { RotatingFileSink } from "./logging/rotating-file.js";
import { AlertBoard } from "./orchestrator/alerts.js";
import { Orchestrator } from "./orchestrator/orchestrator.js";
import { createServiceApi } from "./app/service-api.js";
import { openStateDocuments, type StateDocuments } from "./app/documents.js";
import { routingApiRoutes } from "./app/routing.js";
import { openProjectRegistry } from "./app/projects.js";
import { createIssues } from "./app/issues.js";
import { createLiveChannel } from "./app/live.js";
import { issueChangedRecorder } from "./app/issue-events.js";
import { prepareAttempts } from "./app/attempts.js";
import { wireDispatch } from "./app/dispatch.js";
import { createBudgetApi } from "./app/budget.js";
import { createReviewsApi } from "./app/reviews.js";
import { ModelPricer } from "./providers/pricing.js";
import { budgetRoutes } from "./server/routes/budget.js";
import { costRoutes } from "./server/routes/costs.js";
import { reviewRoutes } from "./server/routes/reviews.js";
import { runTokenAuthenticator } from "./orchestrator/run-token.js";
import { projectRoutes } from "./server/routes/projects.js";
import { createHttpApp } from "./server/app.js";
import { mountDashboard } from "./server/static.js";
import { serveHttp, serveUnixSocket, type HttpListener } from "./server/node.js";
import { coreRoutes } from "./server/routes/core.js";
import { openStore, type Store } from "./store/db.js";
import { socketPathFor } from "./store/lock.js";
import type { LevelWithSilent } from "pino";

export interface ServiceOptions {
  workflowPath?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  envFile?: string;
  cli?: { port?: number | null; host?: string; workers?: number };
  paused?: boolean;
  logLevel?: string;
  /** Write log lines to stdout (default true); tests turn it off and capture. */
  logToStdout?: boolean;
  captureLog?: (line: string) => void;
  /** Pause between the mock (demo) agent's turns, in ms (`oompah demo --pace`). */
  demoPauseMs?: number;
}

export interface Service {
  readonly logger: Logger;
  readonly store: Store;
  readonly orchestrator: Orchestrator;
  readonly reloader: ConfigReloader;
  /** foci.json, providers.json and focus_suggestions.json (hot-reloaded). */
  readonly documents: StateDocuments;
  /** Bound TCP port, or null when the HTTP listener is disabled. */
  readonly httpPort: number | null;
  readonly socketPath: string;
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<Service> {
  const initial = await loadWorkflow({
    ...(opts.workflowPath === undefined ? {} : { path: opts.workflowPath }),
    ...(opts.envFile === undefined ? {} : { envFile: opts.envFile }),
    cwd: opts.cwd,
    env: opts.env,
    cli: opts.cli ?? {},
  });
  const { config } = initial;
  const redactor = new SecretRedactor();
  redactor.setSecrets(initial.secrets.map((s) => s.value));
  const logger = createLogger({
    level: (opts.logLevel ?? config.observability.log_level) as LevelWithSilent,
    redactor,
    file: new RotatingFileSink(join(config.data_dir, "logs")),
    stdout: opts.logToStdout ?? true,
    ...(opts.captureLog ? { capture: opts.captureLog } : {}),
  });
  for (const w of initial.warnings) logger.warn({ code: w.code, path: w.path }, w.message);

  const socketPath = socketPathFor(config.data_dir);
  const store = await openStore({ dataDir: config.data_dir, path: config.store.path, socketPath });
  const alerts = new AlertBoard();
  const reloader = new ConfigReloader({
    ...(initial.path === null ? {} : { path: initial.path }),
    initial,
    load: () =>
      loadWorkflow({
        ...(initial.path === null ? {} : { path: initial.path }),
        ...(opts.envFile === undefined ? {} : { envFile: opts.envFile }),
        cwd: opts.cwd,
        env: opts.env,
        cli: opts.cli ?? {},
      }),
    onApply: (next, warnings) => {
      redactor.setSecrets(next.secrets.map((s) => s.value));
      for (const w of warnings)
        logger.warn({ component: "config", code: w.code, path: w.path }, w.message);
      logger.info({ component: "config", hash: next.hash }, "configuration reloaded");
      orchestrator.configApplied();
      live.metrics.recordConfigReload("ok");
    },
    onError: (err) => {
      logger.error({ component: "config", code: err.code }, err.message);
      live.metrics.recordConfigReload("error");
      orchestrator.configFailed(err);
    },
  });
  const orchestrator = new Orchestrator({ store, alerts, config: reloader, logger });
  await orchestrator.init({ paused: opts.paused ?? false });
  const api = createServiceApi({
    orchestrator,
    store,
    alerts,
    config: reloader,
    projects: { summaries: () => projects.service.summaries() },
  });
  const documents = await openStateDocuments({
    serviceDir: initial.serviceDir,
    dataDir: config.data_dir,
    env: opts.env,
    alerts,
    logger,
    onProviderKeys: (keys) => redactor.setSecrets(keys, "providers"),
    onChange: () => orchestrator.wake("config_reloaded"),
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  // The dashboard's /foci and /providers pages refetch on `state`: a change of these
  // documents (API, proposals or hand edit) wakes the loop and changes the published hash (§17.4).
  orchestrator.snapshotExtras = () => [
    documents.foci.user(),
    documents.suggestions.list(),
    documents.providers.listPublic(),
  ];
  const projects = await openProjectRegistry({
    documents,
    store,
    config: reloader,
    env: opts.env,
    logger,
    onChange: () => orchestrator.wake("project_changed"),
    beforeRemove: (id, { purge }) => issues.registry.release(id, { discard: purge }),
  }).catch(async (e: unknown) => {
    await documents.stop();
    await store.close();
    throw e;
  });
  const recordIssueChanged = issueChangedRecorder(store, logger);
  const issues = createIssues({
    projects: () => projects.service.list(),
    config: reloader,
    env: opts.env,
    logger,
    alerts,
    runs: store.runs,
    costs: store,
    wake: (pid, iid) => {
      orchestrator.wake("issue_mutated");
      recordIssueChanged(pid, iid);
    },
    skipReason: (pid, iid) => dispatch.skipReason(pid, iid),
    boardFacts: (list) => dispatch.boardFacts(list),
  });
  const live = createLiveChannel({ store, api, logger, board: () => issues.service.board() });
  const attempts = await prepareAttempts({
    store,
    reloader,
    env: opts.env,
    logger,
    redactor,
    projects: projects.store,
    trackers: issues.registry,
    serverUrl: () => `unix:${socketPath}`,
    issues: issues.service,
    ...(opts.demoPauseMs === undefined ? {} : { demoPauseMs: opts.demoPauseMs }),
    apiKey: (provider) => {
      const key = documents.providers.apiKey(provider.id);
      if (!key.ok) throw key.error;
      return key.key;
    },
    pricer: new ModelPricer({ alerts, logger }),
  });
  const dispatch = wireDispatch({
    orchestrator,
    store,
    reloader,
    env: opts.env,
    logger,
    documents,
    projects: () => projects.service.list(),
    trackers: issues.registry,
    attempts: (workspace) => attempts.build(workspace),
    signals: attempts.signals,
  });

  const budget = createBudgetApi({
    store,
    config: reloader,
    trackers: issues.registry,
    wake: (reason) => orchestrator.wake(reason),
  });

  const listeners: HttpListener[] = [];
  let httpPort: number | null = null;
  try {
    const sessionSecret = randomBytes(32);
    const security = () => ({
      host: config.server.host,
      port: httpPort ?? 0,
      apiToken: config.server.api_token ?? null,
      allowedHosts: reloader.current.config.server.allowed_hosts,
      allowedOrigins: reloader.current.config.server.allowed_origins,
      maxBodyBytes: reloader.current.config.server.max_body_bytes,
      sessionSecret,
    });
    const routes = [
      ...coreRoutes(api),
      ...routingApiRoutes({
        docs: documents,
        config: reloader,
        env: opts.env,
        getIssue: async (pid, iid) => (await issues.service.detail(pid, iid)).issue,
        getProject: (pid) => projects.service.get(pid),
      }),
      ...projectRoutes(projects.service),
      ...issues.routes,
      ...dispatch.routes,
      ...budgetRoutes(budget),
      ...costRoutes(budget),
      ...reviewRoutes(
        createReviewsApi({
          store,
          projects: projects.service,
          trackers: issues.registry,
          issues: issues.service,
          dataDir: () => reloader.current.config.data_dir,
          env: opts.env,
        }),
      ),
    ];
    const http = createHttpApp({
      routes,
      security,
      logger,
      authenticate: runTokenAuthenticator(attempts.runTokens, store.runs),
    });
    mountDashboard(http);
    const { app, websocket } = live.serve(http);
    listeners.push(await serveUnixSocket(app, socketPath));
    if (config.server.port !== null) {
      const tcp = await serveHttp(app, {
        host: config.server.host,
        port: config.server.port,
        websocket,
      });
      httpPort = tcp.port;
      listeners.push(tcp);
      logger.info(
        { component: "http", host: config.server.host, port: httpPort },
        `listening on http://${displayHost(config.server.host)}:${httpPort}/`,
      );
    } else {
      logger.info(
        { component: "http" },
        "HTTP listener disabled (server.port is empty); the API is served on the Unix socket only",
      );
    }
  } catch (e) {
    await live.stop();
    for (const l of listeners) await l.close();
    await issues.stop();
    await documents.stop();
    await store.close();
    throw e;
  }
  projects.start();
  reloader.start();
  orchestrator.start();

  let stopping: Promise<void> | null = null;
  return {
    logger,
    store,
    orchestrator,
    reloader,
    documents,
    httpPort,
    socketPath,
    stop: () =>
      (stopping ??= (async () => {
        await orchestrator.stop();
        await issues.stop();
        await projects.stop();
        await reloader.stop();
        await documents.stop();
        await live.stop();
        for (const l of listeners.reverse()) await l.close();
        await store.close();
        logger.info({ component: "service" }, "stopped");
      })()),
  };
}

function displayHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Exposed for `oompah start` so it can describe what it loaded. */
export type { LoadedWorkflow };
