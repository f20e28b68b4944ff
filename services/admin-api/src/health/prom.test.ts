// The key figures come from two scrapes of a service's /metrics: rates from counter increases
// (a restart counts from zero), ratios, and histogram quantiles over the interval.
import { expect, test } from "bun:test";
import { parseMetrics, quantile, rate, ratio, sum } from "./prom.ts";

const scrape = (at: number, lines: string[]) => parseMetrics(lines.join("\n"), at);

test("rates, ratios and sums over labelled counters", () => {
  const a = scrape(0, ["# TYPE req counter", 'req{method="A",code="ok"} 10', 'req{method="B",code="internal"} 0']);
  const b = scrape(10_000, ["# TYPE req counter", 'req{method="A",code="ok"} 40', 'req{method="B",code="internal"} 10']);
  expect(rate(a, b, "req")).toBe(4);
  expect(ratio(a, b, "req", (l) => l.code === "internal")).toBe(0.25);
  expect(sum(b, "req", (l) => l.method === "A")).toBe(40);
  // A restart: the counter starts again from zero.
  const c = scrape(20_000, ["# TYPE req counter", 'req{method="A",code="ok"} 5']);
  expect(rate(b, c, "req")).toBe(0.5);
});

test("a declared counter without samples is zero; an unknown one is unknown", () => {
  const a = scrape(0, ["# HELP req Requests", "# TYPE req counter"]);
  const b = scrape(5_000, ["# TYPE req counter"]);
  expect(rate(a, b, "req")).toBe(0);
  expect(rate(a, b, "other")).toBeUndefined();
});

test("p99 from the bucket increases, interpolated within the bucket", () => {
  const buckets = (counts: number[]) => [0.01, 0.1, 1, "+Inf"].map((le, i) => `lat_bucket{le="${le}"} ${counts[i]}`);
  const a = scrape(0, buckets([0, 0, 0, 0]));
  const b = scrape(1_000, buckets([90, 99, 100, 100]));
  expect(quantile(a, b, "lat", 0.5)).toBeCloseTo(0.01 * (50 / 90), 6);
  expect(quantile(a, b, "lat", 0.99)).toBeCloseTo(0.1, 6);
  expect(quantile(b, b, "lat", 0.99)).toBe(0);
  expect(quantile(a, b, "missing", 0.99)).toBeUndefined();
});

test("labels with escaped quotes and odd values parse", () => {
  const s = scrape(0, ['m{path="/a\\"b",le="+Inf"} +Inf', "n 1e3", "garbage line"]);
  expect(s.metrics.get("m")![0]!.labels.path).toBe('/a"b');
  expect(s.metrics.get("m")![0]!.value).toBe(Infinity);
  expect(sum(s, "n")).toBe(1000);
});
