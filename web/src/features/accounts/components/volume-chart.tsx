import type { CurrencyVolumes } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SelectField } from "../../../components/fields.tsx";
import { LineChart } from "../../../components/line-chart.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { formatMinor, toMinor } from "../../../lib/money.ts";
import { transactionVolumesQueryOptions, volumeRanges, type VolumeRange } from "../api/volumes.ts";

const rangeOptions = volumeRanges.map((days) => ({ value: String(days), label: `Last ${days} days` }));

/** Noon UTC of a YYYY-MM-DD day: the point sits in the middle of its day in every time zone near UTC. */
const dayAt = (day: string) => new Date(`${day}T12:00:00Z`);

function CurrencyVolumeCharts({ series }: { series: CurrencyVolumes }) {
  const volume = series.days.map((d) => ({ at: dayAt(d.day), value: toMinor(d.volume) }));
  const count = series.days.map((d) => ({ at: dayAt(d.day), value: Number(d.transactions) }));
  const total = series.days.reduce((n, d) => n + d.transactions, 0n);
  return (
    <div className="volume-currency" data-testid={`volumes-${series.currency}`}>
      <p className="muted" data-testid={`volumes-${series.currency}-total`}>
        {series.currency}: {total.toString()} transactions,{" "}
        {formatMinor(
          series.days.reduce((n, d) => n + toMinor(d.volume), 0n),
          series.scale,
        )}{" "}
        {series.currency} posted
      </p>
      <LineChart
        title={`Posted volume per day (${series.currency})`}
        testId={`volume-chart-${series.currency}`}
        includeZero
        series={[{ label: "Volume", color: "var(--chart-1)", points: volume }]}
        formatValue={(v) => formatMinor(v, series.scale)}
      />
      <LineChart
        title={`Transactions per day (${series.currency})`}
        testId={`count-chart-${series.currency}`}
        includeZero
        series={[{ label: "Transactions", color: "var(--chart-2)", dashed: true, points: count }]}
        formatValue={(v) => String(v)}
      />
    </div>
  );
}

/** Transaction volume and count over time, one pair of charts per currency. */
export function TransactionVolumes({ ledger }: { ledger: string }) {
  const client = useAdminClient();
  const [days, setDays] = useState<VolumeRange>(30);
  const volumes = useQuery(transactionVolumesQueryOptions(client, ledger, days));
  return (
    <>
      <SelectField
        label="Period"
        value={String(days)}
        options={rangeOptions}
        onChange={(e) => {
          const next = volumeRanges.find((d) => String(d) === e.target.value);
          if (next !== undefined) setDays(next);
        }}
        fieldClassName="field-narrow"
      />
      <QueryView query={volumes} what="transaction volumes" isEmpty={(r) => r.currencies.length === 0} empty="Nothing posted in this period.">
        {(r) => (
          <>
            {r.currencies.map((c) => (
              <CurrencyVolumeCharts key={c.currency} series={c} />
            ))}
          </>
        )}
      </QueryView>
    </>
  );
}
