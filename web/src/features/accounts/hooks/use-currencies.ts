import type { Currency } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { currenciesQueryOptions } from "../api/currencies.ts";

export interface Currencies {
  list: Currency[];
  /** The scale of a currency code, or undefined while unknown. */
  scaleOf: (code: string) => number | undefined;
  isPending: boolean;
  error: unknown;
}

export function useCurrencies(): Currencies {
  const client = useAdminClient();
  const query = useQuery(currenciesQueryOptions(client));
  const list = useMemo(() => query.data?.currencies ?? [], [query.data]);
  return useMemo(() => {
    const scales = new Map(list.map((c) => [c.code, c.scale]));
    return { list, scaleOf: (code: string) => scales.get(code), isPending: query.isPending, error: query.error };
  }, [list, query.isPending, query.error]);
}
