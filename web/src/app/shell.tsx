import { useEffect, useRef, useState } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { PageErrorBoundary } from "../components/error-boundary.tsx";
import { Toaster } from "../components/toaster.tsx";
import { LedgerSwitcher, UserMenu, useCan, type AdminMethod } from "../features/session/index.ts";

interface NavItem {
  to: string;
  label: string;
  /** Shown only to roles allowed to call this. */
  requires?: AdminMethod;
  /** Which addresses count as this section (its own path and everything below it by default). */
  matches?: (pathname: string) => boolean;
}

const navItems: NavItem[] = [
  { to: "/health", label: "Health" },
  { to: "/outbox", label: "Outbox" },
  { to: "/dlq", label: "Dead letters", requires: "listDeadLetters" },
  { to: "/accounts", label: "Accounts" },
  { to: "/transactions", label: "Transactions", matches: (p) => p.startsWith("/transactions") && !p.startsWith("/transactions/new") },
  { to: "/transactions/new", label: "Post transaction", requires: "postTransaction" },
  { to: "/billing", label: "Billing" },
  { to: "/audit", label: "Audit log", requires: "listAuditLog" },
  { to: "/roles", label: "Roles", requires: "listRoleMappings" },
  { to: "/preferences", label: "Preferences" },
];

function NavEntry({ item, pathname, onNavigate }: { item: NavItem; pathname: string; onNavigate: () => void }) {
  const allowed = useCan(item.requires ?? "getSession");
  if (!allowed) return null;
  const active = item.matches?.(pathname) ?? (pathname === item.to || pathname.startsWith(`${item.to}/`));
  return (
    <li>
      <Link to={item.to} className={`nav-link${active ? " nav-link-active" : ""}`} aria-current={active ? "page" : undefined} onClick={onNavigate}>
        {item.label}
      </Link>
    </li>
  );
}

/** Moves focus to the new page's heading after client-side navigation (not on first load). */
function useFocusOnNavigate(pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves on each navigation, which pathname stands for
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("#main [data-page-title]") ?? document.getElementById("main");
    heading?.focus();
  }, [pathname]);
}

export function AppShell() {
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusOnNavigate(location.pathname);
  const closeMenu = () => setMenuOpen(false);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button type="button" className="button button-small menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((open) => !open)}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link to="/health" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ▮
          </span>{" "}
          LedgerFlow <span className="brand-sub">admin</span>
        </Link>
        <LedgerSwitcher />
        <UserMenu />
      </header>
      <div className="body">
        <nav id="main-nav" aria-label="Main" className={`sidebar${menuOpen ? " sidebar-open" : ""}`}>
          <ul>
            {navItems.map((item) => (
              <NavEntry key={item.to} item={item} pathname={location.pathname} onNavigate={closeMenu} />
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <PageErrorBoundary key={location.pathname} label={location.pathname}>
            <Outlet />
          </PageErrorBoundary>
        </main>
      </div>
      <Toaster />
    </div>
  );
}
