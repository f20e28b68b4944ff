// A circuit breaker: after `failureThreshold` consecutive failures it opens and fails calls at
// once for `openMs`, then lets a single probe through (half-open); a success closes it.
export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerOptions {
  name: string;
  failureThreshold: number;
  openMs: number;
  /** Which errors count against the dependency (e.g. connection errors, not bad requests). */
  isFailure: (error: unknown) => boolean;
  onStateChange?: (state: BreakerState) => void;
  now?: () => number;
}

export class BreakerOpenError extends Error {
  constructor(
    readonly breaker: string,
    readonly retryAfterMs: number,
  ) {
    super(`${breaker} is unavailable (circuit open); retry in ${Math.ceil(retryAfterMs / 1000)}s`);
    this.name = "BreakerOpenError";
  }
}

export class CircuitBreaker {
  private state: BreakerState = "closed";
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get current(): BreakerState {
    return this.state;
  }

  /** 0 closed, 1 half-open, 2 open: the value exported as a metric. */
  get gauge(): number {
    return this.state === "closed" ? 0 : this.state === "half_open" ? 1 : 2;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.admit();
    try {
      const result = await fn();
      this.onSuccess();
      return result;
    } catch (error) {
      this.onError(error);
      throw error;
    }
  }

  private admit(): void {
    if (this.state === "closed") return;
    const elapsed = this.now() - this.openedAt;
    if (this.state === "open" && elapsed >= this.options.openMs) this.transition("half_open");
    if (this.state === "half_open" && !this.probing) {
      this.probing = true;
      return;
    }
    throw new BreakerOpenError(this.options.name, Math.max(0, this.options.openMs - elapsed));
  }

  private onSuccess(): void {
    this.failures = 0;
    this.probing = false;
    if (this.state !== "closed") this.transition("closed");
  }

  private onError(error: unknown): void {
    this.probing = false;
    if (!this.options.isFailure(error)) {
      if (this.state === "half_open") this.transition("closed");
      return;
    }
    this.failures += 1;
    if (this.state === "half_open" || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.transition("open");
    }
  }

  private transition(state: BreakerState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
