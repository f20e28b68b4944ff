import { useEffect } from "react";
import { useDispatch, useSelector } from "react-redux";
import { selectToasts, toastDismissed, type Toast } from "../stores/toasts.ts";

/** How long a toast stays; errors stay until dismissed. */
export const toastLifetimeMs = 6_000;

function ToastItem({ toast }: { toast: Toast }) {
  const dispatch = useDispatch();
  useEffect(() => {
    if (toast.tone === "error") return;
    const timer = setTimeout(() => dispatch(toastDismissed(toast.id)), toastLifetimeMs);
    return () => clearTimeout(timer);
  }, [dispatch, toast.id, toast.tone]);
  return (
    <li className={`toast toast-${toast.tone}`}>
      <span aria-hidden="true">{toast.tone === "success" ? "✓" : toast.tone === "error" ? "✕" : "i"}</span>
      <span className="toast-message">{toast.message}</span>
      <button type="button" className="button button-small button-ghost" onClick={() => dispatch(toastDismissed(toast.id))} aria-label="Dismiss notification">
        ×
      </button>
    </li>
  );
}

export function Toaster() {
  const toasts = useSelector(selectToasts);
  return (
    <div className="toaster" role="status" aria-live="polite" aria-label="Notifications">
      <ul>
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ul>
    </div>
  );
}
