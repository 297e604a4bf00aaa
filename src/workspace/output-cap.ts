/**
 * Bounded capture of a child's output: the first half of the budget keeps the
 * head (what the command set out to do), the second half the most recent
 * bytes (how it ended), and the middle is replaced by one elision marker.
 * Memory stays O(cap) however much the child prints.
 */

/** Collects output up to `capBytes`, keeping head and tail. */
export class HeadTailBuffer {
  private readonly headCap: number;
  private readonly tailCap: number;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(capBytes: number) {
    this.headCap = Math.floor(capBytes / 2);
    this.tailCap = capBytes - this.headCap;
  }

  /** Total bytes received, including elided ones. */
  get receivedBytes(): number {
    return this.total;
  }

  /** True when some output was dropped. */
  get truncated(): boolean {
    return this.total > this.headCap + this.tailCap;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = Math.min(this.headCap - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailCap) {
      const first = this.tail[0];
      if (!first) break;
      const excess = this.tailBytes - this.tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
      }
    }
  }

  /** The captured text; the elided middle is marked with its size. */
  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    const tail = Buffer.concat(this.tail).toString("utf8");
    if (!this.truncated) return head + tail;
    const elided = this.total - this.headBytes - this.tailBytes;
    return `${head}\n[… ${elided} bytes of output elided …]\n${tail}`;
  }
}

/** The last `max` characters of `text` (for error details). */
export function textTail(text: string, max = 4000): string {
  return text.length <= max ? text : text.slice(text.length - max);
}
