/**
 * Prompt tokens of the api backend over a 30-response coding trajectory,
 * against a naive agent that resends the whole conversation every time.
 * Run with `npx tsx bench/api-context.ts`.
 *
 * The real api backend (src/agents/api) with the real tool catalogue works in
 * a git repository of real source (bench/lib/trajectory.ts) and talks to the
 * fake OpenAI server on loopback, which replays the scripted tool calls. The
 * model window is 128k tokens (`model_contexts`), far above what the session
 * needs, so pruning never drops anything: what differs from the naive agent
 * is only how old tool results are carried. Each request's prompt is sized
 * like the fake and the backend size it (JSON characters ÷ 4), messages plus
 * tool schemas; the naive prompt of request k is request k's messages with
 * every tool result in full (as the tool returned it, §10.2 caps included).
 * Target: total prompt tokens ≤ 60 % of the naive agent's.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiBackend } from "../src/agents/api/backend.js";
import { estimateTokens, type ChatMessage } from "../src/agents/api/history.js";
import { buildToolSet } from "../src/agents/api/tools/index.js";
import type { AgentEvent } from "../src/agents/events.js";
import { ProviderSchema } from "../src/domain/provider.js";
import { startFakeOpenAI } from "../test/fakes/openai-server.js";
import { header, load, verdict } from "./lib/report.js";
import { scriptedHandler, TRAJECTORY, writeSampleRepo } from "./lib/trajectory.js";

const TARGET = 0.6;
/** A session that takes longer than this is stuck: it is cancelled and its last events shown. */
const WATCHDOG_MS = 120_000;

async function main(): Promise<void> {
  header(`api backend: prompt tokens over a ${TRAJECTORY.length}-response trajectory`);
  const root = mkdtempSync(join(tmpdir(), "oompah-bench-api-"));
  const fake = await startFakeOpenAI();
  try {
    const gitconfig = join(root, "gitconfig");
    writeFileSync(gitconfig, "[user]\n\tname = Bench\n\temail = bench@oompah.invalid\n");
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, LANG: "C.UTF-8" };
    const gitEnv = { ...env, GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: "1" };
    const worktree = join(root, "worktree");
    writeSampleRepo(worktree, gitEnv);
    fake.setHandler(scriptedHandler(TRAJECTORY));
    const provider = ProviderSchema.parse({
      id: "fake",
      backend: "api",
      base_url: fake.baseUrl,
      default_model: "fake-model",
      models: ["fake-model"],
      model_contexts: { "fake-model": 128_000 },
    });
    const stop = new AbortController();
    const last: string[] = [];
    const watchdog = setTimeout(() => {
      console.error(`stuck for ${WATCHDOG_MS / 1000} s; last events:\n${last.join("\n")}`);
      stop.abort();
    }, WATCHDOG_MS);
    const session = await createApiBackend({ apiKey: () => null }).startSession({
      runId: "bench",
      cwd: worktree,
      prompt: {
        text: "Long sessions resend every tool result. Make the api backend shorten old tool results, with a unit test.",
        parts: [],
      },
      provider,
      model: "fake-model",
      tools: buildToolSet({ env: gitEnv, commandTimeoutMs: 60_000 }),
      env: gitEnv,
      maxTurns: 50,
      signal: stop.signal,
    });
    const outputs = new Map<string, string>();
    let end: AgentEvent | null = null;
    let reported = 0;
    for await (const e of session.events) {
      last.push(JSON.stringify(e).slice(0, 200));
      if (last.length > 5) last.shift();
      if (e.type === "tool_result") outputs.set(e.id, e.output);
      if (e.type === "usage") reported += e.input_tokens;
      if (e.type === "turn_end") {
        // After `finish` a session idles for a continuation (§7.6); the benchmark has none.
        end = e;
        break;
      }
    }
    await session.cancel("benchmark over");
    clearTimeout(watchdog);
    if (end?.type !== "turn_end" || end.reason !== "finish")
      throw new Error(
        `the session did not finish: ${JSON.stringify(end)}\nlast events:\n${last.join("\n")}`,
      );

    const requests = fake.chatRequests().map((r) => r.body ?? {});
    const toolTokens = (body: { tools?: unknown[] }) =>
      Math.ceil(JSON.stringify(body.tools ?? []).length / 4);
    let actual = 0;
    let naive = 0;
    const rows: string[] = [];
    requests.forEach((body, k) => {
      const sent = (body.messages ?? []) as unknown as ChatMessage[];
      if (sent.filter((m) => m.role === "assistant").length !== k)
        throw new Error(
          `request ${k} lost history (pruning happened); the comparison needs all of it`,
        );
      const full = sent.map((m) =>
        m.role === "tool" ? { ...m, content: outputs.get(m.tool_call_id) ?? m.content } : m,
      );
      const a = estimateTokens(sent) + toolTokens(body);
      const n = estimateTokens(full) + toolTokens(body);
      actual += a;
      naive += n;
      if ((k + 1) % 5 === 0 || k === 0)
        rows.push(
          `  response ${String(k + 1).padStart(2)}: ${a} vs ${n} (${((100 * a) / n).toFixed(0)} %)`,
        );
    });
    const toolChars = [...outputs.values()].reduce((s, o) => s + o.length, 0);
    console.log(
      `${requests.length} requests; tool results ${outputs.size}, ${toolChars} characters in all`,
    );
    console.log("prompt tokens per request (this backend vs naive):");
    for (const r of rows) console.log(r);
    console.log(`total prompt tokens: ${actual} vs naive ${naive}`);
    console.log(`input tokens reported by the fake server (messages only): ${reported}`);
    console.log(`(${load()})`);
    const ratio = actual / naive;
    verdict(
      `prompt tokens ≤ ${TARGET * 100} % of naive`,
      `${(ratio * 100).toFixed(1)} %`,
      ratio <= TARGET,
    );
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
