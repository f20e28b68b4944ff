import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorMessage } from "./states.tsx";

interface BoundaryProps {
  children: ReactNode;
  onReset: () => void;
  label: string;
}

interface BoundaryState {
  error: unknown;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`page "${this.props.label}" failed to render`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="state state-error" data-testid="page-error">
        <h2>This page failed</h2>
        <p>The rest of the dashboard keeps working. Details are in the browser console.</p>
        <ErrorMessage error={this.state.error} />
        <button
          type="button"
          className="button"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}

/** Keeps one page's failure inside that page; "Try again" also resets its failed queries. */
export function PageErrorBoundary({ children, label }: { children: ReactNode; label: string }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary onReset={reset} label={label}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
