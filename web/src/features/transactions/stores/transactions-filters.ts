import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import { TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";

/** The transaction search as the person wrote it (strings as typed; checked when building the request). */
export interface TransactionsFilters {
  /** The account's id (what the API filters by) and how to show it. */
  accountId: string;
  accountLabel: string;
  /** datetime-local values, local time. */
  createdAfter: string;
  createdBefore: string;
  status: TransactionStatus;
  type: TransactionType;
  /** Amounts in `amountCurrency`'s units, or in minor units when it is "". */
  minAmount: string;
  maxAmount: string;
  amountCurrency: string;
  /** "key=value, key=value". */
  metadata: string;
  query: string;
}

export const initialTransactionsFilters: TransactionsFilters = {
  accountId: "",
  accountLabel: "",
  createdAfter: "",
  createdBefore: "",
  status: TransactionStatus.UNSPECIFIED,
  type: TransactionType.UNSPECIFIED,
  minAmount: "",
  maxAmount: "",
  amountCurrency: "",
  metadata: "",
  query: "",
};

export const transactionsFiltersSlice = createSlice({
  name: "transactionsFilters",
  initialState: initialTransactionsFilters,
  reducers: {
    transactionsFiltersApplied: (_state, action: PayloadAction<TransactionsFilters>) => action.payload,
    transactionsFiltersCleared: () => initialTransactionsFilters,
    transactionsAccountChosen: (state, action: PayloadAction<{ accountId: string; accountLabel: string }>) => {
      state.accountId = action.payload.accountId;
      state.accountLabel = action.payload.accountLabel;
    },
  },
});

export const { transactionsFiltersApplied, transactionsFiltersCleared, transactionsAccountChosen } = transactionsFiltersSlice.actions;

export const selectTransactionsFilters = (state: { transactionsFilters: TransactionsFilters }) => state.transactionsFilters;
