/**
 * One GET resource of the public API for a page: fetched on mount and when
 * `path` changes, and again (coalesced) whenever the live channel delivers a
 * message whose type is in `liveTypes` — so every page updates live without
 * its own socket. A `snapshot` (reconnect after a gap, restart) always
 * refetches.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "./api-client.js";
import { api } from "./api-client.js";
import type { LiveSubscribe } from "./use-dashboard.js";

export interface Resource<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

export function useResource<T>(
  path: string | null,
  subscribe: LiveSubscribe,
  liveTypes: readonly string[],
): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const types = useRef(liveTypes);
  types.current = liveTypes;

  const reload = useCallback(() => {
    if (path === null) return;
    const f = inFlight.current;
    if (f.running) {
      f.again = true;
      return;
    }
    f.running = true;
    void api
      .get<T>(path)
      .then(
        (d) => {
          setData(d);
          setError(null);
        },
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => {
        f.running = false;
        setLoading(false);
        if (f.again) {
          f.again = false;
          reload();
        }
      });
  }, [path]);

  useEffect(() => {
    setLoading(path !== null);
    reload();
  }, [path, reload]);

  useEffect(
    () =>
      subscribe((msg) => {
        if (msg.type === "snapshot" || types.current.includes(msg.type)) reload();
      }),
    [subscribe, reload],
  );

  return { data, loading, error, reload };
}
