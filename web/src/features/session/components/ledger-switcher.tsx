import { useDispatch } from "react-redux";
import { Link } from "react-router";
import { ledgerChosen, useLedger } from "../../../stores/preferences.ts";
import { useHeldLedgers } from "../hooks/use-session.ts";

/**
 * The ledger every page works on. Someone holding a role on every ledger names any ledger in the
 * preferences; anyone else picks among the ledgers they hold (the session gate has already
 * moved a saved choice they do not hold to the first they do).
 */
export function LedgerSwitcher() {
  const ledger = useLedger();
  const held = useHeldLedgers();
  const dispatch = useDispatch();

  if (held === "every") {
    return (
      <Link to="/preferences" className="ledger-chip" data-testid="current-ledger" title="Change the ledger in preferences">
        Ledger: <strong>{ledger}</strong>
      </Link>
    );
  }
  return (
    <label className="ledger-chip" data-testid="current-ledger">
      Ledger:{" "}
      <select className="ledger-select" data-testid="ledger-switcher" value={ledger} onChange={(e) => dispatch(ledgerChosen(e.target.value))}>
        {held.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
