import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import { DeadLetterStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";

export interface DlqFilters {
  /** UNSPECIFIED means every status. */
  status: DeadLetterStatus;
  eventType: string;
  topic: string;
}

export const initialDlqFilters: DlqFilters = { status: DeadLetterStatus.PENDING, eventType: "", topic: "" };

export const dlqFiltersSlice = createSlice({
  name: "dlqFilters",
  initialState: initialDlqFilters,
  reducers: {
    dlqFiltersApplied: (_state, action: PayloadAction<DlqFilters>) => ({
      status: action.payload.status,
      eventType: action.payload.eventType.trim(),
      topic: action.payload.topic.trim(),
    }),
    dlqFiltersCleared: () => ({ ...initialDlqFilters, status: DeadLetterStatus.UNSPECIFIED }),
  },
});

export const { dlqFiltersApplied, dlqFiltersCleared } = dlqFiltersSlice.actions;

export const selectDlqFilters = (state: { dlqFilters: DlqFilters }) => state.dlqFilters;
