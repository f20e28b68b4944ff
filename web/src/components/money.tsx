import { formatMinor, isNegative, tryMinor } from "../lib/money.ts";

export interface MoneyProps {
  /** Minor units, as the wire carries them. */
  amount: string | bigint;
  /** The currency's scale; without it the amount is shown in minor units, marked as such. */
  scale: number | undefined;
  currency?: string;
  signed?: boolean;
  testId?: string;
}

/** An amount in a currency's units; negative amounts get a minus sign and their own color. */
export function Money({ amount, scale, currency, signed, testId }: MoneyProps) {
  const minor = tryMinor(amount);
  if (minor === undefined) {
    return (
      <span className="money money-invalid" data-testid={testId} title="Not an integer amount">
        {String(amount)}
      </span>
    );
  }
  const negative = isNegative(minor);
  const className = `money${negative ? " money-negative" : ""}`;
  if (scale === undefined) {
    return (
      <span className={className} data-testid={testId} data-minor={minor.toString()} title="Minor units (currency scale unknown)">
        {formatMinor(minor, 0, { currency: currency === undefined ? undefined : `${currency} minor` })}
      </span>
    );
  }
  return (
    <span className={className} data-testid={testId} data-minor={minor.toString()} data-scale={scale}>
      {formatMinor(minor, scale, { currency, signed })}
    </span>
  );
}
