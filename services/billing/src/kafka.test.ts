// Billing end to end through the run's real Kafka broker: the ledger's relay publishes to Kafka,
// billing consumes as its own group; fees accrue, a republished event accrues once, a reversal
// refunds, the invoice's fee transaction posts once and its own event, back through Kafka, is
// not billed.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { BillingPeriod, FeeBasis, InvoiceStatus } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { encodeOutboxRow, kafkaClient, KafkaPublisher, type OutboxRow, TOPICS } from "@ledgerflow/platform/events";
import { resetTestTopics, testKafkaBrokers } from "@ledgerflow/platform/testing";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { invoiceKey } from "./invoicing.ts";
import { startTestBilling, until, type TestBilling } from "./testing/billing-server.ts";

let t: TestLedger;
let b: TestBilling;
let publisher: KafkaPublisher;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await resetTestTopics([TOPICS.accounts, TOPICS.transactions]);
  t = await startTestLedger({ kafkaBrokers: testKafkaBrokers() });
  b = await startTestBilling(t, { kafkaBrokers: testKafkaBrokers(), groupId: `billing-kafka-${randomUUID().slice(0, 8)}`, lagIntervalMs: 500 });
  publisher = new KafkaPublisher(kafkaClient(testKafkaBrokers(), "billing-kafka-test"));
  for (const [code, normal] of [
    ["bank", NormalBalance.DEBIT],
    ["revenue", NormalBalance.CREDIT],
    ["shop", NormalBalance.CREDIT],
  ] as const) {
    ids[code] = (await t.connect.createAccount({ code, currency: "EUR", normalBalance: normal, allowOverdraft: code === "bank" })).account!.id;
  }
}, 60_000);

afterAll(async () => {
  await publisher.close();
  await b.stop();
  await t.stop();
}, 30_000);

const processed = (eventId: string) => until(async () => (await t.db.sql`SELECT 1 FROM billing.processed_events WHERE event_id = ${eventId}`).length === 1, `event ${eventId}`, 30_000);

test("fees accrue from Kafka, once per event, are refunded on reversal, and post once", async () => {
  const plan = (await b.client.createPlan({ name: "Shop", currency: "EUR", fixedFee: "25", rateBps: 150, basis: FeeBasis.INCOMING, period: BillingPeriod.MONTH, revenueAccountCode: "revenue" })).plan!;
  await b.client.assignPlan({ accountCode: "shop", planId: plan.id });
  const pay = (key: string, amount: string) =>
    t.connect.postTransaction({
      idempotencyKey: key,
      entries: [
        { accountId: ids.bank!, direction: Direction.DEBIT, amount },
        { accountId: ids.shop!, direction: Direction.CREDIT, amount },
      ],
    });
  const p1 = await pay("k-1", "10000"); // 25 + 150 = 175
  const p2 = await pay("k-2", "333"); // 25 + 4.995 → 30
  await processed(p2.transaction!.id);
  let accruals = (await b.client.listAccruals({ accountId: ids.shop! })).accruals;
  expect(accruals.map((a) => a.fee).sort()).toEqual(["175", "30"]);

  // A relay restart publishes an event again: billing skips it by its id.
  const [row] = await t.db.sql<OutboxRow[]>`SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox WHERE event_id = ${p1.transaction!.id}`;
  await publisher.publish([encodeOutboxRow(row!)]);
  const r = await t.connect.reverseTransaction({ transactionId: p2.transaction!.id });
  await processed(r.reversal!.id);
  accruals = (await b.client.listAccruals({ accountId: ids.shop! })).accruals;
  expect(accruals.map((a) => `${a.sourceType}:${a.fee}`).sort()).toEqual(["reversal:-30", "standard:175", "standard:30"]);
  await until(
    async () => {
      await b.handle.consumer.refreshLag();
      return b.handle.consumer.lag.messages === 0;
    },
    "billing's group to catch up (the republished event included)",
    30_000,
  );
  expect((await b.client.listAccruals({ accountId: ids.shop! })).accruals.length).toBe(3);

  const invoice = (await b.client.listInvoices({ accountId: ids.shop!, status: InvoiceStatus.OPEN })).invoices[0]!;
  expect(invoice.total).toBe("175");
  const closed = (await b.client.closeInvoice({ invoiceId: invoice.id })).invoice!;
  expect(closed.status).toBe(InvoiceStatus.POSTED);
  const fee = (await t.connect.getTransaction({ transactionId: closed.feeTransactionId })).transaction!;
  expect(fee.idempotencyKey).toBe(invoiceKey(invoice.id));
  await processed(fee.id);
  const [billed] = await t.db.sql`SELECT count(*)::int AS n FROM billing.accruals WHERE source_transaction_id = ${fee.id}`;
  expect(billed!.n).toBe(0);
  const shop = (await t.connect.getBalance({ accountId: ids.shop! })).balance!;
  expect(BigInt(shop.postedCredits) - BigInt(shop.postedDebits)).toBe(10_000n + 333n - 333n - 175n);
  const status = await b.client.getBillingStatus({});
  expect(status.accruals).toBe(3n);
  expect(status.deadLetters).toBe(0n);
  const metrics = await (await fetch(`${b.handle.url}/metrics`)).text();
  expect(metrics).toMatch(/^ledgerflow_billing_events_duplicate_total [1-9]/m);
  expect(metrics).toMatch(/^ledgerflow_billing_consumer_lag_messages\{topic="ledgerflow.ledger.transactions.v1",partition="\d"\} 0$/m);
}, 90_000);
