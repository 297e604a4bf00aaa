import { describe, expect, it } from "vitest";
import { startTestService } from "../../helpers/service.js";

const TOKEN = "metrics-test-token-0123456789abcdef";

/** Every metric of the SPEC §20 table, with its type. */
const SPEC_METRICS: ReadonlyArray<readonly [string, string]> = [
  ["oompah_runs_started_total", "counter"],
  ["oompah_runs_finished_total", "counter"],
  ["oompah_runs_active", "gauge"],
  ["oompah_retries_pending", "gauge"],
  ["oompah_run_duration_seconds", "histogram"],
  ["oompah_tokens_total", "counter"],
  ["oompah_cost_usd_total", "counter"],
  ["oompah_budget_limit_usd", "gauge"],
  ["oompah_budget_spent_usd", "gauge"],
  ["oompah_budget_exceeded", "gauge"],
  ["oompah_tick_duration_seconds", "histogram"],
  ["oompah_issues", "gauge"],
  ["oompah_tracker_requests_total", "counter"],
  ["oompah_webhook_deliveries_total", "counter"],
  ["oompah_http_requests_total", "counter"],
  ["oompah_config_reloads_total", "counter"],
  ["oompah_event_loop_lag_seconds", "gauge"],
];

describe("GET /metrics", () => {
  it("[C199] exposes every metric name of §20 and needs auth when a token is configured", async () => {
    const t = await startTestService({
      workflow: "---\nserver:\n  api_token: $METRICS_TOKEN\n---\nWork on {{ issue.title }}\n",
      env: { METRICS_TOKEN: TOKEN },
    });
    const denied = await fetch(`${t.url}/metrics`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: "unauthorized" } });

    const auth = { authorization: `Bearer ${TOKEN}` };
    await fetch(`${t.url}/healthz`);
    await fetch(`${t.url}/api/v1/projects/some-id-123`, { headers: auth });
    await fetch(`${t.url}/no/such/path`, { headers: auth });
    const res = await fetch(`${t.url}/metrics`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    for (const [name, type] of SPEC_METRICS) {
      expect(text, name).toContain(`# TYPE ${name} ${type}\n`);
    }
    // Routes are labelled by pattern, never by raw path.
    expect(text).toContain('oompah_http_requests_total{route="/healthz",status="200"} 1');
    expect(text).toContain('oompah_http_requests_total{route="/metrics",status="401"} 1');
    expect(text).toMatch(
      /oompah_http_requests_total\{route="\/api\/v1\/projects\/:pid",status="\d+"\} 1/,
    );
    expect(text).toContain('oompah_http_requests_total{route="unmatched",status="404"} 1');
    expect(text).not.toContain("some-id-123");
    expect(text).toMatch(/^oompah_runs_active 0$/m);
    expect(text).toMatch(/^oompah_budget_exceeded 0$/m);
  });
});
