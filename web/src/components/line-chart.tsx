import { useEffect, useId, useRef, useState, type PointerEvent, type RefObject } from "react";
import { exactUtc, formatDateTime, formatTime, toTimestamp } from "../lib/dates.ts";

/** Money series stay bigint (positions are computed exactly); rates and counts are numbers. */
export type ChartValue = bigint | number;

export interface ChartSeries<V extends ChartValue> {
  label: string;
  /** A CSS color; series also differ by dash pattern, so color is not the only cue. */
  color: string;
  dashed?: boolean;
  points: ReadonlyArray<{ at: Date; value: V }>;
}

export interface LineChartProps<V extends ChartValue> {
  title: string;
  series: ReadonlyArray<ChartSeries<V>>;
  formatValue: (value: V) => string;
  /** Keep zero in the value range (rates); balances use their own range. */
  includeZero?: boolean;
  height?: number;
  testId?: string;
}

const margin = { top: 12, right: 16, bottom: 28, left: 96 };
const ticksCount = 4;
const widthFallback = 640;
const positionPrecision = 1_000_000n;

/** Where `value` sits between `min` and `max`, 0..1; exact for bigint. */
function fraction<V extends ChartValue>(value: V, min: V, max: V): number {
  if (typeof value === "bigint" && typeof min === "bigint" && typeof max === "bigint") {
    if (max === min) return 0.5;
    return Number(((value - min) * positionPrecision) / (max - min)) / Number(positionPrecision);
  }
  const v = Number(value);
  const lo = Number(min);
  const hi = Number(max);
  return hi === lo ? 0.5 : (v - lo) / (hi - lo);
}

function valueRange<V extends ChartValue>(series: ReadonlyArray<ChartSeries<V>>, includeZero: boolean): { min: V; max: V } | undefined {
  let min: V | undefined;
  let max: V | undefined;
  for (const s of series) {
    for (const p of s.points) {
      if (min === undefined || p.value < min) min = p.value;
      if (max === undefined || p.value > max) max = p.value;
    }
  }
  if (min === undefined || max === undefined) return undefined;
  if (includeZero) {
    const zero = (typeof min === "bigint" ? 0n : 0) as V;
    if (zero < min) min = zero;
    if (zero > max) max = zero;
  }
  return { min, max };
}

function tickValues<V extends ChartValue>(min: V, max: V): V[] {
  const ticks: V[] = [];
  for (let i = 0; i <= ticksCount; i += 1) {
    if (typeof min === "bigint" && typeof max === "bigint") {
      ticks.push((min + ((max - min) * BigInt(i)) / BigInt(ticksCount)) as V);
    } else {
      ticks.push((Number(min) + ((Number(max) - Number(min)) * i) / ticksCount) as V);
    }
  }
  return ticks;
}

function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(widthFallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width;
      if (measured !== undefined && measured > 0) setWidth(Math.round(measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A line chart in plain SVG, sized to its container, with a hover read-out of the nearest instant. */
export function LineChart<V extends ChartValue>({ title, series, formatValue, includeZero = false, height = 220, testId }: LineChartProps<V>) {
  const [container, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | undefined>(undefined);
  const titleId = useId();
  const times = series.flatMap((s) => s.points.map((p) => p.at.getTime()));
  const range = valueRange(series, includeZero);
  if (times.length === 0 || range === undefined) {
    return (
      <figure className="chart" data-testid={testId}>
        <figcaption id={titleId}>{title}</figcaption>
        <p className="muted">No data points yet.</p>
      </figure>
    );
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const plotWidth = Math.max(width - margin.left - margin.right, 40);
  const plotHeight = height - margin.top - margin.bottom;
  const x = (at: Date) => margin.left + (t1 === t0 ? plotWidth / 2 : ((at.getTime() - t0) / (t1 - t0)) * plotWidth);
  const y = (value: V) => margin.top + (1 - fraction(value, range.min, range.max)) * plotHeight;
  const longest = series.reduce((a, b) => (b.points.length > a.points.length ? b : a), series[0] ?? { points: [] });
  const hovered = hover !== undefined ? longest.points[hover] : undefined;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / Math.max(box.width, 1)) * width;
    let best: number | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    longest.points.forEach((p, i) => {
      const distance = Math.abs(x(p.at) - px);
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    setHover(best);
  };

  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1];
      return last === undefined ? `${s.label}: no data` : `${s.label} latest ${formatValue(last.value)}`;
    })
    .join("; ");

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption id={titleId}>{title}</figcaption>
      <div ref={container} className="chart-canvas">
        {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by the figure's caption (aria-labelledby) and described by its <desc> */}
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-desc`} onPointerMove={onPointerMove} onPointerLeave={() => setHover(undefined)}>
          <desc id={`${titleId}-desc`}>{`${times.length} points from ${formatDateTime(new Date(t0))} to ${formatDateTime(new Date(t1))}. ${summary}.`}</desc>
          {tickValues(range.min, range.max).map((tick) => (
            <g key={tick} className="chart-grid">
              <line x1={margin.left} x2={margin.left + plotWidth} y1={y(tick)} y2={y(tick)} />
              <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatValue(tick)}
              </text>
            </g>
          ))}
          <text className="chart-axis-label" x={margin.left} y={height - 8} textAnchor="start">
            {formatTime(new Date(t0))}
          </text>
          <text className="chart-axis-label" x={margin.left + plotWidth} y={height - 8} textAnchor="end">
            {formatTime(new Date(t1))}
          </text>
          {series.map((s) => (
            <path
              key={s.label}
              className="chart-line"
              d={s.points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")}
              stroke={s.color}
              strokeDasharray={s.dashed === true ? "6 4" : undefined}
              fill="none"
            />
          ))}
          {hovered !== undefined ? <line className="chart-cursor" x1={x(hovered.at)} x2={x(hovered.at)} y1={margin.top} y2={margin.top + plotHeight} /> : null}
        </svg>
      </div>
      <div className="chart-legend">
        {series.map((s) => {
          const point = hovered !== undefined ? s.points.find((p) => p.at.getTime() === hovered.at.getTime()) : s.points[s.points.length - 1];
          return (
            <span key={s.label} className="chart-legend-item">
              <svg width="24" height="8" aria-hidden="true">
                <line x1="0" x2="24" y1="4" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed === true ? "6 4" : undefined} />
              </svg>
              {s.label}: <strong>{point === undefined ? "—" : formatValue(point.value)}</strong>
            </span>
          );
        })}
        <span className="chart-legend-item muted">
          {hovered !== undefined ? (
            <time dateTime={hovered.at.toISOString()} title={exactUtc(toTimestamp(hovered.at))}>
              at {formatDateTime(hovered.at)}
            </time>
          ) : (
            "latest"
          )}
        </span>
      </div>
    </figure>
  );
}
