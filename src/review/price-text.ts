// How cost rules quote a list price: from the shipped snapshot, with its region (or fallback) and date.
import { quotePrice, shippedPrices } from '../catalog/prices.js';

/** `$0.048/hour in eu-west-1 (list price, snapshot 2026-12-02)`, or undefined when the snapshot has no price. */
export function listPrice(
  key: string,
  region: string | undefined,
): { usd: number; text: string } | undefined {
  const snapshot = shippedPrices();
  const q = quotePrice(snapshot, key, region ?? 'us-east-1');
  if (!q) return undefined;
  const where =
    q.pricedAs === 'global'
      ? ''
      : q.pricedAs === q.region
        ? ` in ${q.region}`
        : ` (${q.region} priced as ${q.pricedAs})`;
  return { usd: q.usd, text: `$${q.usd}/${q.unit}${where} (list price, snapshot ${snapshot.date})` };
}

export const perMonth = (usd: number) =>
  `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} a month`;
