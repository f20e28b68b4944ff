import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeadLetter, GetDeadLetterResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { outboxKeys } from "../../outbox/index.ts";
import { dlqKeys } from "../api/dlq.ts";

export type DeadLetterAction = "replay" | "discard";

/** Replays or discards one dead letter; the detail is updated in place, lists and counts refetch. */
export function useDeadLetterAction(action: DeadLetterAction) {
  const client = useAdminClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: bigint): Promise<DeadLetter | undefined> => {
      const response = action === "replay" ? await client.replayDeadLetter({ id }) : await client.discardDeadLetter({ id });
      return response.deadLetter;
    },
    onSuccess: (deadLetter, id) => {
      if (deadLetter !== undefined) {
        queryClient.setQueryData<GetDeadLetterResponse>(dlqKeys.detail(id), (old) => (old === undefined ? old : { ...old, deadLetter }));
      }
      void queryClient.invalidateQueries({ queryKey: dlqKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: dlqKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: outboxKeys.status() });
    },
  });
}
