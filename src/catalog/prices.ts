// The price snapshot: AWS list prices per region, dated and sourced, read by the cost model.
// The shipped snapshot is `aws/prices.json`; `archmap pricing update` writes one of the same shape.
import { z } from 'zod';
import shipped from './aws/prices.json' with { type: 'json' };

/** Where a group of prices was read: the public pricing page, the Price List offer code and the day. */
export const PriceSourceSchema = z
  .object({
    url: z.string().min(1),
    /** Price List Bulk API offer code (`AmazonEC2`, `AWSLambda`…), used by `archmap pricing update`. */
    offer: z.string().min(1),
    /** The day the prices were read, YYYY-MM-DD. */
    retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Offer file publication date, when the prices came from the Price List API. */
    published: z.string().optional(),
  })
  .strict();

export const PriceEntrySchema = z
  .object({
    /** What one unit is: `hour`, `GB-month`, `million requests`… */
    unit: z.string().min(1),
    /** Key into `sources`. */
    src: z.string().min(1),
    /** USD per unit, by region code; `global` for services priced at the edge (CloudFront, Route 53). */
    usd: z.record(z.string(), z.number().nonnegative()),
    /** Set when this price is older than its source's `retrieved` (an update could not refresh it). */
    retrieved: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    note: z.string().optional(),
  })
  .strict();

export const PriceSnapshotSchema = z
  .object({
    version: z.literal(1),
    /** The snapshot's date, YYYY-MM-DD: the oldest `retrieved` of its sources and prices. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    currency: z.literal('USD'),
    /** What kind of price this is (list prices, on demand…), shown with every cost report. */
    basis: z.string(),
    regions: z.array(z.string()).min(1),
    sources: z.record(z.string(), PriceSourceSchema),
    prices: z.record(z.string(), PriceEntrySchema),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const [key, entry] of Object.entries(s.prices)) {
      if (!s.sources[entry.src])
        ctx.addIssue({
          code: 'custom',
          path: ['prices', key, 'src'],
          message: `unknown source ${entry.src}`,
        });
    }
  });

export type PriceSource = z.infer<typeof PriceSourceSchema>;
export type PriceEntry = z.infer<typeof PriceEntrySchema>;
export type PriceSnapshot = z.infer<typeof PriceSnapshotSchema>;

/** The region every other one falls back to when the snapshot has no price there. */
export const FALLBACK_REGION = 'us-east-1';

let parsed: PriceSnapshot | undefined;

/**
 * The snapshot shipped with archmap.
 * @example
 * shippedPrices().date // '2026-12-02'
 */
export function shippedPrices(): PriceSnapshot {
  parsed ??= PriceSnapshotSchema.parse(shipped);
  return parsed;
}

/** One price as the cost model uses it, with where it came from. */
export interface PriceQuote {
  key: string;
  usd: number;
  unit: string;
  /** The region asked for. */
  region: string;
  /** The region whose price was used: differs from `region` when the snapshot has no price there. */
  pricedAs: string;
  source: string;
  retrieved: string;
}

/**
 * Looks a price up for a region: the region's own price, else the global one, else us-east-1's (an honest
 * fallback: the quote says `pricedAs: 'us-east-1'`).
 * @example
 * quotePrice(shippedPrices(), 'nat.hour', 'eu-west-1')?.usd // 0.048
 */
export function quotePrice(snapshot: PriceSnapshot, key: string, region: string): PriceQuote | undefined {
  const entry = snapshot.prices[key];
  if (!entry) return undefined;
  const pricedAs =
    entry.usd[region] !== undefined
      ? region
      : entry.usd.global !== undefined
        ? 'global'
        : entry.usd[FALLBACK_REGION] !== undefined
          ? FALLBACK_REGION
          : undefined;
  if (!pricedAs) return undefined;
  const source = snapshot.sources[entry.src]!;
  return {
    key,
    usd: entry.usd[pricedAs]!,
    unit: entry.unit,
    region,
    pricedAs,
    source: source.url,
    retrieved: entry.retrieved ?? source.retrieved,
  };
}
