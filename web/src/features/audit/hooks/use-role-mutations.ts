import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { auditKeys, roleMappingKeys } from "../api/audit.ts";

export function useSetRoleMapping() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { claimValue: string; role: Role; ledgers: string[] }) => client.setRoleMapping(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: roleMappingKeys.list() });
      void queryClient.invalidateQueries({ queryKey: auditKeys.lists() });
    },
  });
}

export function useDeleteRoleMapping() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (claimValue: string) => client.deleteRoleMapping({ claimValue }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: roleMappingKeys.list() });
      void queryClient.invalidateQueries({ queryKey: auditKeys.lists() });
    },
  });
}
