/**
 * The Server-Sent Events transport (`GET /api/v1/events`). Frames wait in a
 * queue that the response stream pulls from only when the HTTP layer can
 * write (highWaterMark 0), so the queue size is exactly the client's unsent
 * backlog that the hub's 4 MiB rule measures. Each frame is
 * `id: <seq>` + `data: <envelope>`; keep-alives are comment lines.
 */
import type { LiveFrame } from "./envelope.js";
import type { LiveSocket } from "./socket.js";

interface Queued {
  bytes: Uint8Array;
  written: ((err?: Error) => void) | undefined;
}

const encoder = new TextEncoder();

export class SseSocket implements LiveSocket {
  readonly duplex = false;
  readonly stream: ReadableStream<Uint8Array>;
  /** Called once when the client goes away (the HTTP layer cancelled the stream). */
  onGone: (() => void) | null = null;
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private wake: (() => void) | null = null;
  private ended = false;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: (controller) => this.pull(controller),
        cancel: () => {
          this.end();
          this.onGone?.();
        },
      },
      { highWaterMark: 0 },
    );
  }

  send(frame: LiveFrame, written?: (err?: Error) => void): void {
    this.push(`id: ${frame.seq}\ndata: ${frame.text}\n\n`, written);
  }

  bufferedAmount(): number {
    return this.queuedBytes;
  }

  /** SSE has no close codes: the stream simply ends and EventSource reconnects with Last-Event-ID. */
  close(_code: number, _reason: string): void {
    this.end();
  }

  terminate(): void {
    this.end();
  }

  ping(): void {
    this.push(": ping\n\n");
  }

  private push(text: string, written?: (err?: Error) => void): void {
    if (this.ended) return written?.(new Error("stream ended"));
    const bytes = encoder.encode(text);
    this.queue.push({ bytes, written });
    this.queuedBytes += bytes.byteLength;
    this.wake?.();
  }

  private async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    while (this.queue.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    const next = this.queue.shift();
    if (next === undefined) return;
    this.queuedBytes -= next.bytes.byteLength;
    controller.enqueue(next.bytes);
    next.written?.();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    const dropped = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (const q of dropped) q.written?.(new Error("stream ended"));
    this.wake?.();
    try {
      this.controller?.close();
    } catch {
      // Already closed or errored by a cancel: nothing left to end.
    }
  }
}
