/**
 * Live-channel fan-out: 500 WebSocket clients on `/ws` of the real service
 * while a burst of changes happens. The service runs as a child process
 * (`oompah start --paused` from the sources), so its CPU and memory are
 * measured apart from the clients, which use the `ws` package in this process.
 * Run with `npx tsx bench/live-fanout.ts [clients] [changes]` (default 500, 100).
 *
 * Every client connects without a cursor and waits for its snapshot. The
 * burst is `changes` task creations through `POST /api/v1/issues` (Backlog,
 * 8 requests in flight; each is a tracker write and at least one durable
 * `issue_changed` event, and the tracker's git sync commits in the
 * background). Delivery latency of a durable message = the client's
 * `Date.now()` on receipt − the event's `ts` (the time the service recorded
 * it; same host clock, millisecond resolution). The service's CPU (user +
 * system of its own threads, from /proc) and RSS are read before the burst
 * and once every client has everything.
 * Checked: every client receives every event, in order. Reported (no target
 * yet): delivery latency p50/p95/p99, service CPU and RSS.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { describeMs, header, load, mib, ms, percentile, verdict } from "./lib/report.js";
import {
  addProject,
  call,
  createBenchSandbox,
  MOCK_PROVIDER,
  spawnService,
  until,
} from "./lib/service.js";

const CLIENTS = Number(process.argv[2] ?? 500);
const CHANGES = Number(process.argv[3] ?? 100);
const IN_FLIGHT = 8;
const CLOCK_TICKS = 100;

interface Envelope {
  seq: number;
  type: string;
  ts: string;
  sub?: number;
}

/** CPU seconds (user + system) and RSS bytes of a process, from /proc. */
function usage(pid: number): { cpuMs: number; rss: number; hwm: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

class Client {
  readonly durable: Array<{ seq: number; latency: number }> = [];
  snapshot = false;
  /** `performance.now()` of the last durable message. */
  lastAt = 0;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const now = Date.now();
      const m = JSON.parse(data.toString()) as Envelope;
      if (m.type === "snapshot") this.snapshot = true;
      else if (m.sub === undefined && this.snapshot) {
        this.durable.push({ seq: m.seq, latency: now - Date.parse(m.ts) });
        this.lastAt = performance.now();
      }
    });
  }

  static open(url: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const client = new Client(new WebSocket(url));
      client.ws.once("open", () => resolve(client));
      client.ws.once("error", reject);
    });
  }
}

async function main(): Promise<void> {
  header(`Live channel: ${CLIENTS} WebSocket clients, burst of ${CHANGES} changes`);
  const sb = await createBenchSandbox({
    files: {
      "README.md": "# fan-out bench\n",
      ".oompah/tasks/config.yml": "task_prefix: WS\n",
      ".oompah/tasks/backlog/.gitkeep": "",
    },
    config: {
      tracker: { kind: "oompah_md" },
      observability: { log_level: "warn" },
    },
    providers: [MOCK_PROVIDER],
  });
  const svc = await spawnService(sb, ["--paused"]);
  const clients: Client[] = [];
  try {
    const project = await addProject(svc.url, sb);
    const wsUrl = `${svc.url.replace("http", "ws")}/ws`;
    const t = performance.now();
    for (let i = 0; i < CLIENTS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, CLIENTS - i) }, () => Client.open(wsUrl)),
      );
      clients.push(...batch);
    }
    await until("every snapshot", () => clients.every((c) => c.snapshot));
    console.log(
      `${CLIENTS} clients connected and holding a snapshot in ${ms(performance.now() - t)}`,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const before = usage(svc.pid);
    const ownCpu = process.cpuUsage();

    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < CHANGES) {
        const n = ++next;
        await call(svc.url, "POST", "/api/v1/issues", {
          project_id: project.id,
          title: `Fan-out change ${n}`,
          status: "Backlog",
        });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const writesDone = performance.now();
    const first = clients[0] as Client;
    // Every client must end with the same durable events as the first (nothing new for 1 s).
    let seen = -1;
    await until(
      "the burst to reach every client",
      () => {
        const n = first.durable.length;
        const settled = n === seen && clients.every((c) => c.durable.length === n);
        seen = n;
        return settled && n >= CHANGES;
      },
      { intervalMs: 1_000 },
    );
    const delivered = Math.max(...clients.map((c) => c.lastAt));
    const after = usage(svc.pid);
    const settledAt = performance.now();
    const own = process.cpuUsage(ownCpu);

    const expected = first.durable.map((d) => d.seq);
    const inOrder = clients.every(
      (c) =>
        c.durable.length === expected.length && c.durable.every((d, i) => d.seq === expected[i]),
    );
    const latencies = clients.flatMap((c) => c.durable.map((d) => d.latency));
    const p99 = percentile(latencies, 99);
    console.log(
      `burst: ${CHANGES} creations in ${ms(writesDone - t0)}, ${expected.length} durable events, each to ${CLIENTS} clients (${latencies.length} deliveries)`,
    );
    console.log(`delivery latency (receipt − event ts): ${describeMs(latencies, [50, 95, 99])}`);
    console.log(`burst start → last delivery: ${ms(delivered - t0)}`);
    console.log(
      `service CPU from the burst start until every client had it all: ${ms(after.cpuMs - before.cpuMs)} in ${ms(settledAt - t0)} (10 ms ticks; the tracker's commit included); RSS ${mib(before.rss)} → ${mib(after.rss)}, peak ${mib(after.hwm)}`,
    );
    console.log(
      `this process (500 clients) CPU: ${ms((own.user + own.system) / 1000)} (${load()})`,
    );
    verdict("every client got every event, in order", String(inOrder), inOrder);
    console.log(`delivery p99: ${ms(p99)} (reported; no target set)`);
  } finally {
    for (const c of clients) c.ws.terminate();
    await svc.stop();
    sb.remove();
  }
}

await main();
