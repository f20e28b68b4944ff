import type { MessageInitShape } from "@bufbuild/protobuf";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateAccountRequestSchema, GetAccountResponse, UpdateAccountPolicyRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { accountKeys } from "../api/accounts.ts";

export type CreateAccountInput = MessageInitShape<typeof CreateAccountRequestSchema>;
export type UpdatePolicyInput = MessageInitShape<typeof UpdateAccountPolicyRequestSchema> & { ledger: string; accountId: string };

/** Creates an account; lists and code look-ups that might now include it refetch. */
export function useCreateAccount() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateAccountInput) => (await client.createAccount(input)).account,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.searches() });
    },
  });
}

/** Changes the overdraft policy; the account's detail takes the answer, lists refetch. */
export function useUpdateAccountPolicy() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdatePolicyInput) => (await client.updateAccountPolicy(input)).account,
    onSuccess: (account, input) => {
      const key = accountKeys.detail(input.ledger, input.accountId);
      if (account !== undefined) {
        queryClient.setQueryData<GetAccountResponse>(key, (old) => (old === undefined ? old : { ...old, account }));
      }
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.searches() });
    },
  });
}
