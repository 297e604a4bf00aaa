import { describe, expect, it } from "vitest";
import { runsApi } from "../../../src/app/dispatch.js";
import { createServiceApi } from "../../../src/app/service-api.js";
import { IssueService } from "../../../src/issues/issue-service.js";
import type { Orchestrator } from "../../../src/orchestrator/orchestrator.js";
import { RunSignals } from "../../../src/orchestrator/run-signals.js";
import { createHttpApp } from "../../../src/server/app.js";
import { coreRoutes } from "../../../src/server/routes/core.js";
import { issueRoutes } from "../../../src/server/routes/issues.js";
import { orchestratorRoutes } from "../../../src/server/routes/orchestrator.js";
import { runRoutes } from "../../../src/server/routes/runs.js";
import { securityOptions } from "../../unit/server/fake-service.js";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness, orchestratorOn, type DispatchHarness } from "./dispatch-harness.js";

const BASE = "http://127.0.0.1:4567";

function api(h: DispatchHarness) {
  const orchestrator = orchestratorOn(h);
  const service = createServiceApi({
    orchestrator: Object.defineProperty(Object.create(orchestrator) as Orchestrator, "dispatcher", {
      get: () => h.dispatcher,
    }),
    store: h.store,
    alerts: h.alerts,
    config: {
      current: { config: h.config, path: null, hash: "h" } as never,
      lastError: null,
    },
  });
  const issues = new IssueService({
    trackers: {
      list: () => Promise.resolve([]),
      get: () =>
        Promise.resolve({ projectId: h.project.id, name: h.project.name, tracker: h.tracker }),
    },
    skipReason: (pid, iid) => h.dispatcher.skipReason(pid, iid),
  });
  const app = createHttpApp({
    routes: [
      ...coreRoutes(service),
      ...issueRoutes(issues),
      ...orchestratorRoutes({
        pause: async (reason) => {
          await orchestrator.setPause(true, reason);
          h.pause.manual = true;
          return orchestrator.paused;
        },
        resume: async () => {
          await orchestrator.setPause(false);
          h.pause.manual = false;
          return orchestrator.paused;
        },
        dispatch: (pid, iid) => h.dispatcher.dispatchNow(pid, iid),
      }),
      ...runRoutes(runsApi(h.store, h.dispatcher, new RunSignals())),
    ],
    security: () => securityOptions({ maxBodyBytes: 1 << 20 }),
  });
  return async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`${BASE}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the JSON freely
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
}

describe("orchestrator and run endpoints", () => {
  it("[C188] GET /api/v1/state lists each running run with tokens, cost, focus, profile, model and last event time", async () => {
    const h = await makeDispatchHarness({
      scripts: {
        default: [{ usage: { input: 1200, output: 300 } }, { text: "thinking" }, { hang: true }],
      },
    });
    const call = api(h);
    const issue = await h.issue("show me in the state");
    await h.tick();
    await waitFor(async () => ((await h.runsOf(issue.id))[0]?.input_tokens ?? 0) > 0);
    const { status, body } = await call("GET", "/api/v1/state");
    expect(status).toBe(200);
    expect(body.counts.running).toBe(1);
    const [entry] = body.running as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({
      identifier: issue.identifier,
      title: "show me in the state",
      input_tokens: 1200,
      output_tokens: 300,
      focus: "general",
      profile: "default",
      model: "mock-1",
    });
    expect(entry?.cost_usd).toBeGreaterThan(0);
    expect(typeof entry?.last_event_at).toBe("string");
    expect(body.orphaned_in_progress).toEqual([]);
  });

  it("[C86] dispatch-now answers 409 with skip_reason, the issue detail reports it, runs can be listed and cancelled", async () => {
    const h = await makeDispatchHarness({ scripts: { default: [{ text: "hi" }, { hang: true }] } });
    const call = api(h);
    const backlog = await h.issue("not ready", { status: "Backlog" });
    const refused = await call(
      "POST",
      `/api/v1/orchestrator/dispatch/${h.project.id}/${backlog.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.skip_reason).toBe("inactive_state");
    expect(refused.body.error.code).toBe("not_eligible");
    const detail = await call("GET", `/api/v1/projects/${h.project.id}/issues/${backlog.id}`);
    expect(detail.body.skip_reason).toBe("inactive_state");

    const paused = await call("POST", "/api/v1/orchestrator/pause", { reason: "lunch" });
    expect(paused.body.paused).toMatchObject({ manual: true, reason: "lunch" });
    const issue = await h.issue("dispatch me now");
    const blocked = await call("POST", `/api/v1/orchestrator/dispatch/${h.project.id}/${issue.id}`);
    expect(blocked.body.skip_reason).toBe("paused");
    await call("POST", "/api/v1/orchestrator/resume");

    const started = await call("POST", `/api/v1/orchestrator/dispatch/${h.project.id}/${issue.id}`);
    expect(started.status).toBe(201);
    const runId = started.body.run.run_id as string;
    await waitFor(async () => (await h.store.runs.get(runId))?.phase === "running");
    const list = await call("GET", `/api/v1/runs?issue_id=${issue.id}`);
    const runs = list.body.runs as Array<{ run_id: string }>;
    expect(runs.map((r) => r.run_id)).toEqual([runId]);
    const activity = await call("GET", `/api/v1/runs/${runId}/activity?after=0`);
    expect(activity.status).toBe(200);
    expect(Array.isArray(activity.body.entries)).toBe(true);

    const cancelled = await call("POST", `/api/v1/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.outcome).toBe("cancelled_by_operator");
    expect((await h.get(issue.id)).state).toBe("Needs Human");
    const comments = await h.tracker.listComments(issue.id);
    expect(comments.at(-1)?.text).toContain("What to do: move the issue to Open to retry");
    expect((await call("POST", `/api/v1/runs/${runId}/cancel`)).status).toBe(409);
    expect((await call("GET", "/api/v1/runs/run-nope")).status).toBe(404);
  });
});
