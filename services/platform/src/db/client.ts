// The one way services open Postgres: the `postgres` client with explicit, bounded settings.
import postgres, { type Sql, type TransactionSql } from "postgres";

export interface DbOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
  /** Statement timeout in milliseconds, applied per connection. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function connect(options: DbOptions): Sql {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 5,
    max_lifetime: 60 * 30,
    prepare: true,
    onnotice: () => {},
    // numeric stays a string (exact); int8 becomes bigint.
    types: { bigint: postgres.BigInt },
    connection: {
      application_name: options.applicationName ?? "ledgerflow",
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  });
  guardTransactions(sql);
  return sql;
}

// Errors that mean the session itself is gone (socket closed or reset, server shut down).
const CONNECTION_LOST_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "CONNECT_TIMEOUT", "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTCONN"]);

/** True when `error` says the database session it came from no longer exists. */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; severity?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  for (const code of [e.code, e.errno]) if (typeof code === "string" && CONNECTION_LOST_CODES.has(code)) return true;
  if (e.severity === "FATAL" || e.severity === "PANIC") return true;
  return typeof e.code === "string" && (/^08/.test(e.code) || /^57P0[123]$/.test(e.code));
}

/** Raised for statements issued on a transaction whose session is gone. */
export class TransactionConnectionLostError extends Error {
  readonly code = "CONNECTION_CLOSED";
  constructor() {
    super("the database connection of this transaction was lost");
  }
}

/**
 * Why this exists: postgres.js pins a transaction to its connection object and keeps writing the
 * transaction's statements there, its own ROLLBACK included, even after that connection's socket
 * has closed. Under Bun the write is deferred to a setImmediate that then dereferences the null
 * socket: an uncaught `TypeError: null is not an object (evaluating 'socket.write')`, and the
 * connection keeps the unsent bytes and a stale write timer, so it never finishes a handshake
 * again (every later attempt ends in CONNECT_TIMEOUT). A Postgres restart under load therefore
 * killed services, or left their pools dead.
 *
 * The guard: once a transaction has seen its session go (a connection-class error from one of its
 * statements, or the transaction itself failing that way), its callback never settles, so the
 * client sends neither ROLLBACK nor COMMIT on the dead connection (the server has rolled the
 * transaction back with the session), and further statements through `tx` throw instead of
 * reaching the client. The caller still gets the connection error at once: postgres.js rejects
 * `begin()` itself when the connection closes.
 */
function guardTransactions(sql: Sql): void {
  const begin = sql.begin.bind(sql) as (options: string, fn: (tx: TransactionSql) => unknown) => Promise<unknown>;
  const guarded = (optionsOrFn: string | ((tx: TransactionSql) => unknown), maybeFn?: (tx: TransactionSql) => unknown) => {
    const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn!;
    const options = typeof optionsOrFn === "string" ? optionsOrFn : "";
    return new Promise((resolve, reject) => {
      // Should the client ever fail to report the closed connection, the caller is not left
      // waiting: a transaction that lost its session fails after LOST_SETTLE_MS at the latest.
      const state: TxState = { lost: false, onLost: () => setTimeout(() => reject(new TransactionConnectionLostError()), LOST_SETTLE_MS).unref() };
      begin(options, (tx) => settleUnlessLost(state, () => fn(guardTx(tx, state)))).then(resolve, (error) => {
        // The client rejects begin() when the connection closes: the callback may still be
        // running (awaiting something else), and must not reach the dead connection after that.
        if (isConnectionLost(error)) markLost(state);
        reject(error);
      });
    });
  };
  (sql as unknown as { begin: typeof guarded }).begin = guarded;
}

interface TxState {
  lost: boolean;
  onLost: () => void;
}

const LOST_SETTLE_MS = 5_000;

function markLost(state: TxState): void {
  if (state.lost) return;
  state.lost = true;
  state.onLost();
}

/** Runs `body`; when the session went meanwhile, the result is a promise that never settles. */
async function settleUnlessLost<T>(state: TxState, body: () => T | Promise<T>): Promise<T> {
  let value: T;
  try {
    value = await body();
  } catch (error) {
    if (isConnectionLost(error)) markLost(state);
    if (state.lost) return new Promise<T>(() => {});
    throw error;
  }
  if (state.lost) return new Promise<T>(() => {});
  return value;
}

/** `tx` as the callback sees it: statements (and savepoints) throw once the session is lost. */
function guardTx(tx: TransactionSql, state: TxState): TransactionSql {
  const check = () => {
    if (state.lost) throw new TransactionConnectionLostError();
  };
  return new Proxy(tx, {
    apply(target, self, args) {
      check();
      return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, args);
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "savepoint") {
        return (nameOrFn: unknown, maybeFn?: unknown) => {
          check();
          const fn = (typeof nameOrFn === "function" ? nameOrFn : maybeFn) as (sp: TransactionSql) => unknown;
          const wrapped = (sp: TransactionSql) => settleUnlessLost(state, () => fn(guardTx(sp, state)));
          return typeof nameOrFn === "function" ? (value as (...a: unknown[]) => unknown).call(target, wrapped) : (value as (...a: unknown[]) => unknown).call(target, nameOrFn, wrapped);
        };
      }
      if (property === "unsafe" || property === "file") {
        return (...args: unknown[]) => {
          check();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}
