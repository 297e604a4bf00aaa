/**
 * Provider rate-limit cooldowns (SPEC §7.9): a rate-limited run sets
 * `cooldown_until = now + agent.rate_limit_cooldown_ms` for its provider.
 * They live in `service_state.rate_limit_cooldowns`, so a restart inside a
 * cooldown keeps honouring it; expired entries are dropped on the next write.
 */
import type { ServiceStateRepo } from "../store/service-state.js";

const KEY = "rate_limit_cooldowns";

/** One provider's cooldown as stored and shown in the state snapshot. */
export interface Cooldown {
  provider_id: string;
  /** ISO-8601 end of the cooldown. */
  until: string;
  reason: string | null;
}

export class ProviderCooldowns {
  private entries = new Map<string, Cooldown>();

  constructor(
    private readonly state: ServiceStateRepo,
    private readonly now: () => Date,
  ) {}

  async load(): Promise<void> {
    const saved = await this.state.get<Record<string, Cooldown>>(KEY);
    this.entries = new Map(Object.entries(saved ?? {}));
  }

  /** Cooldown end (ms) of a provider while it is still running, else null. */
  untilMs(providerId: string): number | null {
    const c = this.entries.get(providerId);
    if (!c) return null;
    const t = Date.parse(c.until);
    return t > this.now().getTime() ? t : null;
  }

  /** Starts (or extends) a provider's cooldown and persists it. */
  async start(providerId: string, untilMs: number, reason: string | null): Promise<void> {
    const current = this.untilMs(providerId) ?? 0;
    if (untilMs > current)
      this.entries.set(providerId, {
        provider_id: providerId,
        until: new Date(untilMs).toISOString(),
        reason,
      });
    const nowMs = this.now().getTime();
    for (const [id, c] of this.entries) if (Date.parse(c.until) <= nowMs) this.entries.delete(id);
    await this.state.set(KEY, Object.fromEntries(this.entries));
  }

  /** Cooldowns still running, for the state snapshot. */
  active(): Cooldown[] {
    const nowMs = this.now().getTime();
    return [...this.entries.values()].filter((c) => Date.parse(c.until) > nowMs);
  }
}
