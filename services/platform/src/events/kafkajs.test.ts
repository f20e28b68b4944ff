// The pinned kafkajs, as the project imports it, against the run's real broker: requests and
// responses schedule no timer with a negative delay (the library's own code did, after every
// response: a 1 ms timer per connection and a TimeoutNegativeWarning at start).
import { expect, test } from "bun:test";
import { Kafka, logLevel } from "./kafkajs.ts";
import { testKafkaBrokers } from "./test-kafka.ts";

test("kafkajs schedules no negative timeouts", async () => {
  const delays: number[] = [];
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
    delays.push(ms ?? 0);
    return original(fn, ms, ...rest);
  }) as typeof setTimeout;
  try {
    const admin = new Kafka({ clientId: "kafkajs-test", brokers: testKafkaBrokers().split(","), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    for (let i = 0; i < 5; i++) await admin.listTopics();
    await admin.disconnect();
  } finally {
    globalThis.setTimeout = original;
  }
  expect(delays.length).toBeGreaterThan(0);
  expect(delays.filter((d) => d < 0)).toEqual([]);
});
