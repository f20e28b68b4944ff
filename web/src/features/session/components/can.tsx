import type { ReactNode } from "react";
import { useCan, type AdminMethod } from "../hooks/use-session.ts";

/** Renders its children only for roles allowed to call `method`. */
export function Can({ method, children, otherwise = null }: { method: AdminMethod; children: ReactNode; otherwise?: ReactNode }) {
  return useCan(method) ? children : otherwise;
}
