// Billing's calls to the ledger: a Connect client over HTTP/1.1 with a bearer token, the
// `x-ledgerflow-actor: billing` header, a deadline on every call and a circuit breaker that
// turns an unreachable ledger into UNAVAILABLE at once. Reads are retried on transient errors;
// a posting is retried only because its idempotency key makes a repeat a replay.
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { LedgerService, type Account, type PostTransactionRequest, type Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { PostTransactionRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BreakerOpenError, type BreakerState, CircuitBreaker } from "@ledgerflow/platform/resilience";
import { ServiceError } from "@ledgerflow/platform/errors";

export const ACTOR = "billing";
const TRANSIENT = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted, Code.Internal, Code.Unknown]);
const CURRENCIES_TTL_MS = 60_000;

export interface LedgerClientOptions {
  baseUrl: string;
  token?: string;
  /** Deadline of each call. */
  timeoutMs: number;
  /** Attempts of a call that failed transiently (1 = no retry). */
  attemptsMax: number;
  retryBaseMs: number;
  breakerFailures: number;
  breakerOpenMs: number;
  onBreakerState?: (state: BreakerState) => void;
  onCall?: (method: string, code: string, seconds: number) => void;
}

/** The ledger could not be reached (or did not answer in time): worth trying again later. */
export function isTransient(error: unknown): boolean {
  if (error instanceof BreakerOpenError) return true;
  if (error instanceof ServiceError) return error.code === "unavailable" || error.code === "deadline_exceeded";
  return error instanceof ConnectError ? TRANSIENT.has(error.code) : true;
}

export type PostRequest = MessageInitShape<typeof PostTransactionRequestSchema>;

export class LedgerClient {
  private readonly client: Client<typeof LedgerService>;
  readonly breaker: CircuitBreaker;
  private currencies?: { codes: Set<string>; at: number };

  constructor(private readonly o: LedgerClientOptions) {
    const headers: Interceptor = (next) => (req) => {
      if (o.token) req.header.set("authorization", `Bearer ${o.token}`);
      req.header.set("x-ledgerflow-actor", ACTOR);
      return next(req);
    };
    this.client = createClient(LedgerService, createConnectTransport({ baseUrl: o.baseUrl, httpVersion: "1.1", interceptors: [headers] }));
    this.breaker = new CircuitBreaker({
      name: "ledger",
      failureThreshold: o.breakerFailures,
      openMs: o.breakerOpenMs,
      isFailure: (e) => e instanceof ConnectError && TRANSIENT.has(e.code),
      onStateChange: o.onBreakerState,
    });
  }

  /** One account by id or code; NOT_FOUND from the ledger stays NOT_FOUND. */
  getAccount(ledger: string, ref: { accountId?: string; accountCode?: string }): Promise<Account> {
    return this.call("GetAccount", this.o.attemptsMax, async (timeoutMs) => {
      const res = await this.client.getAccount({ ledger, accountId: ref.accountId ?? "", accountCode: ref.accountCode ?? "" }, { timeoutMs });
      return res.account!;
    });
  }

  /** The currency codes the ledger accepts, cached for a minute. */
  async currencyCodes(): Promise<Set<string>> {
    if (this.currencies && Date.now() - this.currencies.at < CURRENCIES_TTL_MS) return this.currencies.codes;
    const codes = await this.call("ListCurrencies", this.o.attemptsMax, async (timeoutMs) => {
      const res = await this.client.listCurrencies({}, { timeoutMs });
      return new Set(res.currencies.map((c) => c.code));
    });
    this.currencies = { codes, at: Date.now() };
    return codes;
  }

  /** Posts a transaction; safe to repeat only because the request carries an idempotency key. */
  postTransaction(req: PostRequest): Promise<{ transaction: Transaction; replayed: boolean }> {
    if (!req.idempotencyKey) throw new Error("postTransaction: an idempotency key is required");
    return this.call("PostTransaction", this.o.attemptsMax, async (timeoutMs) => {
      const res = await this.client.postTransaction(req as PostTransactionRequest, { timeoutMs });
      return { transaction: res.transaction!, replayed: res.replayed };
    });
  }

  private async call<T>(method: string, attemptsMax: number, fn: (timeoutMs: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const result = await this.breaker.run(() => fn(this.o.timeoutMs));
        this.o.onCall?.(method, "ok", (performance.now() - started) / 1000);
        return result;
      } catch (error) {
        const code = error instanceof ConnectError ? (Code[error.code] ?? "unknown") : error instanceof BreakerOpenError ? "breaker_open" : "unknown";
        this.o.onCall?.(method, code.toLowerCase(), (performance.now() - started) / 1000);
        // An open breaker is not retried here: waiting out its window is the caller's business.
        if (attempt >= attemptsMax || !isTransient(error) || error instanceof BreakerOpenError) throw error;
        await Bun.sleep(this.o.retryBaseMs * 2 ** (attempt - 1));
      }
    }
  }
}
