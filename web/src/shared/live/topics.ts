/**
 * Live topics beyond the board (§17.4 `subscribe`): a view that shows a
 * run's activity watches `runs:<run_id>` while it is on screen. The live
 * client keeps its connection subscribed to the board plus every watched
 * topic (in the URL of each reconnect, and with a `subscribe` message when
 * the set changes) and hands each topic's non-replayable messages to its
 * watchers. `onSubscribed` runs whenever a connection (re)opens, so a
 * watcher can page in what it missed while the socket was down.
 */
import type { LiveMessage } from "../wire.js";

export interface TopicWatcher {
  onMessage(msg: LiveMessage): void;
  onSubscribed(): void;
}

/** The topic a message belongs to, or null for messages every client receives. */
export function topicOf(msg: LiveMessage): string | null {
  const data = msg.data as { run_id?: unknown; project_id?: unknown } | null;
  if (msg.type === "run_activity" && typeof data?.run_id === "string") return `runs:${data.run_id}`;
  if (msg.type === "console_event" && typeof data?.project_id === "string")
    return `console:${data.project_id}`;
  return null;
}

export class LiveTopics {
  private readonly watchers = new Map<string, Set<TopicWatcher>>();
  private readonly changeListeners = new Set<() => void>();

  /** Watches `topic` until the returned function is called. */
  watch(topic: string, watcher: TopicWatcher): () => void {
    let set = this.watchers.get(topic);
    const added = set === undefined;
    if (set === undefined) this.watchers.set(topic, (set = new Set()));
    set.add(watcher);
    if (added) this.changed();
    return () => {
      const current = this.watchers.get(topic);
      if (!current?.delete(watcher) || current.size > 0) return;
      this.watchers.delete(topic);
      this.changed();
    };
  }

  /** Every topic the connection should carry: the board first, then the watched ones. */
  topics(): string[] {
    return ["board", ...[...this.watchers.keys()].sort()];
  }

  /** Calls `listener` whenever the topic set changes; returns its removal. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => {
      this.changeListeners.delete(listener);
    };
  }

  /** Hands a message to the watchers of its topic. */
  deliver(msg: LiveMessage): void {
    const topic = topicOf(msg);
    if (topic === null) return;
    for (const w of [...(this.watchers.get(topic) ?? [])]) w.onMessage(msg);
  }

  /** Tells every watcher its topic is subscribed on a fresh connection. */
  subscribed(): void {
    for (const set of [...this.watchers.values()]) for (const w of [...set]) w.onSubscribed();
  }

  private changed(): void {
    for (const l of [...this.changeListeners]) l();
  }
}

/** The dashboard's topics (one live connection per page). */
export const liveTopics = new LiveTopics();
