// The `cost` section of archmap.config.json: usage the graph cannot tell (storage held, bytes per request),
// per node, as a number or a [low, high] range.
import { z } from 'zod';
import { type PriceSnapshot, PriceSnapshotSchema } from '../catalog/prices.js';
import { UsageError } from '../model/errors.js';
import { formatZodIssues } from '../model/io.js';
import { lineOfKey } from '../model/lines.js';

/** A figure or a range: `50` or `[10, 200]`. */
export const UsageFigureSchema = z.union([
  z.number().nonnegative(),
  z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
]);
export type UsageFigure = z.infer<typeof UsageFigureSchema>;

/** The usage keys a node may override, with what they mean. */
export const USAGE_KEYS = {
  storageGb: 'data held (GB): S3 objects, DynamoDB items, Aurora volume, ECR images',
  payloadKb:
    'mean bytes per request or message (KB), for data transfer, NAT and load balancer capacity units',
  natGb: 'GB per month through a NAT gateway',
  logsGb: 'GB of logs ingested per month',
  queriesMillions: 'DNS queries per month (millions) answered by a hosted zone',
  ioPerStatement: 'Aurora I/O requests per SQL statement',
} as const;
export type UsageKey = keyof typeof USAGE_KEYS;

export const CostConfigSchema = z
  .object({
    /** Hours in the billing month; AWS pricing pages use 730. */
    hoursPerMonth: z.number().positive().default(730),
    /** Defaults for every node, per usage key. */
    defaults: z.record(z.string(), UsageFigureSchema).default({}),
    /** Per-node usage: node id → usage key → figure. */
    usage: z.record(z.string(), z.record(z.string(), UsageFigureSchema)).default({}),
    /** A price snapshot written by `archmap pricing update`, used instead of the shipped one. */
    prices: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const check = (figures: Record<string, unknown>, path: (string | number)[]) => {
      for (const key of Object.keys(figures))
        if (!(key in USAGE_KEYS))
          ctx.addIssue({
            code: 'custom',
            path: [...path, key],
            message: `unknown usage key (one of ${Object.keys(USAGE_KEYS).join(', ')})`,
          });
    };
    check(c.defaults, ['defaults']);
    for (const [id, figures] of Object.entries(c.usage)) check(figures, ['usage', id]);
  });
export type CostConfig = z.infer<typeof CostConfigSchema>;
export type CostConfigInput = z.input<typeof CostConfigSchema>;

/**
 * The `cost` section of a parsed archmap.config.json, validated. Errors name the file, the line of the bad key
 * when it can be found, and the path.
 * @example
 * parseCostConfig({ usage: { 'aws_s3_bucket.assets': { storageGb: [50, 200] } } }, text, 'archmap.config.json')
 */
export function parseCostConfig(section: unknown, text: string, file: string): CostConfig {
  const parsed = CostConfigSchema.safeParse(section ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const line = lineOfKey(text, issue.path);
  throw new UsageError(`${file}: ${formatZodIssues(parsed.error, 'cost')[0]}`, {
    file,
    ...(line ? { line } : {}),
    hint: `cost keys: hoursPerMonth, defaults, usage, prices; usage keys: ${Object.keys(USAGE_KEYS).join(', ')}`,
  });
}

/**
 * A price snapshot file (from `archmap pricing update`), validated.
 * @example
 * const prices = parsePriceSnapshot(await readFile('prices.json', 'utf8'), 'prices.json');
 */
export function parsePriceSnapshot(text: string, file: string): PriceSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, {
      file,
      hint: 'write it again with `archmap pricing update`',
    });
  }
  const parsed = PriceSnapshotSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`${file}: ${formatZodIssues(parsed.error)[0]}`, {
      file,
      hint: 'not a price snapshot; write one with `archmap pricing update`',
    });
  return parsed.data;
}
