// The services every gRPC server of the ecosystem is expected to offer beside its own: health
// checking and server reflection (v1 and v1alpha).
import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import { Health } from "@ledgerflow/proto/gen/health/v1/health_pb.ts";
import { HealthStatus, HEALTH_DEFAULTS } from "./health.ts";
import { reflectionHandlers, ServerReflection, ServerReflectionAlpha } from "./reflection.ts";

/** Registers Health (reporting `ready`) and reflection describing `served`; returns the health status to mark shutdown. */
export function standardServices(router: ConnectRouter, served: DescService[], ready: () => Promise<boolean>): HealthStatus {
  const health = new HealthStatus({ ...HEALTH_DEFAULTS, services: served.map((s) => s.typeName), ready });
  router.service(Health, health.handlers());
  const reflection = reflectionHandlers([...served, Health]);
  router.service(ServerReflection, reflection.v1);
  router.service(ServerReflectionAlpha, reflection.v1alpha);
  return health;
}
