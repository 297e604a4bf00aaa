/**
 * A route-level app for the routing API over real state documents in a temp
 * service directory and a real WORKFLOW.md (with the SPEC §3.8 example
 * profiles), served in-process (`request`) and, on demand, on 127.0.0.1:0.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openStateDocuments, type StateDocuments } from "../../../src/app/documents.js";
import { routingApiRoutes, type RoutingApiDeps } from "../../../src/app/routing.js";
import { loadWorkflow } from "../../../src/config/load.js";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import type { HostLookup } from "../../../src/providers/outbound.js";
import { createHttpApp } from "../../../src/server/app.js";
import type { HttpSecurityOptions } from "../../../src/server/context.js";
import { serveHttp } from "../../../src/server/node.js";
import type { RouteDefinition } from "../../../src/server/route.js";
import { tempDir } from "../../helpers/sandbox.js";

export const EXAMPLE_PROFILES = `  profiles:
    - { name: quick,    model_role: fast,     issue_types: [chore], keywords: [typo, rename, cleanup] }
    - { name: standard, model_role: standard, issue_types: [task, feature] }
    - { name: deep,     model_role: deep,     issue_types: [bug, epic] }
`;

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface HarnessOptions {
  profiles?: string;
  env?: Record<string, string>;
  isInstalled?: (pkg: string) => boolean;
  lookup?: HostLookup;
  getIssue?: RoutingApiDeps["getIssue"];
  getProject?: RoutingApiDeps["getProject"];
  extraRoutes?: RouteDefinition[];
  watch?: boolean;
}

export interface Harness {
  dir: string;
  alerts: AlertBoard;
  docs: StateDocuments;
  request(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** Serves the app on 127.0.0.1:0 and returns its base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function routingHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = tempDir("oompah-routing-");
  const data = join(dir, "data");
  writeFileSync(
    join(dir, "WORKFLOW.md"),
    `---\ntracker:\n  kind: oompah_md\ndata_dir: ${data}\nworkspace:\n  root: ${join(dir, "wt")}\nagent:\n${opts.profiles ?? EXAMPLE_PROFILES}---\nWork on {{ issue.title }}.\n`,
  );
  const env = { PATH: process.env.PATH ?? "", ...opts.env };
  const loaded = await loadWorkflow({ cwd: dir, env });
  const alerts = new AlertBoard();
  const docs = await openStateDocuments({
    serviceDir: loaded.serviceDir,
    dataDir: data,
    env,
    alerts,
    logger: silentLogger,
    watch: opts.watch ?? false,
    debounceMs: 20,
  });
  // In-process requests carry this port in Host; listen() replaces it with the bound one.
  let port = 4567;
  const security = (): HttpSecurityOptions => ({
    host: "127.0.0.1",
    port,
    apiToken: null,
    allowedHosts: [],
    allowedOrigins: [],
    maxBodyBytes: 1 << 20,
    sessionSecret: Buffer.alloc(32, 1),
  });
  const routes = [
    ...routingApiRoutes({
      docs,
      config: { current: loaded },
      env,
      ...(opts.isInstalled ? { isInstalled: opts.isInstalled } : {}),
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
      ...(opts.getIssue ? { getIssue: opts.getIssue } : {}),
      ...(opts.getProject ? { getProject: opts.getProject } : {}),
    }),
    ...(opts.extraRoutes ?? []),
  ];
  const app = createHttpApp({ routes, security, logger: silentLogger });
  const closers: Array<() => Promise<void>> = [() => docs.stop()];
  return {
    dir,
    alerts,
    docs,
    request: (path, init = {}) =>
      Promise.resolve(
        app.request(`http://127.0.0.1:${port}${path}`, {
          method: init.method ?? "GET",
          ...(init.body === undefined
            ? {}
            : { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } }),
        }),
      ),
    listen: async () => {
      const l = await serveHttp(app, { host: "127.0.0.1", port: 0 });
      port = l.port;
      closers.push(() => l.close());
      return `http://127.0.0.1:${l.port}`;
    },
    close: async () => {
      for (const c of closers.reverse()) await c();
    },
  };
}
