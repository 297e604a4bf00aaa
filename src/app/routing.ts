/**
 * The routing API's route table (foci, providers, profiles, backends and the
 * per-issue routing explanation) built over the state documents and the
 * configuration in force, so the composition root adds it with one line.
 */
import type { LoadedWorkflow } from "../config/load.js";
import type { Issue } from "../domain/issue.js";
import type { HostLookup } from "../providers/outbound.js";
import type { RouteDefinition } from "../server/route.js";
import { backendRoutes } from "../server/routes/backends.js";
import { fociRoutes } from "../server/routes/foci.js";
import { profileRoutes } from "../server/routes/profiles.js";
import { providerRoutes } from "../server/routes/providers.js";
import { routingRoutes } from "../server/routes/routing.js";
import type { StateDocuments } from "./documents.js";

export interface RoutingApiDeps {
  docs: Pick<StateDocuments, "foci" | "providers" | "suggestions">;
  config: { readonly current: Pick<LoadedWorkflow, "config"> };
  env: Readonly<Record<string, string | undefined>>;
  /** The issue behind `GET …/issues/{iid}/routing`; without it that route is not mounted. */
  getIssue?: (projectId: string, issueId: string) => Promise<Issue>;
  getProject?: (projectId: string) => Promise<{ provider_id?: string | null } | null>;
  /** Test seams: package resolver and DNS lookup. */
  isInstalled?: (pkg: string) => boolean;
  lookup?: HostLookup;
}

export function routingApiRoutes(deps: RoutingApiDeps): RouteDefinition[] {
  const { docs } = deps;
  const profiles = () => deps.config.current.config.agent.profiles;
  const seams = {
    ...(deps.isInstalled ? { isInstalled: deps.isInstalled } : {}),
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
  };
  return [
    ...fociRoutes({ foci: docs.foci, suggestions: docs.suggestions }),
    ...providerRoutes({ providers: docs.providers, probe: { env: deps.env, ...seams } }),
    ...profileRoutes({ profiles }),
    ...backendRoutes({
      env: deps.env,
      ...(deps.isInstalled ? { isInstalled: deps.isInstalled } : {}),
    }),
    ...(deps.getIssue
      ? routingRoutes({
          getIssue: deps.getIssue,
          ...(deps.getProject ? { getProject: deps.getProject } : {}),
          foci: () => docs.foci.all(),
          profiles,
          providers: () => docs.providers.list(),
        })
      : []),
  ];
}
