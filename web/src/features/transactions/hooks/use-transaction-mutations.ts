import type { MessageInitShape } from "@bufbuild/protobuf";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { CommitTransactionRequestSchema, PostTransactionRequestSchema, ReverseTransactionRequestSchema, VoidTransactionRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { accountKeys } from "../../accounts/index.ts";
import { transactionKeys } from "../api/transactions.ts";

export type PostInput = MessageInitShape<typeof PostTransactionRequestSchema> & { ledger: string };
export type CommitInput = MessageInitShape<typeof CommitTransactionRequestSchema> & { ledger: string; transactionId: string };
export type VoidInput = MessageInitShape<typeof VoidTransactionRequestSchema> & { ledger: string; transactionId: string };
export type ReverseInput = MessageInitShape<typeof ReverseTransactionRequestSchema> & { ledger: string; transactionId: string };

/** What a change to the books makes stale: the feed, the transactions touched, and the accounts on their legs. */
function invalidateAfterWrite(queryClient: QueryClient, ledger: string, transactions: ReadonlyArray<Transaction | undefined>): void {
  void queryClient.invalidateQueries({ queryKey: transactionKeys.searches() });
  void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: accountKeys.searches() });
  const accountIds = new Set<string>();
  for (const tx of transactions) {
    if (tx === undefined) continue;
    void queryClient.invalidateQueries({ queryKey: transactionKeys.detail(ledger, tx.id) });
    if (tx.parentTransactionId !== "") void queryClient.invalidateQueries({ queryKey: transactionKeys.detail(ledger, tx.parentTransactionId) });
    for (const entry of tx.entries) accountIds.add(entry.accountId);
  }
  // Each account's detail key is the prefix of its history, entries and holds, which all changed.
  for (const id of accountIds) void queryClient.invalidateQueries({ queryKey: accountKeys.detail(ledger, id) });
}

export function usePostTransaction() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PostInput) => client.postTransaction(input),
    onSuccess: (response, input) => invalidateAfterWrite(queryClient, input.ledger, [response.transaction]),
  });
}

export function useCommitTransaction() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitInput) => client.commitTransaction(input),
    onSuccess: (response, input) => invalidateAfterWrite(queryClient, input.ledger, [response.transaction, response.commit]),
  });
}

export function useVoidTransaction() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VoidInput) => client.voidTransaction(input),
    onSuccess: (response, input) => invalidateAfterWrite(queryClient, input.ledger, [response.transaction, response.void]),
  });
}

export function useReverseTransaction() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReverseInput) => client.reverseTransaction(input),
    onSuccess: (response, input) => invalidateAfterWrite(queryClient, input.ledger, [response.transaction, response.reversal]),
  });
}
