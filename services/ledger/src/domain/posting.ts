// Posting requests: validation into drafts, the per-currency balance rule and the request hash
// used for idempotency. Pure: no I/O.
import { createHash } from "node:crypto";
import { invalid, LedgerError } from "./errors.ts";
import { parseAmount } from "./money.ts";
import type { Effect, Side } from "./balances.ts";
import { type Kind, LEDGER_NAME, LEDGER_NAME_RULE } from "@ledgerflow/platform/wire";

export const LEGS_MAX = 100;
export const METADATA_KEYS_MAX = 64;
export const METADATA_KEY_LENGTH_MAX = 128;
export const METADATA_VALUE_LENGTH_MAX = 2048;
export const DESCRIPTION_LENGTH_MAX = 1024;
export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
export const HOLD_DURATION_MAX_MS = 366 * 24 * 3600 * 1000;
export const EFFECTIVE_AT_FUTURE_SKEW_MS = 5 * 60 * 1000;
/**
 * The earliest effective date: backdating is for bookkeeping (a late entry, an import of past
 * years), never to year 0001 — such a date is a client bug (a zero timestamp) and would sort
 * before every real transaction in statements.
 */
export const EFFECTIVE_AT_MIN = new Date("1970-01-01T00:00:00Z");
export const DEFAULT_LEDGER = "main";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._/@-]{0,127}$/;

export type { Kind };

export interface AccountRef {
  accountId?: string;
  accountCode?: string;
}

export interface EntryDraft {
  leg: number;
  account: AccountRef;
  direction: Side;
  effect: Effect;
  amount: bigint;
}

/** Who writes a transaction (not part of the request hash: a replay by anyone returns the original). */
export interface Author {
  /** The authenticated client. */
  caller: string;
  /** Who the client acted for, as it said; null when it did not. */
  actor: string | null;
}

export const LEDGER_AUTHOR: Author = { caller: "ledger", actor: null };

export interface TransactionDraft {
  ledger: string;
  kind: Kind;
  parentId: string | null;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
  voidReason: "requested" | "expired" | null;
  effectiveAt: Date | null;
  expiresAt: Date | null;
  entries: EntryDraft[];
  requestHash: Buffer;
  /** Unset: written by the ledger itself. */
  author?: Author;
}

export interface EntryInput {
  accountId?: string;
  accountCode?: string;
  direction?: Side;
  amount?: string;
}

export interface PostInput {
  ledger?: string;
  idempotencyKey?: string;
  entries?: EntryInput[];
  pending?: boolean;
  expiresAt?: Date;
  description?: string;
  metadata?: Record<string, string>;
  effectiveAt?: Date;
  author?: Author;
}

export function ledgerName(value: string | undefined, field = "ledger"): string {
  const ledger = value === undefined || value === "" ? DEFAULT_LEDGER : value;
  if (!LEDGER_NAME.test(ledger)) throw invalid(field, LEDGER_NAME_RULE);
  return ledger;
}

export function uuid(value: string | undefined, field: string): string {
  if (!value) throw invalid(field, "is required");
  if (!UUID_PATTERN.test(value)) throw invalid(field, "must be a valid UUID");
  return value.toLowerCase();
}

export function accountCode(value: string | undefined, field: string): string {
  if (!value) throw invalid(field, "is required");
  if (!CODE_PATTERN.test(value)) throw invalid(field, "must be 1-128 characters: letters, digits and : . _ / @ - (starting with a letter or digit)");
  return value;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text from a client: valid Unicode (the protobuf and JSON decoders turn invalid UTF-8 into
 * U+FFFD, which would be stored silently, so it is refused), no NUL, and at most `max`
 * characters counted as code points, as Postgres' length() counts them (not UTF-16 units: 128
 * emoji are 128 characters).
 */
export function text(value: string, field: string, max: number): string {
  if (value.includes("\ufffd")) throw invalid(field, "is not valid UTF-8 (it holds U+FFFD, the mark of undecodable bytes)");
  if (LONE_SURROGATE.test(value)) throw invalid(field, "is not valid Unicode (a lone surrogate)");
  if (value.includes("\u0000")) throw invalid(field, "must not contain NUL characters");
  if (codePoints(value) > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

/** Length in code points; the UTF-16 length is an upper bound, so short strings cost nothing. */
export function codePoints(value: string): number {
  if (value.length <= 1 || !/[\ud800-\udfff]/.test(value)) return value.length;
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export function idempotencyKey(value: string | undefined, field = "idempotency_key"): string {
  if (!value) throw invalid(field, "is required");
  text(value, field, IDEMPOTENCY_KEY_LENGTH_MAX);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid(field, "must not contain control characters");
  return value;
}

export function metadata(value: Record<string, string> | undefined, field = "metadata"): Record<string, string> {
  const entries = Object.entries(value ?? {});
  if (entries.length > METADATA_KEYS_MAX) throw invalid(field, `has more than ${METADATA_KEYS_MAX} keys`);
  const out: Record<string, string> = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = `${field}.${[...k].slice(0, 40).join("")}`;
    if (k.length === 0 || codePoints(k) > METADATA_KEY_LENGTH_MAX) throw invalid(name, `keys must be 1-${METADATA_KEY_LENGTH_MAX} characters`);
    text(k, name, METADATA_KEY_LENGTH_MAX);
    if (typeof v !== "string") throw invalid(name, "values must be strings");
    text(v, name, METADATA_VALUE_LENGTH_MAX);
    out[k] = v;
  }
  return out;
}

export function description(value: string | undefined): string {
  return text(value ?? "", "description", DESCRIPTION_LENGTH_MAX);
}

function entryRef(input: EntryInput, field: string): AccountRef {
  if (input.accountId && input.accountCode) throw invalid(field, "give account_id or account_code, not both");
  if (input.accountId) return { accountId: uuid(input.accountId, `${field}.account_id`) };
  if (input.accountCode) return { accountCode: accountCode(input.accountCode, `${field}.account_code`) };
  throw invalid(`${field}.account_id`, "is required (or account_code)");
}

function validDate(value: Date | undefined, field: string): Date | null {
  if (value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(field, "must be a valid timestamp");
  return value;
}

/** Validates a PostTransaction request into a draft (accounts still unresolved). */
export function draftPosting(input: PostInput, now: Date, field = ""): TransactionDraft {
  const p = (name: string) => (field ? `${field}.${name}` : name);
  const ledger = ledgerName(input.ledger, p("ledger"));
  const key = idempotencyKey(input.idempotencyKey, p("idempotency_key"));
  const inputs = input.entries ?? [];
  if (inputs.length < 2) throw invalid(p("entries"), "a transaction needs at least two entries");
  if (inputs.length > LEGS_MAX) throw invalid(p("entries"), `at most ${LEGS_MAX} entries per transaction`);
  const pending = input.pending === true;
  const entries = inputs.map((e, leg): EntryDraft => {
    const f = p(`entries[${leg}]`);
    if (e.direction !== "debit" && e.direction !== "credit") throw invalid(`${f}.direction`, "must be DIRECTION_DEBIT or DIRECTION_CREDIT");
    return { leg, account: entryRef(e, f), direction: e.direction, effect: pending ? "hold" : "post", amount: parseAmount(e.amount ?? "", `${f}.amount`) };
  });
  sameAccountBothSides(entries, p);
  const expiresAt = validDate(input.expiresAt, p("expires_at"));
  if (expiresAt && !pending) throw invalid(p("expires_at"), "only pending transactions expire");
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw invalid(p("expires_at"), "must be in the future");
  if (expiresAt && expiresAt.getTime() - now.getTime() > HOLD_DURATION_MAX_MS) throw invalid(p("expires_at"), "must be within a year");
  const effectiveAt = validDate(input.effectiveAt, p("effective_at"));
  if (effectiveAt && effectiveAt.getTime() > now.getTime() + EFFECTIVE_AT_FUTURE_SKEW_MS) throw invalid(p("effective_at"), "must not be in the future");
  if (effectiveAt && effectiveAt.getTime() < EFFECTIVE_AT_MIN.getTime()) throw invalid(p("effective_at"), `must not be before ${EFFECTIVE_AT_MIN.toISOString()}`);
  const draft: Omit<TransactionDraft, "requestHash"> = {
    ledger,
    kind: pending ? "pending" : "standard",
    parentId: null,
    idempotencyKey: key,
    description: description(input.description),
    metadata: metadata(input.metadata, p("metadata")),
    voidReason: null,
    effectiveAt,
    expiresAt,
    entries,
  };
  return { ...draft, requestHash: requestHash(draft), author: input.author };
}

/**
 * One transaction does not debit and credit the same account: the two legs cancel out, so such a
 * request is a client bug (a swapped or copied account id), and it would move the account's
 * version and statement for nothing. (An account named once by id and once by code is resolved
 * later; this check compares the references as given.)
 */
function sameAccountBothSides(entries: EntryDraft[], p: (name: string) => string): void {
  const sides = new Map<string, { side: Side; leg: number }>();
  for (const e of entries) {
    const ref = e.account.accountId ? `id:${e.account.accountId}` : `code:${e.account.accountCode}`;
    const seen = sides.get(ref);
    if (seen && seen.side !== e.direction) {
      throw invalid(p(`entries[${e.leg}].${e.account.accountId ? "account_id" : "account_code"}`), `debits and credits the account of entries[${seen.leg}] in one transaction`);
    }
    if (!seen) sides.set(ref, { side: e.direction, leg: e.leg });
  }
}

/** SHA-256 over a canonical form of everything the caller asked for. */
export function requestHash(d: Omit<TransactionDraft, "requestHash" | "author">): Buffer {
  const canonical = JSON.stringify([
    d.ledger,
    d.kind,
    d.parentId,
    d.description,
    Object.entries(d.metadata),
    d.voidReason,
    d.effectiveAt?.toISOString() ?? null,
    d.expiresAt?.toISOString() ?? null,
    d.entries.map((e) => [e.account.accountId ?? null, e.account.accountCode ?? null, e.direction, e.effect, e.amount.toString()]),
  ]);
  return createHash("sha256").update(canonical).digest();
}

/** Debits equal credits for every currency and effect. */
export function checkBalanced(entries: { currency: string; effect: Effect; direction: Side; amount: bigint }[], field = "entries"): void {
  const sums = new Map<string, bigint>();
  for (const e of entries) {
    const key = `${e.currency}/${e.effect}`;
    sums.set(key, (sums.get(key) ?? 0n) + (e.direction === "debit" ? e.amount : -e.amount));
  }
  const off = [...sums].filter(([, sum]) => sum !== 0n);
  if (off.length > 0) {
    const detail = off.map(([key, sum]) => `${key.split("/")[0]} debits ${sum > 0n ? "exceed" : "fall short of"} credits by ${sum > 0n ? sum : -sum}`).join("; ");
    throw new LedgerError("invalid_argument", `${field}: transaction does not balance: ${detail}`, { field });
  }
}
