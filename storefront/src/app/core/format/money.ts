import type { Money } from '@shop/contracts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** Formats integer minor units with the currency's own number of decimals (2 for EUR, 0 for JPY). */
export function formatMoney(money: Money | undefined): string {
  if (!money) return '–';
  try {
    const formatter = formatterFor(money.currency);
    const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
    return formatter.format(money.amountMinor / 10 ** digits);
  } catch {
    // An unknown currency code: still show the amount.
    return `${(money.amountMinor / 100).toFixed(2)} ${money.currency}`;
  }
}
