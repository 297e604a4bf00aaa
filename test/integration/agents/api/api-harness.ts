/**
 * Shared setup of the api-backend tests: a provider pointing at the fake
 * OpenAI server, session options with a worktree temp dir, a tiny tool set
 * and helpers to collect events.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { AgentTool, SessionOptions } from "../../../../src/agents/backend.js";
import { createApiBackend, type ApiBackendOptions } from "../../../../src/agents/api/backend.js";
import { ProviderSchema, type Provider } from "../../../../src/domain/provider.js";
import {
  startFakeOpenAI,
  type FakeOpenAI,
  type FakeOpenAIOptions,
} from "../../../fakes/openai-server.js";
import { tempDir } from "../../../helpers/sandbox.js";

export const API_KEY = "sk-test-0123456789abcdef";

const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  while (fakes.length) await fakes.pop()?.close();
});

export async function fakeServer(
  opts: FakeOpenAIOptions = { apiKey: API_KEY },
): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI(opts);
  fakes.push(fake);
  return fake;
}

export function provider(baseUrl: string, extra: Record<string, unknown> = {}): Provider {
  return ProviderSchema.parse({
    id: "fake",
    backend: "api",
    base_url: baseUrl,
    api_key_env: "FAKE_KEY",
    default_model: "fake-model",
    ...extra,
  });
}

/** A `providers.json` entry for the fake server; the service reads its key from FAKE_OPENAI_KEY. */
export function serviceApiProvider(baseUrl: string): Record<string, unknown> {
  return {
    id: "prov-api",
    name: "Fake OpenAI",
    backend: "api",
    base_url: baseUrl,
    api_key_env: "FAKE_OPENAI_KEY",
    models: ["fake-model"],
    default_model: "fake-model",
    model_costs: { "fake-model": { input_per_1m: 1, output_per_1m: 2 } },
  };
}

/** Records every call; `write_note` writes a file in the worktree. */
export function testTools(calls: Array<{ name: string; args: unknown }> = []): AgentTool[] {
  return [
    {
      name: "write_note",
      description: "Writes a note",
      kind: "edit",
      parameters: {
        type: "object",
        properties: { path: { type: "string" }, content: { type: "string" } },
        required: ["path", "content"],
      },
      execute(args, ctx) {
        calls.push({ name: "write_note", args });
        const a = args as { path: string; content: string };
        const file = join(ctx.worktree, a.path);
        mkdirSync(join(file, ".."), { recursive: true });
        writeFileSync(file, a.content);
        return Promise.resolve({ ok: true, output: `wrote ${a.path}` });
      },
    },
    {
      name: "run_command",
      description: "Runs a command",
      kind: "execute",
      parameters: { type: "object", properties: { command: { type: "string" } } },
      execute(args) {
        calls.push({ name: "run_command", args });
        return Promise.resolve({ ok: true, output: "done", exit_code: 0 });
      },
    },
  ];
}

export function sessionOpts(p: Provider, extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    runId: "run-1",
    cwd: tempDir("oompah-api-"),
    prompt: { text: "Fix the bug in a.ts", parts: [] },
    provider: p,
    model: "fake-model",
    tools: testTools(),
    env: {},
    maxTurns: 20,
    signal: new AbortController().signal,
    ...extra,
  };
}

/** A backend with the test key and instant retry waits (unless overridden). */
export function backend(extra: Partial<ApiBackendOptions> = {}) {
  return createApiBackend({
    apiKey: () => API_KEY,
    sleep: () => Promise.resolve(),
    ...extra,
  });
}

export { drain, ofType, untilTurnEnd } from "../../../helpers/agent-events.js";
