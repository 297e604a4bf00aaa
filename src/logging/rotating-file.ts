/**
 * Daily-rotated log file: `oompah.log` is today's file; at the first write of a
 * new UTC day it is renamed `oompah-<YYYY-MM-DD>.log` and only the newest
 * `keep` rotated files are kept. Write failures are swallowed and reported once
 * to stderr, because a failing log sink must never crash the service (SPEC §20).
 */
import { appendFileSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";

export class RotatingFileSink {
  private day: string | null = null;
  private failed = false;

  constructor(
    private readonly dir: string,
    private readonly keep = 14,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get path(): string {
    return join(this.dir, "oompah.log");
  }

  write(line: string): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const today = this.now().toISOString().slice(0, 10);
      if (this.day === null) this.day = this.dayOfExistingFile() ?? today;
      if (this.day !== today) {
        this.rotate(this.day);
        this.day = today;
      }
      appendFileSync(this.path, line, { mode: 0o600 });
      this.failed = false;
    } catch (e) {
      if (!this.failed) {
        this.failed = true;
        process.stderr.write(`oompah: cannot write log file ${this.path}: ${String(e)}\n`);
      }
    }
  }

  private dayOfExistingFile(): string | null {
    try {
      return statSync(this.path).mtime.toISOString().slice(0, 10);
    } catch {
      return null;
    }
  }

  private rotate(day: string): void {
    try {
      renameSync(this.path, join(this.dir, `oompah-${day}.log`));
    } catch {
      return;
    }
    const rotated = readdirSync(this.dir)
      .filter((f) => /^oompah-\d{4}-\d{2}-\d{2}\.log$/.test(f))
      .sort();
    for (const f of rotated.slice(0, Math.max(0, rotated.length - this.keep))) {
      unlinkSync(join(this.dir, f));
    }
  }
}
