import { DeadLetterStatus, type DeadLetter } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useState } from "react";
import { useDispatch } from "react-redux";
import { ConfirmDialog } from "../../../components/dialog.tsx";
import { toastShown } from "../../../stores/toasts.ts";
import { useCan } from "../../session/index.ts";
import { useDeadLetterAction, type DeadLetterAction } from "../hooks/use-dead-letter-actions.ts";

const copy: Record<DeadLetterAction, { verb: string; done: string; explain: string; tone: "primary" | "danger" }> = {
  replay: {
    verb: "Replay",
    done: "replayed",
    explain: "The projector applies this event to the read model again. If it fails again, it stays pending with its new error.",
    tone: "primary",
  },
  discard: {
    verb: "Discard",
    done: "discarded",
    explain: "The event is given up on: the read model will not receive it. Use this only when the event must not be applied.",
    tone: "danger",
  },
};

function ActionButton({ deadLetter, action, onDone }: { deadLetter: DeadLetter; action: DeadLetterAction; onDone?: (result: DeadLetter) => void }) {
  const [open, setOpen] = useState(false);
  const mutation = useDeadLetterAction(action);
  const dispatch = useDispatch();
  const id = deadLetter.id.toString();
  const { verb, done, explain, tone } = copy[action];
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <>
      <button type="button" className={`button button-small${tone === "danger" ? " button-danger-outline" : ""}`} aria-label={`${verb} dead letter ${id}`} data-testid={`dlq-${action}-${id}`} onClick={() => setOpen(true)}>
        {verb}
      </button>
      <ConfirmDialog
        open={open}
        title={`${verb} dead letter ${id}?`}
        confirmLabel={verb}
        tone={tone}
        busy={mutation.isPending}
        error={mutation.error ?? undefined}
        onCancel={close}
        onConfirm={() =>
          mutation.mutate(deadLetter.id, {
            onSuccess: (result) => {
              setOpen(false);
              const stillPending = result?.status === DeadLetterStatus.PENDING;
              const message = stillPending ? `Dead letter ${id} is still pending${result?.error ? `: ${result.error}` : "."}` : `Dead letter ${id} ${done}.`;
              dispatch(toastShown(stillPending ? "error" : "success", message));
              if (result !== undefined) onDone?.(result);
            },
          })
        }
      >
        <p>
          <span className="mono">{deadLetter.eventType || "event"}</span> from <span className="mono">{deadLetter.topic}</span> (partition {deadLetter.partition}, offset {deadLetter.offset}).
        </p>
        <p>{explain}</p>
      </ConfirmDialog>
    </>
  );
}

/** Replay and discard for a pending dead letter; nothing for roles that may not. */
export function DeadLetterActions({ deadLetter, onDone }: { deadLetter: DeadLetter; onDone?: (result: DeadLetter) => void }) {
  const canReplay = useCan("replayDeadLetter");
  const canDiscard = useCan("discardDeadLetter");
  if (deadLetter.status !== DeadLetterStatus.PENDING || (!canReplay && !canDiscard)) return null;
  return (
    <div className="button-row">
      {canReplay ? <ActionButton deadLetter={deadLetter} action="replay" onDone={onDone} /> : null}
      {canDiscard ? <ActionButton deadLetter={deadLetter} action="discard" onDone={onDone} /> : null}
    </div>
  );
}
