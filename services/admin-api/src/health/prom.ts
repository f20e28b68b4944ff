// Enough of the Prometheus text format to read the services' own /metrics: samples by name and
// labels, and from two scrapes a rate, a ratio and a histogram quantile over the interval
// between them (what the dashboard's key figures are).
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export type Scrape = { at: number; metrics: Map<string, Sample[]> };

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const TEXT_BYTES_MAX = 4 * 1024 * 1024;

export function parseMetrics(text: string, at = Date.now()): Scrape {
  const metrics = new Map<string, Sample[]>();
  for (const line of text.slice(0, TEXT_BYTES_MAX).split("\n")) {
    // A declared metric without samples yet (a labelled counter nobody incremented) counts as zero.
    const declared = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$/.exec(line);
    if (declared && !metrics.has(declared[1]!)) metrics.set(declared[1]!, []);
    if (!line || line.startsWith("#")) continue;
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    const value = m[3] === "+Inf" ? Infinity : m[3] === "-Inf" ? -Infinity : Number(m[3]);
    const list = metrics.get(m[1]!) ?? [];
    list.push({ labels, value });
    metrics.set(m[1]!, list);
  }
  return { at, metrics };
}

export type LabelFilter = (labels: Record<string, string>) => boolean;
const all: LabelFilter = () => true;

export function sum(s: Scrape, name: string, filter: LabelFilter = all): number | undefined {
  const samples = s.metrics.get(name);
  if (!samples) return undefined;
  return samples.filter((x) => filter(x.labels)).reduce((n, x) => n + x.value, 0);
}

/** The increase of a counter between two scrapes; a reset (process restart) counts from zero. */
function increase(prev: Scrape, cur: Scrape, name: string, filter: LabelFilter = all): number | undefined {
  const a = sum(prev, name, filter);
  const b = sum(cur, name, filter);
  if (a === undefined || b === undefined) return undefined;
  return b >= a ? b - a : b;
}

export function rate(prev: Scrape, cur: Scrape, name: string, filter: LabelFilter = all): number | undefined {
  const seconds = (cur.at - prev.at) / 1000;
  const d = increase(prev, cur, name, filter);
  return d === undefined || seconds <= 0 ? undefined : d / seconds;
}

/** Part of a counter's increase whose labels match, of its whole increase (0 when idle). */
export function ratio(prev: Scrape, cur: Scrape, name: string, part: LabelFilter): number | undefined {
  const whole = increase(prev, cur, name);
  const some = increase(prev, cur, name, part);
  if (whole === undefined || some === undefined) return undefined;
  return whole === 0 ? 0 : Math.min(1, some / whole);
}

/** histogram_quantile over the interval: the bucket increases summed over every other label. */
export function quantile(prev: Scrape, cur: Scrape, histogram: string, q: number): number | undefined {
  const buckets = (s: Scrape) => {
    const byLe = new Map<number, number>();
    for (const x of s.metrics.get(`${histogram}_bucket`) ?? []) {
      const le = x.labels.le === "+Inf" ? Infinity : Number(x.labels.le);
      byLe.set(le, (byLe.get(le) ?? 0) + x.value);
    }
    return byLe;
  };
  const before = buckets(prev);
  const after = buckets(cur);
  if (after.size === 0) return undefined;
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => Math.max(0, after.get(le)! - (before.get(le) ?? 0)));
  const total = counts[counts.length - 1]!;
  if (total === 0) return 0;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i]! >= rank) {
      const upper = bounds[i]!;
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      if (upper === Infinity) return lower;
      const below = i === 0 ? 0 : counts[i - 1]!;
      const inBucket = counts[i]! - below;
      return inBucket === 0 ? upper : lower + (upper - lower) * ((rank - below) / inBucket);
    }
  }
  return bounds[bounds.length - 2];
}
