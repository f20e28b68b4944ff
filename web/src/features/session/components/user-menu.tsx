import { useMutation } from "@tanstack/react-query";
import { useDispatch } from "react-redux";
import { Badge } from "../../../components/badge.tsx";
import { useApi } from "../../../lib/api-context.tsx";
import { toastShown } from "../../../stores/toasts.ts";
import { logout, roleLabel } from "../api/session.ts";
import { useRoleHere, useSession } from "../hooks/use-session.ts";

export function UserMenu() {
  const api = useApi();
  const session = useSession();
  const role = useRoleHere();
  const dispatch = useDispatch();
  const signOut = useMutation({
    mutationFn: () => logout(api.web, api.csrf.get()),
    onSuccess: (redirect) => api.web.assign(redirect),
    onError: (error) => dispatch(toastShown("error", error instanceof Error ? error.message : "Sign-out failed.")),
  });
  const user = session.user;
  const name = user?.name || user?.email || user?.subject || "Unknown user";
  return (
    <div className="user-menu" aria-label="Signed in as" role="group">
      <span className="user-name" data-testid="user-name" title={user?.email}>
        {name}
      </span>
      <Badge tone="info" testId="user-role" icon={null}>
        {roleLabel(role)}
      </Badge>
      <button type="button" className="button button-small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {signOut.isPending ? "Signing out…" : "Sign out"}
      </button>
    </div>
  );
}
