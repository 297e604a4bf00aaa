/** Session options and event helpers for mock-backend tests. */
import type { SessionOptions } from "../../../src/agents/backend.js";
import type { AgentEvent } from "../../../src/agents/events.js";
import type { AgentSession } from "../../../src/agents/backend.js";
import { ProviderSchema } from "../../../src/domain/provider.js";

export const mockProvider = ProviderSchema.parse({
  id: "prov-mock",
  name: "Demo",
  backend: "mock",
  models: ["mock-1"],
  model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
});

export function sessionOptions(over: Partial<SessionOptions> = {}): SessionOptions {
  return {
    runId: "run-1",
    cwd: "/nonexistent/worktree",
    prompt: { text: "Do the task", parts: [] },
    provider: mockProvider,
    model: "mock-1",
    tools: [],
    env: {},
    maxTurns: 200,
    signal: new AbortController().signal,
    issue: { id: "X-1", identifier: "X-1", title: "Add a changelog entry", labels: [] },
    ...over,
  };
}

export function iterate(s: AgentSession): AsyncIterator<AgentEvent> {
  return s.events[Symbol.asyncIterator]();
}

export const types = (events: AgentEvent[]): string[] =>
  events.map((e) => (e.type === "turn_end" ? `turn_end:${e.reason}` : e.type));

export { drain, untilTurnEnd } from "../../helpers/agent-events.js";
