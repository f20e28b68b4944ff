import { combineReducers, configureStore } from "@reduxjs/toolkit";
import { accountsFiltersSlice } from "../features/accounts/index.ts";
import { auditFiltersSlice } from "../features/audit/index.ts";
import { billingUiSlice } from "../features/billing/index.ts";
import { dlqFiltersSlice } from "../features/dlq/index.ts";
import { transactionsFiltersSlice } from "../features/transactions/index.ts";
import { loadPreferences, preferencesSlice, savePreferences, type PreferencesState } from "../stores/preferences.ts";
import { toastsSlice } from "../stores/toasts.ts";

// Client state only: what the person chose (filters, tabs, preferences) and transient UI
// (toasts). Anything the server knows lives in the query cache.
const rootReducer = combineReducers({
  [preferencesSlice.name]: preferencesSlice.reducer,
  [toastsSlice.name]: toastsSlice.reducer,
  [dlqFiltersSlice.name]: dlqFiltersSlice.reducer,
  [accountsFiltersSlice.name]: accountsFiltersSlice.reducer,
  [transactionsFiltersSlice.name]: transactionsFiltersSlice.reducer,
  [auditFiltersSlice.name]: auditFiltersSlice.reducer,
  [billingUiSlice.name]: billingUiSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export interface StoreOptions {
  /** Where preferences persist; localStorage in the browser, none in tests unless given. */
  storage?: Pick<Storage, "getItem" | "setItem">;
  preferences?: Partial<PreferencesState>;
}

export function createAppStore(options: StoreOptions = {}) {
  const preferences = { ...loadPreferences(options.storage), ...options.preferences };
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { preferences },
  });
  let saved = store.getState().preferences;
  store.subscribe(() => {
    const current = store.getState().preferences;
    if (current !== saved) {
      saved = current;
      savePreferences(options.storage, current);
    }
  });
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore["dispatch"];
