import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SelectField } from "../../../components/fields.tsx";
import { LineChart } from "../../../components/line-chart.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { toDate } from "../../../lib/dates.ts";
import { formatMinor, toMinor } from "../../../lib/money.ts";
import { balanceHistoryQueryOptions, type HistoryRange } from "../api/accounts.ts";

const rangeOptions: Array<{ value: HistoryRange; label: string }> = [
  { value: "all", label: "Since the account opened" },
  { value: "30d", label: "Last 30 days" },
  { value: "7d", label: "Last 7 days" },
  { value: "24h", label: "Last 24 hours" },
];

function isRange(value: string): value is HistoryRange {
  return rangeOptions.some((o) => o.value === value);
}

export function BalanceHistory({ ledger, accountId }: { ledger: string; accountId: string }) {
  const client = useAdminClient();
  const [range, setRange] = useState<HistoryRange>("all");
  const history = useQuery(balanceHistoryQueryOptions(client, ledger, accountId, range));
  return (
    <>
      <SelectField label="Period" value={range} options={rangeOptions} onChange={(e) => isRange(e.target.value) && setRange(e.target.value)} fieldClassName="field-narrow" />
      <QueryView query={history} what="balance history" isEmpty={(h) => h.points.length === 0} empty="No balance history for this period.">
        {(h) => {
          const points = h.points.flatMap((p) => {
            const at = toDate(p.at);
            return at === undefined ? [] : [{ at, posted: toMinor(p.posted), available: toMinor(p.available) }];
          });
          return (
            <LineChart
              title={`Posted and available balance (${h.currency})`}
              testId="balance-history-chart"
              series={[
                { label: "Posted", color: "var(--chart-1)", points: points.map((p) => ({ at: p.at, value: p.posted })) },
                { label: "Available", color: "var(--chart-2)", dashed: true, points: points.map((p) => ({ at: p.at, value: p.available })) },
              ]}
              formatValue={(v) => formatMinor(v, h.scale)}
            />
          );
        }}
      </QueryView>
    </>
  );
}
