import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

export type ToastTone = "success" | "error" | "info";

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

export interface ToastsState {
  items: Toast[];
  nextId: number;
}

/** Older toasts drop off beyond this many. */
export const toastsMax = 4;

const initialState: ToastsState = { items: [], nextId: 1 };

export const toastsSlice = createSlice({
  name: "toasts",
  initialState,
  reducers: {
    toastShown: {
      reducer(state, action: PayloadAction<{ tone: ToastTone; message: string }>) {
        state.items.push({ id: state.nextId, ...action.payload });
        state.nextId += 1;
        if (state.items.length > toastsMax) state.items.splice(0, state.items.length - toastsMax);
      },
      prepare(tone: ToastTone, message: string) {
        return { payload: { tone, message } };
      },
    },
    toastDismissed(state, action: PayloadAction<number>) {
      state.items = state.items.filter((t) => t.id !== action.payload);
    },
  },
});

export const { toastShown, toastDismissed } = toastsSlice.actions;

export const selectToasts = (state: { toasts: ToastsState }) => state.toasts.items;
