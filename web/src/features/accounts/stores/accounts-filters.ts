import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

export interface AccountsFilters {
  /** Part of an account code, case-insensitive. */
  query: string;
  /** A currency code, or "" for all. */
  currency: string;
}

const initialState: AccountsFilters = { query: "", currency: "" };

export const accountsFiltersSlice = createSlice({
  name: "accountsFilters",
  initialState,
  reducers: {
    accountsQueryChanged(state, action: PayloadAction<string>) {
      state.query = action.payload.trim();
    },
    accountsCurrencyChanged(state, action: PayloadAction<string>) {
      state.currency = action.payload;
    },
  },
});

export const { accountsQueryChanged, accountsCurrencyChanged } = accountsFiltersSlice.actions;

export const selectAccountsFilters = (state: { accountsFilters: AccountsFilters }) => state.accountsFilters;
