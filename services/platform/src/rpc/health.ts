// grpc.health.v1.Health: what Kubernetes gRPC probes, load balancers and grpc_health_probe ask.
// The status is the process's readiness (the same checks as /readyz), probed at most once per
// `cacheMs` however many callers ask, so probes cannot load the database. "" is the whole
// server; each served service answers by its full name; any other name is unknown.
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus, type HealthCheckRequest } from "@ledgerflow/proto/gen/health/v1/health_pb.ts";

export { ServingStatus };

/** Services that answer without a bearer token: probes carry none. */
export const UNAUTHENTICATED_SERVICES: ReadonlySet<string> = new Set([Health.typeName]);

export interface HealthOptions {
  /** Full names of the services this server offers (e.g. "ledgerflow.ledger.v1.LedgerService"). */
  services: string[];
  /** True when the process can serve (database reachable, breaker not open). */
  ready: () => Promise<boolean>;
  cacheMs: number;
  watchIntervalMs: number;
  /** Concurrent Watch streams; more are refused with RESOURCE_EXHAUSTED. */
  watchersMax: number;
}

export const HEALTH_DEFAULTS = { cacheMs: 1_000, watchIntervalMs: 1_000, watchersMax: 256 } as const;

export class HealthStatus {
  readonly #o: HealthOptions;
  readonly #names: Set<string>;
  #probed: { atMs: number; ready: boolean } | undefined;
  #probing: Promise<boolean> | undefined;
  #stopping = false;
  #watchers = 0;
  /** Resolved when stopping, so every Watch stream reports it at once. */
  #wake = Promise.withResolvers<void>();

  constructor(options: HealthOptions) {
    if (options.cacheMs < 0 || options.watchIntervalMs < 10 || options.watchersMax < 1) throw new Error("invalid health options");
    this.#o = options;
    this.#names = new Set(["", ...options.services]);
  }

  get watchers(): number {
    return this.#watchers;
  }

  /** The status of a service name, or undefined when this server does not offer it. */
  async status(service: string): Promise<ServingStatus | undefined> {
    if (!this.#names.has(service)) return undefined;
    if (this.#stopping) return ServingStatus.NOT_SERVING;
    return (await this.#ready()) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  /**
   * Shutdown has begun: everything reports NOT_SERVING from now on, and Watch streams send it and
   * end. Resolves when they have ended, or after `waitMs`, so the caller can then close connections.
   */
  async stopping(waitMs: number): Promise<void> {
    this.#stopping = true;
    this.#wake.resolve();
    const deadline = performance.now() + waitMs;
    while (this.#watchers > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  handlers(): ServiceImpl<typeof Health> {
    return {
      check: async (req) => {
        const status = await this.status(req.service);
        if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
        return { status };
      },
      watch: (req, ctx) => this.#watch(req, ctx),
      list: async () => {
        const statuses: Record<string, { status: ServingStatus }> = {};
        for (const name of this.#names) statuses[name] = { status: (await this.status(name))! };
        return { statuses };
      },
    };
  }

  async *#watch(req: HealthCheckRequest, ctx: HandlerContext) {
    if (this.#watchers >= this.#o.watchersMax) throw new ConnectError(`more than ${this.#o.watchersMax} health watchers`, Code.ResourceExhausted);
    this.#watchers++;
    try {
      let last: ServingStatus | undefined;
      while (!ctx.signal.aborted) {
        const status = (await this.status(req.service)) ?? ServingStatus.SERVICE_UNKNOWN;
        if (status !== last) yield { status };
        last = status;
        // After NOT_SERVING for shutdown, end the stream so the connection can drain.
        if (this.#stopping) return;
        await this.#pause(ctx.signal);
      }
    } finally {
      this.#watchers--;
    }
  }

  #pause(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, this.#o.watchIntervalMs);
      signal.addEventListener("abort", done, { once: true });
      this.#wake.promise.then(done);
    });
  }

  #ready(): Promise<boolean> {
    const now = performance.now();
    if (this.#probed && now - this.#probed.atMs < this.#o.cacheMs) return Promise.resolve(this.#probed.ready);
    this.#probing ??= this.#o
      .ready()
      .catch(() => false)
      .then((ready) => {
        this.#probed = { atMs: performance.now(), ready };
        this.#probing = undefined;
        return ready;
      });
    return this.#probing;
  }
}
