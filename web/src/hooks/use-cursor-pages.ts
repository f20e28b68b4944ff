import { useState } from "react";

/** Pages of a cursor-paginated list: the tokens seen so far, so "Previous" works without offsets. */
export interface CursorPages {
  pageToken: string;
  pageNumber: number;
  hasPrevious: boolean;
  next: (nextPageToken: string) => void;
  previous: () => void;
  first: () => void;
}

/** Back to the first page whenever `resetKey` (the serialized filters) changes. */
export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; tokens: string[] }>({ key: resetKey, tokens: [""] });
  let tokens = state.tokens;
  if (state.key !== resetKey) {
    tokens = [""];
    setState({ key: resetKey, tokens });
  }
  return {
    pageToken: tokens[tokens.length - 1] ?? "",
    pageNumber: tokens.length,
    hasPrevious: tokens.length > 1,
    next: (token) => {
      if (token !== "") setState((s) => ({ key: s.key, tokens: [...s.tokens, token] }));
    },
    previous: () => setState((s) => ({ key: s.key, tokens: s.tokens.length > 1 ? s.tokens.slice(0, -1) : s.tokens })),
    first: () => setState((s) => ({ key: s.key, tokens: [""] })),
  };
}
