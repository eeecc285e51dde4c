// Sharded organisation scans: what a shard records beside its graph, and the merge of N shards into the graph
// one process would have built, by correlating the union of their account × region pairs once more.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { UsageError } from '../../src/model/errors.js';
import {
  type Diagnostic,
  DiagnosticSchema,
  type PartialGraph,
  type ShardStamp,
} from '../../src/model/schema.js';
import type { AwsOptions } from './options.js';
import { type AccountOutcome, type AccountsScan, graphOfPairs, type PairScan } from './scan-accounts.js';

const DiscoveredSchema = z
  .object({
    arn: z.string().min(1),
    account: z.string(),
    region: z.string().optional(),
    cfnType: z.string().optional(),
    identifier: z.string().optional(),
    tags: z.record(z.string(), z.string()),
    props: z.record(z.string(), z.unknown()).optional(),
    via: z.array(z.enum(['tagging', 'cloudcontrol'])),
  })
  .strict();

const PairSchema = z
  .object({
    account: z.string().min(1),
    partition: z.string().min(1),
    roleArn: z.string().optional(),
    region: z.string().min(1),
    resources: z.array(DiscoveredSchema),
  })
  .strict();

const AccountOutcomeSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    status: z.enum(['scanned', 'denied']),
    reason: z.string().optional(),
  })
  .strict();

export const AwsShardDataSchema = z
  .object({
    pairs: z.array(PairSchema),
    accounts: z.array(AccountOutcomeSchema),
    totalPairs: z.number().int(),
    /** What went wrong while scanning (the graph's own diagnostics are made again by the merge). */
    diagnostics: z.array(DiagnosticSchema),
  })
  .strict();

export type AwsShardData = z.infer<typeof AwsShardDataSchema>;

/**
 * A fingerprint of everything that decides which pairs exist: the options that choose accounts, regions and
 * types. Shards of one run share it; a shard of another run does not.
 */
export function runFingerprint(options: AwsOptions, regions: string[], listTypes: string[]): string {
  const decisive = {
    org: options.org,
    roleName: options.org ? options.roleName : undefined,
    roleArns: options.roleArns,
    regions,
    listTypes,
    details: options.details,
    discovery: options.discovery,
    endpoint: options.endpoint,
    profile: options.profile,
  };
  return createHash('sha256').update(JSON.stringify(decisive)).digest('hex').slice(0, 16);
}

export function shardStamp(
  scan: AccountsScan,
  shard: { index: number; count: number },
  run: string,
): ShardStamp {
  const data: AwsShardData = {
    pairs: scan.pairs,
    accounts: scan.accounts,
    totalPairs: scan.totalPairs,
    diagnostics: scan.diagnostics,
  };
  return { ...shard, analyzer: 'aws', run, data };
}

export interface ShardInput {
  file: string;
  stamp: ShardStamp;
}

/**
 * Checks that the shards form one whole run (same run, same count, each index once, none missing) and merges
 * them. Throws a UsageError naming the missing or repeated shards.
 * @example
 * const { graph, accounts } = mergeAwsShards(files.map((f) => ({ file: f, stamp: read(f).shard })));
 */
export function mergeAwsShards(shards: ShardInput[]): {
  graph: PartialGraph;
  accounts: AccountOutcome[];
  count: number;
} {
  const first = shards[0];
  if (!first)
    throw new UsageError('no shard files to merge', { hint: 'pass the part-*.json files of one run' });
  const runs = [...new Set(shards.map((s) => `${s.stamp.run}/${s.stamp.count}`))];
  if (runs.length > 1) {
    const example = shards.find((s) => `${s.stamp.run}/${s.stamp.count}` !== runs[0])!;
    throw new UsageError(
      `${example.file}: shard of another run (run ${example.stamp.run}, ${example.stamp.count} shards) than ${first.file} (run ${first.stamp.run}, ${first.stamp.count} shards)`,
      { file: example.file, hint: 'merge the shards of one `archmap scan aws --shard i/N` run only' },
    );
  }
  const count = first.stamp.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const prev = seen.get(s.stamp.index);
    if (prev)
      throw new UsageError(`shard ${s.stamp.index}/${count} is given twice: ${prev} and ${s.file}`, {
        file: s.file,
        hint: 'pass each shard file once',
      });
    seen.set(s.stamp.index, s.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const named = missing.slice(0, 20).map((i) => `${i}/${count}`);
    throw new UsageError(
      `missing ${missing.length} of ${count} shards: ${named.join(', ')}${missing.length > 20 ? ` (+${missing.length - 20} more)` : ''}`,
      { hint: 'run `archmap scan aws --shard i/N` for each missing shard, or pass its file' },
    );
  }
  const pairs: PairScan[] = [];
  const accounts = new Map<string, AccountOutcome>();
  const diagnostics: Diagnostic[] = [];
  const seenDiagnostics = new Set<string>();
  for (const s of shards) {
    const parsed = AwsShardDataSchema.safeParse(s.stamp.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`${s.file}: shard.data.${issue.path.join('.')}: ${issue.message}`, {
        file: s.file,
        hint: 'shard files are written by `archmap scan aws --shard i/N`; scan that shard again',
      });
    }
    pairs.push(...(parsed.data.pairs as PairScan[]));
    for (const d of parsed.data.diagnostics) {
      const key = `${d.code}|${d.message}`;
      if (!seenDiagnostics.has(key)) diagnostics.push(d);
      seenDiagnostics.add(key);
    }
    for (const a of parsed.data.accounts) {
      // An account split across shards may be denied in one and scanned in another (a transient refusal).
      const prev = accounts.get(a.id);
      if (!prev || prev.status === 'denied') accounts.set(a.id, a as AccountOutcome);
    }
  }
  const graph = graphOfPairs(pairs, diagnostics);
  return { graph, accounts: [...accounts.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), count };
}
