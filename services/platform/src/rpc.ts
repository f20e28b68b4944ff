// @ledgerflow/platform/rpc: the RPC surface every token-authenticated service shares. Request
// ids, bearer-token authentication and the caller's identity, metrics and logging interceptors,
// google.rpc error details, the proto's field rules (protovalidate), and the standard gRPC
// services (health, reflection).
export { codeName, RETRY_DELAY_MS_DEFAULT, standardDetails, type ErrorFacts, type OutgoingDetail } from "./rpc/error-details.ts";
export { HEALTH_DEFAULTS, HealthStatus, ServingStatus, UNAUTHENTICATED_SERVICES, type HealthOptions } from "./rpc/health.ts";
export { ACTOR_HEADER, authenticate, callerKey, observability, REQUEST_ID_HEADER, requestId, rootCause, type RpcMetrics } from "./rpc/interceptors.ts";
export { reflectionHandlers, type ReflectionIndex } from "./rpc/reflection.ts";
export { checkRequest, validation } from "./rpc/validation.ts";
export { standardServices } from "./rpc/standard-services.ts";
