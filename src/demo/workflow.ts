/**
 * The demo's configuration: a WORKFLOW.md with its paths inside the sandbox,
 * quick polling and two agent profiles, and the one `mock` provider, named so
 * that nobody mistakes the demo agent's output for a model's.
 */
import { MOCK_MODEL } from "../agents/mock/index.js";
import type { DemoPaths } from "./sandbox.js";

export const DEMO_PROVIDER_ID = "demo-mock";
export const DEMO_PROVIDER_NAME = "Demo agent (mock — no model is called)";

/** `.oompah/providers.json` of the demo service. */
export function demoProviders(): unknown[] {
  return [
    {
      id: DEMO_PROVIDER_ID,
      name: DEMO_PROVIDER_NAME,
      backend: "mock",
      models: [MOCK_MODEL],
      default_model: MOCK_MODEL,
      model_costs: { [MOCK_MODEL]: { input_per_1m: 1, output_per_1m: 2 } },
      default: true,
    },
  ];
}

/** The WORKFLOW.md text; paths are JSON-quoted, which YAML reads as strings. */
export function demoWorkflow(paths: DemoPaths): string {
  const q = (s: string): string => JSON.stringify(s);
  return `---
## Written by \`oompah demo\` inside a throw-away sandbox.
data_dir: ${q(paths.dataDir)}
workspace:
  root: ${q(paths.workspaceRoot)}
polling:
  interval_ms: 1000
tracker:
  kind: oompah_md
  commit_debounce_ms: 100
agent:
  max_concurrent_agents: 2
  stall_timeout_ms: 60000
  shutdown_grace_ms: 2000
  profiles:
    - name: quick-fixes
      issue_types: [chore]
      keywords: [typo, readme, document]
      min_priority: 3
      max_priority: 4
    - name: careful-engineer
      issue_types: [bug, feature, task]
      min_priority: 0
      max_priority: 2
observability:
  log_level: warn
---
You are working on {{ issue.identifier }}: {{ issue.title }}.

{{ issue.description }}

Make the smallest change that resolves the task, then call finish with a summary.
`;
}
