// Calls from the gateway to the services behind it (ledger, billing): Connect over HTTP/1.1 with
// a deadline on every call, retries only for calls without side effects (and only on
// UNAVAILABLE, jittered), and a circuit breaker that turns a dead backend into a fast
// UNAVAILABLE. The caller's identity and request id travel in headers.
import { Code, ConnectError, createClient, type CallOptions, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { DescService } from "@bufbuild/protobuf";
import { BreakerOpenError, type BreakerState, CircuitBreaker } from "@ledgerflow/platform/resilience";

export interface BackendOptions {
  name: string;
  baseUrl: string;
  token?: string;
  /** Deadline of a call when the caller has none (and the most a caller gets). */
  timeoutMs: number;
  retriesMax: number;
  onBreakerChange?: (state: BreakerState) => void;
}

export interface Backend<S extends DescService> {
  client: Client<S>;
  breaker: CircuitBreaker;
  name: string;
}

const RETRY_BASE_MS = 50;

/** Failures that say the backend is unwell (not that the request was wrong). */
export function isBackendFailure(error: unknown): boolean {
  const code = ConnectError.from(error).code;
  return code === Code.Unavailable || code === Code.DeadlineExceeded || code === Code.Internal || code === Code.Unknown;
}

export function createBackend<S extends DescService>(service: S, o: BackendOptions): Backend<S> {
  const breaker = new CircuitBreaker({ name: o.name, failureThreshold: 5, openMs: 3_000, isFailure: isBackendFailure, onStateChange: o.onBreakerChange });
  const resilience: Interceptor = (next) => async (req) => {
    if (o.token) req.header.set("authorization", `Bearer ${o.token}`);
    const retriable = req.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await breaker.run(() => next(req));
      } catch (error) {
        if (error instanceof BreakerOpenError) throw new ConnectError(`${o.name} is unavailable (circuit open after repeated failures)`, Code.Unavailable, undefined, undefined, error);
        const code = ConnectError.from(error).code;
        if (!retriable || code !== Code.Unavailable || attempt >= o.retriesMax || req.signal.aborted) throw error;
        await Bun.sleep(RETRY_BASE_MS * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  };
  const transport = createConnectTransport({ baseUrl: o.baseUrl, httpVersion: "1.1", useBinaryFormat: true, interceptors: [resilience], defaultTimeoutMs: o.timeoutMs });
  return { client: createClient(service, transport), breaker, name: o.name };
}

export interface CallerIdentity {
  /** What the backend records as the actor (the user's email, or subject). */
  actor: string;
  requestId: string;
  /** Milliseconds left of the incoming call's deadline, if it has one. */
  remainingMs?: number;
}

/** Per-call options: who acts, the request id, and a deadline within the caller's. */
export function callOptions(who: CallerIdentity, defaultTimeoutMs: number): CallOptions {
  const timeoutMs = Math.max(1, Math.min(defaultTimeoutMs, who.remainingMs ?? defaultTimeoutMs));
  return { timeoutMs, headers: { "x-ledgerflow-actor": who.actor, "x-request-id": who.requestId } };
}
