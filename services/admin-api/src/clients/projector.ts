// The projector's dead-letter actions (replay, discard: JSON over HTTP), behind a deadline and a
// circuit breaker like the RPC backends; its answers become Connect errors with the right codes.
// The gateway reads dead letters like the rest of the read model, in SQL (db/read.sql).
import { Code, ConnectError } from "@connectrpc/connect";
import { BreakerOpenError, type BreakerState, CircuitBreaker } from "@ledgerflow/platform/resilience";
import { isBackendFailure, type CallerIdentity } from "./resilient.ts";

const STATUS_CODES: Record<number, Code> = { 400: Code.InvalidArgument, 404: Code.NotFound, 409: Code.FailedPrecondition, 422: Code.FailedPrecondition };

export class ProjectorClient {
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    onBreakerChange?: (state: BreakerState) => void,
  ) {
    this.breaker = new CircuitBreaker({ name: "projector", failureThreshold: 5, openMs: 3_000, isFailure: isBackendFailure, onStateChange: onBreakerChange });
  }

  async resolve(id: bigint, action: "replay" | "discard", who: CallerIdentity): Promise<void> {
    await this.call("POST", `/dead-letters/${id}/${action}`, who);
  }

  // biome-ignore lint/suspicious/noExplicitAny: the projector's JSON answers; each caller reads its own shape
  private async call(method: "GET" | "POST", path: string, who: CallerIdentity): Promise<any> {
    try {
      return await this.breaker.run(async () => {
        let res: Response;
        try {
          res = await fetch(`${this.baseUrl}${path}`, {
            method,
            headers: { "x-ledgerflow-actor": who.actor, "x-request-id": who.requestId },
            signal: AbortSignal.timeout(Math.min(this.timeoutMs, who.remainingMs ?? this.timeoutMs)),
          });
        } catch (error) {
          const timedOut = (error as Error).name === "TimeoutError";
          throw new ConnectError(`the projector ${timedOut ? "did not answer in time" : "cannot be reached"}`, timedOut ? Code.DeadlineExceeded : Code.Unavailable, undefined, undefined, error);
        }
        const body = await res.json().catch(() => ({}));
        if (res.ok) return body;
        const code = STATUS_CODES[res.status] ?? (res.status >= 500 ? Code.Unavailable : Code.Unknown);
        const message = body?.error?.message ?? (res.status === 409 ? "the dead letter was already replayed or discarded" : `the projector answered ${res.status}`);
        throw new ConnectError(message, code);
      });
    } catch (error) {
      if (error instanceof BreakerOpenError) throw new ConnectError("the projector is unavailable (circuit open after repeated failures)", Code.Unavailable);
      throw error;
    }
  }
}
