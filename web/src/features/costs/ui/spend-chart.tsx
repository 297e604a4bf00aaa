/**
 * Spend over time, drawn with uPlot on a canvas: bars for the spend of each
 * hour or day (left axis), and on the right axis the budget spend of the
 * current window accumulated against the dashed `budget_limit` line. The
 * current window is shaded. The plot is rebuilt only when its shape changes
 * (bucket size, limit on/off); live updates just swap its data.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatUsd } from "../../../shared/format.js";
import type { SpendSeries } from "../model/series.js";

const HEIGHT = 260;

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v === "" ? fallback : v;
}

/** `#rrggbb` with an alpha channel; other color syntaxes are returned as they are. */
const translucent = (color: string, alpha: string): string =>
  /^#[0-9a-f]{6}$/i.test(color) ? `${color}${alpha}` : color;

const money = (_u: uPlot, v: number | null): string => (v === null ? "—" : formatUsd(v));
const axisMoney = (_u: uPlot, values: number[]): string[] => values.map((v) => formatUsd(v));
const zeroBased = (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [
  0,
  max > 0 ? max * 1.1 : 1,
];

function columns(s: SpendSeries): uPlot.AlignedData {
  const cols: Array<Array<number | null>> = [s.xs, s.spend, s.inWindow];
  if (s.limit !== null) cols.push(s.xs.map(() => s.limit));
  return cols as uPlot.AlignedData;
}

function options(s: SpendSeries, width: number, windowStart: { current: number | null }) {
  const accent = cssVar("--accent", "#4f46e5");
  const warning = cssVar("--warning", "#b54708");
  const error = cssVar("--error", "#b42318");
  const muted = cssVar("--muted", "#6b7280");
  const grid = cssVar("--border", "#d9dce3");
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const series: uPlot.Series[] = [
    {},
    {
      label: s.bucketSeconds >= 86_400 ? "Spend per day" : "Spend per hour",
      scale: "usd",
      stroke: accent,
      fill: translucent(accent, "66"),
      paths: uPlot.paths.bars?.({ size: [0.85, 40], align: 1 }),
      points: { show: false },
      value: money,
    },
    {
      label: "Budget spend in window",
      scale: "window",
      stroke: warning,
      width: 2,
      paths: uPlot.paths.stepped?.({ align: 1 }),
      points: { show: false },
      value: money,
    },
  ];
  if (s.limit !== null)
    series.push({
      label: "Budget limit",
      scale: "window",
      stroke: error,
      width: 1.5,
      dash: [6, 4],
      points: { show: false },
      value: money,
    });
  const opts: uPlot.Options = {
    width,
    height: HEIGHT,
    series,
    scales: {
      // Each bar starts at its bucket; leave room for the last one.
      x: { time: true, range: (_u, min, max) => [min, max + s.bucketSeconds] },
      usd: { range: zeroBased },
      window: { range: zeroBased },
    },
    axes: [
      { ...axis },
      {
        ...axis,
        scale: "usd",
        values: axisMoney,
        size: 70,
        label: s.bucketSeconds >= 86_400 ? "per day" : "per hour",
        labelSize: 20,
        stroke: accent,
      },
      {
        ...axis,
        scale: "window",
        side: 1,
        values: axisMoney,
        size: 70,
        grid: { show: false },
        label: s.limit === null ? "in window" : "in window vs limit",
        labelSize: 20,
        stroke: warning,
      },
    ],
    cursor: { points: { show: false } },
    hooks: {
      // Shade the current budget window behind the series.
      drawClear: [
        (u) => {
          const start = windowStart.current;
          if (start === null) return;
          const { left, top, width: w, height: h } = u.bbox;
          const x = Math.max(left, u.valToPos(start, "x", true));
          if (x >= left + w) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.globalAlpha = 0.07;
          ctx.fillStyle = warning;
          ctx.fillRect(x, top, left + w - x, h);
          ctx.restore();
        },
      ],
    },
  };
  return opts;
}

export function SpendChart({ series, label }: { series: SpendSeries; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = useRef("");
  const windowStart = useRef<number | null>(series.windowStart);
  windowStart.current = series.windowStart;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const key = `${series.bucketSeconds}:${series.limit !== null}`;
    if (plot.current && shape.current === key) {
      plot.current.setData(columns(series));
      return;
    }
    plot.current?.destroy();
    shape.current = key;
    plot.current = new uPlot(
      options(series, el.clientWidth || 800, windowStart),
      columns(series),
      el,
    );
  }, [series]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const resize = new ResizeObserver(() => {
      plot.current?.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  return (
    <figure className="spend-figure" aria-label={label}>
      <div ref={box} className="spend-chart" data-testid="spend-chart" />
    </figure>
  );
}
