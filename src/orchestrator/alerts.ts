/**
 * The set of active alerts shown in `GET /api/v1/state` and broadcast on the
 * live channel (SPEC §20). An alert is keyed by code and project; raising an
 * already-active alert only updates its message, so callers can raise on
 * every tick without flooding the event log.
 */
export type AlertSeverity = "info" | "warning" | "error";

export interface Alert {
  code: string;
  severity: AlertSeverity;
  message: string;
  hint?: string;
  project_id?: string;
  since: string;
}

export type AlertListener = (change: { kind: "raised" | "cleared"; alert: Alert }) => void;

export class AlertBoard {
  private readonly active = new Map<string, Alert>();
  private readonly listeners = new Set<AlertListener>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  raise(a: Omit<Alert, "since">): void {
    const key = keyOf(a.code, a.project_id);
    const existing = this.active.get(key);
    if (existing && existing.message === a.message && existing.severity === a.severity) return;
    const alert: Alert = { ...a, since: existing?.since ?? this.now().toISOString() };
    this.active.set(key, alert);
    this.emit({ kind: "raised", alert });
  }

  clear(code: string, projectId?: string): void {
    const key = keyOf(code, projectId);
    const alert = this.active.get(key);
    if (!alert) return;
    this.active.delete(key);
    this.emit({ kind: "cleared", alert });
  }

  list(): Alert[] {
    return [...this.active.values()];
  }

  has(code: string, projectId?: string): boolean {
    return this.active.has(keyOf(code, projectId));
  }

  subscribe(l: AlertListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(change: { kind: "raised" | "cleared"; alert: Alert }): void {
    for (const l of this.listeners) l(change);
  }
}

function keyOf(code: string, projectId?: string): string {
  return `${code}\u0000${projectId ?? ""}`;
}
