/** The wall clock as React state, re-read every `intervalMs` (for "5 min ago" and rolling ranges). */
import { useEffect, useState } from "react";

export function useClock(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
