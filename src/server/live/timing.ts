/**
 * Limits and durations of the live channel (§17.4, §19.6). All injectable so
 * tests of backpressure and idle timeouts run in milliseconds.
 */
export interface LiveTiming {
  /** Application ping (and SSE keep-alive comment) period. */
  pingIntervalMs: number;
  /** A WebSocket client silent for this long (no message, no pong) is closed. */
  idleTimeoutMs: number;
  /** Unsent bytes per client above which it is closed with 1013. */
  maxBufferBytes: number;
  /** After a close frame, how long the peer has to finish the handshake before the socket is dropped. */
  closeGraceMs: number;
  /** Rows read per replay query. */
  replayPageSize: number;
}

export const DEFAULT_LIVE_TIMING: LiveTiming = {
  pingIntervalMs: 30_000,
  idleTimeoutMs: 90_000,
  maxBufferBytes: 4 * 1024 * 1024,
  closeGraceMs: 5_000,
  replayPageSize: 500,
};
