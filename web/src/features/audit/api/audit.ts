import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AdminClient } from "../../../lib/api-client.ts";
import type { AuditFilters } from "../stores/audit-filters.ts";

export const auditPageSize = 50;

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters, pageToken: string) => [...auditKeys.lists(), { ...filters, pageToken }] as const,
};

export const roleMappingKeys = {
  all: ["role-mappings"] as const,
  list: () => [...roleMappingKeys.all, "list"] as const,
};

export function auditLogQueryOptions(client: AdminClient, filters: AuditFilters, pageToken: string) {
  return queryOptions({
    queryKey: auditKeys.list(filters, pageToken),
    queryFn: ({ signal }) => client.listAuditLog({ ...filters, pageSize: auditPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function roleMappingsQueryOptions(client: AdminClient) {
  return queryOptions({
    queryKey: roleMappingKeys.list(),
    queryFn: ({ signal }) => client.listRoleMappings({}, { signal }),
  });
}
