/**
 * Shared pieces of the budget tests: a ledger row written as a past run
 * would have written it, and the budget/cost API over a dispatch harness.
 */
import { createBudgetApi } from "../../../src/app/budget.js";
import { createHttpApp } from "../../../src/server/app.js";
import { budgetRoutes } from "../../../src/server/routes/budget.js";
import { costRoutes } from "../../../src/server/routes/costs.js";
import type { NewLedgerEntry } from "../../../src/store/ledger.js";
import type { WakeReason } from "../../../src/orchestrator/tick-loop.js";
import type { DispatchHarness } from "../orchestrator/dispatch-harness.js";

/** Appends a billable `kind=run` ledger row at the harness clock. */
export async function spend(
  h: DispatchHarness,
  usd: number,
  extra: Partial<NewLedgerEntry> = {},
): Promise<void> {
  await h.store.ledger.insert({
    ts: h.now().toISOString(),
    run_id: null,
    project_id: h.project.id,
    issue_key: null,
    kind: "run",
    profile: "default",
    focus: "implementer",
    provider_id: "prov-mock",
    model: "mock-1",
    input_tokens: 0,
    cached_input_tokens: 0,
    output_tokens: 0,
    cost_usd: usd,
    billable: true,
    price_source: "reported",
    ...extra,
  });
}

/** The budget and cost API as the service wires it, over the harness store and tracker. */
export function budgetApi(h: DispatchHarness, wakes: WakeReason[] = h.wakes) {
  return createBudgetApi({
    store: h.store,
    config: { current: { config: h.config } },
    trackers: {
      get: () =>
        Promise.resolve({ projectId: h.project.id, name: h.project.name, tracker: h.tracker }),
    },
    wake: (r) => void wakes.push(r),
    now: h.now,
  });
}

/** The budget and cost routes over `api`, answering in-process (`app.request`, no port). */
export function inProcessApp(api: ReturnType<typeof budgetApi>) {
  const app = createHttpApp({
    routes: [...budgetRoutes(api), ...costRoutes(api)],
    security: () => ({
      host: "127.0.0.1",
      port: 4567,
      apiToken: null,
      allowedHosts: [],
      allowedOrigins: [],
      maxBodyBytes: 4096,
      sessionSecret: Buffer.from("0123456789abcdef0123456789abcdef"),
    }),
  });
  return (path: string, init?: RequestInit) => app.request(`http://127.0.0.1:4567${path}`, init);
}
