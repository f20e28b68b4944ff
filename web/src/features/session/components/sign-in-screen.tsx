import { useApi } from "../../../lib/api-context.tsx";
import { loginUrl } from "../api/session.ts";

/** Shown when nobody is signed in; signing in is a full-page trip through the identity provider. */
export function SignInScreen({ returnTo, expired }: { returnTo: string; expired: boolean }) {
  const { web } = useApi();
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ▮
          </span>{" "}
          LedgerFlow
        </p>
        <h1>Sign in</h1>
        {expired ? (
          <p role="alert" className="notice notice-warn">
            Your session has ended. Sign in again to continue where you were.
          </p>
        ) : (
          <p>The admin dashboard needs you to sign in with your organisation's account.</p>
        )}
        <button type="button" className="button button-primary button-large" data-testid="sign-in" onClick={() => web.assign(loginUrl(returnTo))}>
          Sign in
        </button>
      </div>
    </main>
  );
}
