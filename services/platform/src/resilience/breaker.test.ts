import { expect, test } from "bun:test";
import { BreakerOpenError, CircuitBreaker, type BreakerState } from "./breaker.ts";

test("opens after consecutive failures, fails fast, probes once, closes on success", async () => {
  let now = 0;
  const states: BreakerState[] = [];
  const breaker = new CircuitBreaker({ name: "db", failureThreshold: 3, openMs: 1000, isFailure: (e) => (e as Error).message === "down", now: () => now, onStateChange: (s) => states.push(s) });
  const down = () => breaker.run(() => Promise.reject(new Error("down")));
  const bad = () => breaker.run(() => Promise.reject(new Error("bad request")));
  for (let i = 0; i < 2; i++) await expect(down()).rejects.toThrow("down");
  await expect(bad()).rejects.toThrow("bad request");
  await expect(down()).rejects.toThrow("down");
  expect(breaker.current).toBe("open");
  expect(breaker.gauge).toBe(2);
  let called = false;
  await expect(
    breaker.run(async () => {
      called = true;
    }),
  ).rejects.toBeInstanceOf(BreakerOpenError);
  expect(called).toBe(false);
  now = 1000;
  const probe = breaker.run(() => Bun.sleep(5).then(() => "ok"));
  await expect(breaker.run(async () => "second")).rejects.toBeInstanceOf(BreakerOpenError);
  expect(await probe).toBe("ok");
  expect(breaker.current).toBe("closed");
  expect(states).toEqual(["open", "half_open", "closed"]);
});

test("a failed probe opens the breaker again", async () => {
  let now = 0;
  const breaker = new CircuitBreaker({ name: "db", failureThreshold: 1, openMs: 100, isFailure: () => true, now: () => now });
  await expect(breaker.run(() => Promise.reject(new Error("x")))).rejects.toThrow();
  now = 100;
  await expect(breaker.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
  expect(breaker.current).toBe("open");
});
