// @ledgerflow/platform/resilience: bounded waiting on dependencies. A circuit breaker and a
// deadline for any promise.
export { BreakerOpenError, CircuitBreaker, type BreakerOptions, type BreakerState } from "./resilience/breaker.ts";
export { withTimeout } from "./resilience/timeout.ts";
