import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  result: string;
}

export const initialAuditFilters: AuditFilters = { actor: "", action: "", target: "", result: "" };

export const auditFiltersSlice = createSlice({
  name: "auditFilters",
  initialState: initialAuditFilters,
  reducers: {
    auditFiltersApplied: (_state, action: PayloadAction<AuditFilters>) => ({
      actor: action.payload.actor.trim(),
      action: action.payload.action.trim(),
      target: action.payload.target.trim(),
      result: action.payload.result.trim(),
    }),
    auditFiltersCleared: () => initialAuditFilters,
  },
});

export const { auditFiltersApplied, auditFiltersCleared } = auditFiltersSlice.actions;

export const selectAuditFilters = (state: { auditFilters: AuditFilters }) => state.auditFilters;
