// The proto's field rules as protovalidate checks them: each kind of rule refuses with
// INVALID_ARGUMENT naming the field, and leaves valid and empty-but-optional fields alone.
import { expect, test } from "bun:test";
import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import * as pb from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import * as billing from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { ServiceError } from "../errors.ts";
import { PAGE_SIZE_MAX } from "../paging.ts";
import { LEDGER_NAME, LEDGER_NAME_RULE } from "../wire.ts";
import { checkRequest } from "./validation.ts";

const ID = "0b0e0c2a-6d5f-4f7e-9a0e-5d2b8c1e3f4a";

function refusal<D extends DescMessage>(schema: D, init: MessageInitShape<D>): { field?: string; message: string } | undefined {
  try {
    checkRequest(schema, create(schema, init));
    return undefined;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    expect(error.code).toBe("invalid_argument");
    return { field: error.field, message: error.message };
  }
}

const entry = (amount: string, direction: pb.Direction) => ({ accountCode: "cash", direction, amount });
const transfer = (init: MessageInitShape<typeof pb.PostTransactionRequestSchema> = {}) => ({
  idempotencyKey: "k",
  entries: [entry("100", pb.Direction.DEBIT), entry("100", pb.Direction.CREDIT)],
  ...init,
});

test("valid requests, and empty optional fields, pass", () => {
  expect(refusal(pb.PostTransactionRequestSchema, transfer())).toBeUndefined();
  expect(refusal(pb.ListAccountsRequestSchema, {})).toBeUndefined();
  expect(refusal(pb.ListTransactionsRequestSchema, { ledger: "tenant-1", accountId: ID.toUpperCase(), pageSize: PAGE_SIZE_MAX })).toBeUndefined();
  expect(refusal(pb.GetAccountRequestSchema, { accountCode: "cash" })).toBeUndefined();
  expect(refusal(pb.CreateAccountRequestSchema, { code: "cash", currency: "USD", overdraftLimit: "0" })).toBeUndefined();
});

test("ledger names: the proto's predefined rule says what LEDGER_NAME says, in the services' words", () => {
  expect(refusal(pb.ListAccountsRequestSchema, { ledger: "Main!" })).toEqual({ field: "ledger", message: `ledger: ${LEDGER_NAME_RULE}` });
  for (const name of ["main", "a", "tenant-1", "t_2", "0", "x".repeat(63), "x".repeat(64), "-a", "_a", "A", "a b", "a.b", "é"]) {
    expect([name, refusal(pb.ListAccountsRequestSchema, { ledger: name }) === undefined]).toEqual([name, LEDGER_NAME.test(name)]);
  }
});

test("ids are UUIDs, required where the call needs one", () => {
  expect(refusal(pb.GetTransactionRequestSchema, { transactionId: "42" })).toEqual({ field: "transaction_id", message: "transaction_id: must be a valid UUID" });
  expect(refusal(pb.GetTransactionRequestSchema, {})).toEqual({ field: "transaction_id", message: "transaction_id: is required" });
  expect(refusal(pb.GetBalanceRequestSchema, { accountId: ID })).toBeUndefined();
});

test("page sizes within the one cap, page tokens and texts within their lengths", () => {
  expect(refusal(pb.ListAccountsRequestSchema, { pageSize: PAGE_SIZE_MAX + 1 })?.field).toBe("page_size");
  expect(refusal(billing.ListPlansRequestSchema, { pageSize: PAGE_SIZE_MAX + 1 })?.field).toBe("page_size");
  expect(refusal(pb.ListTransactionsRequestSchema, { pageToken: "x".repeat(513) })?.field).toBe("page_token");
  expect(refusal(pb.PostTransactionRequestSchema, transfer({ description: "é".repeat(1025) }))?.message).toBe("description: must be at most 1024 characters");
  expect(refusal(pb.PostTransactionRequestSchema, transfer({ idempotencyKey: "k".repeat(256) }))?.message).toBe("idempotency_key: must be at most 255 characters");
});

test("amounts are decimal strings of minor units; entries number 2 to 100", () => {
  const negative = refusal(pb.PostTransactionRequestSchema, transfer({ entries: [entry("-5", pb.Direction.DEBIT), entry("5", pb.Direction.CREDIT)] }));
  expect(negative?.field).toBe("entries[0].amount");
  expect(negative?.message).toContain("minor units");
  expect(refusal(pb.PostTransactionRequestSchema, transfer({ entries: [entry("1.50", pb.Direction.DEBIT), entry("150", pb.Direction.CREDIT)] }))?.field).toBe("entries[0].amount");
  expect(refusal(pb.PostTransactionRequestSchema, transfer({ entries: [entry("5", pb.Direction.DEBIT), entry("1".repeat(39), pb.Direction.CREDIT)] }))?.field).toBe("entries[1].amount");
  expect(refusal(pb.PostTransactionRequestSchema, transfer({ entries: [entry("5", pb.Direction.DEBIT)] }))?.field).toBe("entries");
  expect(refusal(pb.CommitTransactionRequestSchema, { transactionId: ID, amounts: [{ leg: 0, amount: "007" }] })?.field).toBe("amounts[0].amount");
});

test("a batch's items are left to the service, so that an independent batch fails only its bad items", () => {
  expect(refusal(pb.PostTransactionsRequestSchema, { transactions: [transfer({ ledger: "BAD" }), transfer()] })).toBeUndefined();
});
