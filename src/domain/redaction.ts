/**
 * Known secret values (API tokens, provider keys, webhook secrets) are replaced
 * by `[REDACTED]` wherever oompah writes text: log lines, API responses,
 * events, run logs. Values shorter than 8 characters are not tracked, since
 * replacing short strings would mangle ordinary text (SPEC §19.4).
 */
export const REDACTED = "[REDACTED]";
const MIN_SECRET_LENGTH = 8;

export class SecretRedactor {
  /** Secret values by where they come from (config, providers…), so one source can be replaced alone. */
  private readonly sources = new Map<string, readonly string[]>();
  private pattern: RegExp | null = null;

  /** Replaces the values of one source (a config reload brings a new set of config secrets). */
  setSecrets(values: Iterable<string>, source = "config"): void {
    this.sources.set(source, [...values]);
    this.rebuild();
  }

  redact(text: string): string {
    if (!this.pattern) return text;
    return text.replace(this.pattern, REDACTED);
  }

  private rebuild(): void {
    const all = new Set<string>();
    for (const values of this.sources.values()) {
      for (const v of values) {
        if (v.length < MIN_SECRET_LENGTH) continue;
        all.add(v);
        // The JSON-escaped spelling of the value, as it appears inside serialized lines.
        all.add(JSON.stringify(v).slice(1, -1));
      }
    }
    const sorted = [...all].sort((a, b) => b.length - a.length);
    this.pattern = sorted.length
      ? new RegExp(sorted.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g")
      : null;
  }
}
