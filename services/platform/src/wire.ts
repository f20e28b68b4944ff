// @ledgerflow/platform/wire: the ledger's vocabulary, defined once. Each word is the text the
// journal and the read model store (and that the service's domain code uses), with its value in
// the ledger API's enums (ledgerflow.ledger.v1) and in the events' enums (ledgerflow.events.v1);
// and the one rule that derives a transaction's status. Every service converts through these
// tables instead of its own.
import * as ev from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import * as api from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";

export type Side = "debit" | "credit";
export type Effect = "post" | "hold" | "release";
export type Kind = "standard" | "pending" | "commit" | "void" | "reversal";
export type Status = "pending" | "posted" | "voided" | "reversed";

/**
 * A ledger's name: what `ledger.ledgers` accepts (its CHECK in sql/migrations/0001), so a name
 * every service accepts is one the database accepts.
 */
export const LEDGER_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** How a refused ledger name is explained, everywhere. */
export const LEDGER_NAME_RULE = "must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit";

/** Words with their API enum value and (when the events carry them) their event enum value. */
export class Vocabulary<W extends string, A extends number, E extends number = never> {
  readonly words: readonly W[];
  private readonly byApi = new Map<number, W>();
  private readonly byEvent = new Map<number, W>();
  private readonly api = new Map<W, A>();
  private readonly event = new Map<W, E>();

  constructor(rows: readonly (readonly [W, A, E?])[]) {
    this.words = rows.map(([w]) => w);
    for (const [w, a, e] of rows) {
      this.api.set(w, a);
      this.byApi.set(a, w);
      if (e !== undefined) {
        this.event.set(w, e);
        this.byEvent.set(e, w);
      }
    }
  }

  /** The word's API enum value. */
  toApi(word: W): A {
    return this.api.get(word)!;
  }

  /** The API enum value of stored text (e.g. a read-model column); UNSPECIFIED (0) for text that is none of the words. */
  apiOf(text: string): A {
    return this.api.get(text as W) ?? (0 as A);
  }

  /** The word for an API enum value; undefined for UNSPECIFIED or a value this build does not know. */
  fromApi(value: number): W | undefined {
    return this.byApi.get(value);
  }

  /** The word for an event enum value; undefined for UNSPECIFIED or an unknown value. */
  fromEvent(value: number): W | undefined {
    return this.byEvent.get(value);
  }

  /** The word's event enum value. */
  toEvent(word: W): E {
    return this.event.get(word)!;
  }

  /** Whether `text` (e.g. a column read from SQL) is one of the words. */
  has(text: string): text is W {
    return this.api.has(text as W);
  }
}

export const DIRECTIONS = new Vocabulary<Side, api.Direction, ev.Direction>([
  ["debit", api.Direction.DEBIT, ev.Direction.DEBIT],
  ["credit", api.Direction.CREDIT, ev.Direction.CREDIT],
]);

export const NORMAL_BALANCES = new Vocabulary<Side, api.NormalBalance, ev.NormalBalance>([
  ["debit", api.NormalBalance.DEBIT, ev.NormalBalance.DEBIT],
  ["credit", api.NormalBalance.CREDIT, ev.NormalBalance.CREDIT],
]);

export const EFFECTS = new Vocabulary<Effect, api.EntryEffect, ev.EntryEffect>([
  ["post", api.EntryEffect.POST, ev.EntryEffect.POST],
  ["hold", api.EntryEffect.HOLD, ev.EntryEffect.HOLD],
  ["release", api.EntryEffect.RELEASE, ev.EntryEffect.RELEASE],
]);

export const KINDS = new Vocabulary<Kind, api.TransactionType, ev.TransactionType>([
  ["standard", api.TransactionType.STANDARD, ev.TransactionType.STANDARD],
  ["pending", api.TransactionType.PENDING, ev.TransactionType.PENDING],
  ["commit", api.TransactionType.COMMIT, ev.TransactionType.COMMIT],
  ["void", api.TransactionType.VOID, ev.TransactionType.VOID],
  ["reversal", api.TransactionType.REVERSAL, ev.TransactionType.REVERSAL],
]);

/** Statuses are derived (transactionStatus), never carried by events. */
export const STATUSES = new Vocabulary<Status, api.TransactionStatus>([
  ["pending", api.TransactionStatus.PENDING],
  ["posted", api.TransactionStatus.POSTED],
  ["voided", api.TransactionStatus.VOIDED],
  ["reversed", api.TransactionStatus.REVERSED],
]);

/**
 * A transaction's status from its kind, the kind of the transaction that resolved it (a pending
 * one's commit or void) and whether a reversal names it. A new transaction has neither.
 */
export function transactionStatus(kind: Kind, resolvedBy: Kind | null = null, reversed = false): Status {
  if (kind === "pending") return resolvedBy === "commit" ? "posted" : resolvedBy === "void" ? "voided" : "pending";
  if ((kind === "standard" || kind === "commit") && reversed) return "reversed";
  return "posted";
}

/**
 * The status a transaction takes when `child` names it as its parent: a void voids a pending
 * transaction, a reversal reverses a posted one, a commit posts a pending one (the same outcomes
 * as transactionStatus gives the parent once its child exists).
 */
export function statusOfParentAfter(child: Kind): Status {
  return child === "void" ? "voided" : child === "reversal" ? "reversed" : "posted";
}
