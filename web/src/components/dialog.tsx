import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import { ErrorMessage } from "./states.tsx";

const focusableSelector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Where focus goes on open; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** While true, Escape and the backdrop do not close (a call is in flight). */
  busy?: boolean;
  wide?: boolean;
  /** The id of the element that explains the dialog (read out when it opens). */
  describedBy?: string;
}

/**
 * A modal dialog: focus moves in on open and back to where it was on close, Tab stays inside,
 * Escape closes.
 */
export function Dialog({ open, title, onClose, children, initialFocus, busy = false, wide = false, describedBy }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves once per opening, not on every render
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const preferred = initialFocus?.current;
    const usable = preferred !== null && preferred !== undefined && !preferred.matches(":disabled");
    const target = (usable ? preferred : null) ?? panel.current?.querySelector<HTMLElement>(focusableSelector) ?? panel.current;
    target?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!busy) onCloseRef.current();
      return;
    }
    if (event.key !== "Tab" || panel.current === null) return;
    const items = Array.from(panel.current.querySelectorAll<HTMLElement>(focusableSelector));
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes the dialog; the keyboard closes it with Escape (onKeyDown)
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget && !busy) onCloseRef.current();
      }}
    >
      <div ref={panel} className={`dialog${wide ? " dialog-wide" : ""}`} role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={describedBy} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** "danger" puts the first focus on Cancel. */
  tone?: "danger" | "primary";
  busy: boolean;
  /** Keeps the confirm button disabled (e.g. while the dialog's own inputs are invalid). */
  confirmDisabled?: boolean;
  /** The failure of the last attempt, shown inside the dialog so it can be retried. */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, tone = "primary", busy, confirmDisabled = false, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  return (
    <Dialog open={open} title={title} onClose={onCancel} busy={busy} initialFocus={tone === "danger" ? cancel : confirm} describedBy={bodyId}>
      <div className="dialog-body" id={bodyId}>
        {children}
      </div>
      {error !== undefined && error !== null ? <ErrorMessage error={error} /> : null}
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button ref={confirm} type="button" className={`button ${tone === "danger" ? "button-danger" : "button-primary"}`} onClick={onConfirm} disabled={busy || confirmDisabled} aria-busy={busy} data-testid="confirm-dialog-confirm">
          {busy ? `${confirmLabel}…` : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
