import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import { InvoiceStatus, PlanStatus } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";

export type BillingTab = "plans" | "assignments" | "accruals" | "invoices";

export interface BillingUiState {
  tab: BillingTab;
  planStatus: PlanStatus;
  assignmentsPlanId: string;
  accrualsAccountId: string;
  accrualsAccountLabel: string;
  accrualsInvoiceId: string;
  invoiceStatus: InvoiceStatus;
  invoicesAccountId: string;
  invoicesAccountLabel: string;
}

const initialState: BillingUiState = {
  tab: "plans",
  planStatus: PlanStatus.UNSPECIFIED,
  assignmentsPlanId: "",
  accrualsAccountId: "",
  accrualsAccountLabel: "",
  accrualsInvoiceId: "",
  invoiceStatus: InvoiceStatus.UNSPECIFIED,
  invoicesAccountId: "",
  invoicesAccountLabel: "",
};

export const billingUiSlice = createSlice({
  name: "billingUi",
  initialState,
  reducers: {
    billingTabChosen(state, action: PayloadAction<BillingTab>) {
      state.tab = action.payload;
    },
    planStatusFilterChosen(state, action: PayloadAction<PlanStatus>) {
      state.planStatus = action.payload;
    },
    assignmentsPlanChosen(state, action: PayloadAction<string>) {
      state.assignmentsPlanId = action.payload;
    },
    accrualsFilterApplied(state, action: PayloadAction<{ accountId: string; accountLabel: string; invoiceId: string }>) {
      state.accrualsAccountId = action.payload.accountId;
      state.accrualsAccountLabel = action.payload.accountLabel;
      state.accrualsInvoiceId = action.payload.invoiceId.trim();
    },
    invoiceAccrualsShown(state, action: PayloadAction<string>) {
      state.tab = "accruals";
      state.accrualsAccountId = "";
      state.accrualsAccountLabel = "";
      state.accrualsInvoiceId = action.payload;
    },
    invoicesFilterApplied(state, action: PayloadAction<{ status: InvoiceStatus; accountId: string; accountLabel: string }>) {
      state.invoiceStatus = action.payload.status;
      state.invoicesAccountId = action.payload.accountId;
      state.invoicesAccountLabel = action.payload.accountLabel;
    },
  },
});

export const { billingTabChosen, planStatusFilterChosen, assignmentsPlanChosen, accrualsFilterApplied, invoiceAccrualsShown, invoicesFilterApplied } = billingUiSlice.actions;

export const selectBillingUi = (state: { billingUi: BillingUiState }) => state.billingUi;
