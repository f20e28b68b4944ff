import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import { useSelector } from "react-redux";

export type Theme = "system" | "light" | "dark";

export interface PreferencesState {
  /** The book every call names; "main" unless chosen otherwise. */
  ledger: string;
  theme: Theme;
  /** How often live pages (health, outbox) refresh; 0 turns it off. */
  refreshIntervalMs: number;
}

export const defaultLedger = "main";
export const ledgerNameLengthMax = 64;
export const refreshIntervalChoicesMs = [0, 2_000, 5_000, 10_000, 30_000, 60_000] as const;

export const defaultPreferences: PreferencesState = { ledger: defaultLedger, theme: "system", refreshIntervalMs: 5_000 };

const storageKey = "ledgerflow.admin.preferences.v1";

/** Why a ledger name is not acceptable, or undefined when it is. */
export function ledgerNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "Enter a ledger name.";
  if (trimmed.length > ledgerNameLengthMax) return `At most ${ledgerNameLengthMax} characters.`;
  if (/\s/.test(trimmed)) return "No spaces in a ledger name.";
  return undefined;
}

function isTheme(value: unknown): value is Theme {
  return value === "system" || value === "light" || value === "dark";
}

/** Reads saved preferences, keeping only values that are still valid. */
export function loadPreferences(storage: Pick<Storage, "getItem"> | undefined): PreferencesState {
  if (storage === undefined) return defaultPreferences;
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(storageKey) ?? "null");
  } catch {
    return defaultPreferences;
  }
  if (typeof saved !== "object" || saved === null) return defaultPreferences;
  const record = saved as Record<string, unknown>;
  const ledger = typeof record.ledger === "string" && ledgerNameProblem(record.ledger) === undefined ? record.ledger.trim() : defaultLedger;
  const theme = isTheme(record.theme) ? record.theme : defaultPreferences.theme;
  const interval = record.refreshIntervalMs;
  const refreshIntervalMs = typeof interval === "number" && (refreshIntervalChoicesMs as readonly number[]).includes(interval) ? interval : defaultPreferences.refreshIntervalMs;
  return { ledger, theme, refreshIntervalMs };
}

export function savePreferences(storage: Pick<Storage, "setItem"> | undefined, preferences: PreferencesState): void {
  if (storage === undefined) return;
  try {
    storage.setItem(storageKey, JSON.stringify(preferences));
  } catch {
    // Private mode or a full quota: the preferences still apply for this tab.
  }
}

export const preferencesSlice = createSlice({
  name: "preferences",
  initialState: defaultPreferences,
  reducers: {
    ledgerChosen(state, action: PayloadAction<string>) {
      if (ledgerNameProblem(action.payload) === undefined) state.ledger = action.payload.trim();
    },
    themeChosen(state, action: PayloadAction<Theme>) {
      state.theme = action.payload;
    },
    refreshIntervalChosen(state, action: PayloadAction<number>) {
      if ((refreshIntervalChoicesMs as readonly number[]).includes(action.payload)) state.refreshIntervalMs = action.payload;
    },
  },
});

export const { ledgerChosen, themeChosen, refreshIntervalChosen } = preferencesSlice.actions;

type WithPreferences = { preferences: PreferencesState };

export const selectPreferences = (state: WithPreferences) => state.preferences;
export const selectLedger = (state: WithPreferences) => state.preferences.ledger;

export function usePreferences(): PreferencesState {
  return useSelector(selectPreferences);
}

export function useLedger(): string {
  return useSelector(selectLedger);
}

/** The interval for live pages, or false (TanStack's "off"). */
export function useRefreshInterval(): number | false {
  const ms = useSelector((state: WithPreferences) => state.preferences.refreshIntervalMs);
  return ms > 0 ? ms : false;
}
