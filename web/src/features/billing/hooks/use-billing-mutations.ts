import type { MessageInitShape } from "@bufbuild/protobuf";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreatePlanRequestSchema, UpdatePlanRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { accountKeys } from "../../accounts/index.ts";
import { transactionKeys } from "../../transactions/index.ts";
import { billingKeys } from "../api/billing.ts";

export type CreatePlanInput = MessageInitShape<typeof CreatePlanRequestSchema>;
export type UpdatePlanInput = MessageInitShape<typeof UpdatePlanRequestSchema>;

export function useCreatePlan() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (plan: CreatePlanInput) => (await client.createPlan({ plan })).plan,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: billingKeys.planLists() }),
  });
}

export function useUpdatePlan() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (update: UpdatePlanInput) => (await client.updatePlan({ update })).plan,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.planLists() });
      // Assignments show the plan's name.
      void queryClient.invalidateQueries({ queryKey: billingKeys.assignmentLists() });
    },
  });
}

export function useAssignPlan() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { ledger: string; accountCode: string; planId: string }) => (await client.assignPlan(input)).assignment,
    onSuccess: (assignment, input) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.assignmentLists() });
      if (assignment !== undefined) void queryClient.invalidateQueries({ queryKey: accountKeys.detail(input.ledger, assignment.accountId), exact: true });
    },
  });
}

export function useUnassignPlan() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ledger: string; accountId: string }) => client.unassignPlan(input),
    onSuccess: (_r, input) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.assignmentLists() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(input.ledger, input.accountId), exact: true });
    },
  });
}

export function useCloseInvoice() {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invoiceId: string) => (await client.closeInvoice({ invoiceId })).invoice,
    onSuccess: (invoice) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.invoiceLists() });
      // Posting the fee moved money: the feed and the account's balances changed.
      void queryClient.invalidateQueries({ queryKey: transactionKeys.searches() });
      if (invoice !== undefined) void queryClient.invalidateQueries({ queryKey: accountKeys.detail(invoice.ledger, invoice.accountId) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
