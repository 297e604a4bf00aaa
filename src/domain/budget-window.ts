/**
 * Budget windows (SPEC §13.2): `hour`, `day` and `week` align to wall-clock
 * boundaries in `agent.budget_timezone` (weeks start on Monday); `total`
 * starts at the last budget reset, or at the beginning of time. Pure: the
 * current instant and the reset time are arguments.
 */
export type BudgetWindow = "hour" | "day" | "week" | "total";

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Monday
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    weekday: "short",
  }).formatToParts(instant);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? "0";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    second: Number(get("second")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
function instantOf(local: number, timeZone: string): Date {
  let guess = local - offsetMs(new Date(local), timeZone);
  guess = local - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function budgetWindowStart(
  window: BudgetWindow,
  now: Date,
  timeZone: string,
  resetAt: Date | null,
): Date {
  if (window === "total") return resetAt ?? new Date(0);
  const w = wallClock(now, timeZone);
  let local: number;
  switch (window) {
    case "hour":
      local = Date.UTC(w.year, w.month - 1, w.day, w.hour);
      break;
    case "day":
      local = Date.UTC(w.year, w.month - 1, w.day);
      break;
    case "week":
      local = Date.UTC(w.year, w.month - 1, w.day - w.weekday);
      break;
  }
  const start = instantOf(local, timeZone);
  // A reset inside the current window starts the window afresh.
  return resetAt && resetAt > start ? resetAt : start;
}

/** The next boundary after `now`, when dispatch may resume; null for `total`. */
export function budgetWindowEnd(window: BudgetWindow, now: Date, timeZone: string): Date | null {
  if (window === "total") return null;
  const w = wallClock(now, timeZone);
  const local =
    window === "hour"
      ? Date.UTC(w.year, w.month - 1, w.day, w.hour + 1)
      : window === "day"
        ? Date.UTC(w.year, w.month - 1, w.day + 1)
        : Date.UTC(w.year, w.month - 1, w.day - w.weekday + 7);
  return instantOf(local, timeZone);
}
