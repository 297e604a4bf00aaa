/**
 * Known secret values (API tokens, provider keys, webhook secrets) are replaced
 * by `[REDACTED]` wherever oompah writes text: log lines, API responses,
 * events, run logs. Values shorter than 8 characters are not tracked, since
 * replacing short strings would mangle ordinary text (SPEC §19.4).
 */
export const REDACTED = "[REDACTED]";
const MIN_SECRET_LENGTH = 8;

export class SecretRedactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  /** Replaces the tracked set (config reloads bring a new set of secrets). */
  setSecrets(values: Iterable<string>): void {
    this.values.clear();
    for (const v of values) this.add(v);
    this.rebuild();
  }

  addSecret(value: string): void {
    this.add(value);
    this.rebuild();
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    if (!this.pattern) return text;
    return text.replace(this.pattern, REDACTED);
  }

  private add(value: string): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    this.values.add(value);
    // The JSON-escaped spelling of the value, as it appears inside serialized lines.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.values.add(escaped);
  }

  private rebuild(): void {
    const sorted = [...this.values].sort((a, b) => b.length - a.length);
    this.pattern = sorted.length
      ? new RegExp(sorted.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g")
      : null;
  }
}
