// Which accounts and regions one run scans, and scanning them: the caller's account, a list of roles, or every
// account of an Organization; all of them or one deterministic shard of the account × region pairs.
import pLimit from 'p-limit';
import { ExternalError } from '../../src/model/errors.js';
import { byKey } from '../../src/model/io.js';
import type { Progress } from '../../src/model/plugin.js';
import type { Diagnostic, PartialGraph } from '../../src/model/schema.js';
import { type AccountScan, buildGraph } from './build-graph.js';
import { type Discovered, scanRegion } from './discover.js';
import { classify, failureDiagnostic, isAbort } from './failures.js';
import type { AwsOptions } from './options.js';
import { listOrgAccounts } from './organization.js';
import { aggregatorRegion, type ExplorerHit, searchRegions } from './resource-explorer.js';
import {
  assumeRole,
  baseCredentials,
  type Credentials,
  callerIdentity,
  identityRegion,
  regionClients,
} from './session.js';

/** What one account × region pair found. Shard files carry these, so a merge can correlate exactly as one run. */
export interface PairScan {
  account: string;
  partition: string;
  roleArn?: string;
  region: string;
  resources: Discovered[];
}

/** An account of the run and what became of it. */
export interface AccountOutcome {
  id: string;
  name?: string;
  /** `scanned`, or `denied` when its role could not be assumed (`reason` says why). */
  status: 'scanned' | 'denied';
  reason?: string;
}

export interface AccountsScan {
  pairs: PairScan[];
  accounts: AccountOutcome[];
  diagnostics: Diagnostic[];
  /** Every account × region pair of the whole run, and the ones this shard took. */
  totalPairs: number;
  shardPairs: number;
}

/** Region scans in flight at once: every region of a few accounts, so an organisation does not open 10,000 at once. */
const PAIRS_IN_FLIGHT = 68;

/**
 * Shard `index` of `count` (1-based) takes a contiguous block of the sorted pairs, so an account's regions stay
 * mostly in one shard (one AssumeRole each) and every shard gets the same number of pairs, ±1.
 * @example
 * shardSlice(10, { index: 2, count: 3 }) // { start: 3, end: 6 }
 */
export function shardSlice(
  total: number,
  shard: { index: number; count: number },
): { start: number; end: number } {
  return {
    start: Math.floor(((shard.index - 1) * total) / shard.count),
    end: Math.floor((shard.index * total) / shard.count),
  };
}

interface Target {
  account?: string;
  name?: string;
  roleArn?: string;
  credentials: Credentials;
}

function interrupted(): ExternalError {
  return new ExternalError('the AWS scan was interrupted; nothing was written', {
    hint: 'run the scan again to completion',
  });
}

async function targetsOf(options: AwsOptions, stsRegion: string, base: Credentials, signal?: AbortSignal) {
  if (!options.org) {
    const arns = options.roleArns.length > 0 ? options.roleArns : [undefined];
    return arns.map(
      (roleArn): Target =>
        roleArn
          ? { roleArn, credentials: assumeRole(options, stsRegion, base, roleArn) }
          : { credentials: base },
    );
  }
  const self = await callerIdentity(options, stsRegion, base, signal).catch((error: unknown) => {
    if (isAbort(error, signal)) throw interrupted();
    throw credentialsRefused(error);
  });
  const accounts = await listOrgAccounts(options, base, signal);
  return accounts.map((a): Target => {
    if (a.id === self.account)
      return { account: a.id, ...(a.name ? { name: a.name } : {}), credentials: base };
    const roleArn = `arn:${self.partition}:iam::${a.id}:role/${options.roleName}`;
    return {
      account: a.id,
      ...(a.name ? { name: a.name } : {}),
      roleArn,
      credentials: assumeRole(options, stsRegion, base, roleArn),
    };
  });
}

function credentialsRefused(error: unknown): ExternalError {
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
  const status = e.$metadata?.httpStatusCode ?? 0;
  // A failing or throttling STS says nothing about the credentials: saying they were refused sends the user
  // to fix the wrong thing.
  if (
    status >= 500 ||
    e.$fault === 'server' ||
    classify(error) === 'throttled' ||
    classify(error) === 'timeout'
  )
    return new ExternalError(
      `AWS STS could not check the credentials: ${e.name}: ${e.message}`,
      { hint: 'STS failed or throttled, not the credentials; try again in a moment' },
      { cause: error },
    );
  return new ExternalError(
    `AWS credentials were not accepted: ${e.name}: ${e.message}`,
    { hint: 'set AWS_PROFILE or pass --profile, or log in with `aws sso login`' },
    { cause: error },
  );
}

/** The account a target names, before its credentials are tried: from the org listing or the role ARN. */
const declaredAccount = (t: Target, i: number) => t.account ?? t.roleArn?.split(':')[4] ?? `#${i}`;

export async function scanAccounts(
  options: AwsOptions,
  regions: string[],
  listTypes: string[],
  progress: Progress,
  signal?: AbortSignal,
): Promise<AccountsScan> {
  const stsRegion = identityRegion(regions);
  const base = baseCredentials(options);
  const diagnostics: Diagnostic[] = [];
  const targets = await targetsOf(options, stsRegion, base, signal);

  // The pairs of the whole run, in a fixed order; a shard takes its block before any credentials are tried.
  const all = targets.flatMap((_t, i) => regions.map((region) => ({ target: i, region })));
  const slice = options.shard ? shardSlice(all.length, options.shard) : { start: 0, end: all.length };
  const mine = all.slice(slice.start, slice.end);
  const mineByTarget = new Map<number, string[]>();
  for (const p of mine) mineByTarget.set(p.target, [...(mineByTarget.get(p.target) ?? []), p.region]);

  const accounts: AccountOutcome[] = [];
  const sessions: { target: Target; account: string; partition: string; regions: string[] }[] = [];
  for (const [i, own] of mineByTarget) {
    const target = targets[i]!;
    try {
      const id = await callerIdentity(options, stsRegion, target.credentials, signal);
      sessions.push({ target, account: id.account, partition: id.partition, regions: own });
      accounts.push({ id: id.account, ...(target.name ? { name: target.name } : {}), status: 'scanned' });
    } catch (error) {
      if (isAbort(error, signal)) throw interrupted();
      if (!target.roleArn) throw credentialsRefused(error);
      const d = failureDiagnostic(stsRegion, `sts:AssumeRole ${target.roleArn}`, error);
      diagnostics.push({ ...d, severity: 'error', code: 'aws-assume-role-failed' });
      accounts.push({
        id: declaredAccount(target, i),
        ...(target.name ? { name: target.name } : {}),
        status: 'denied',
        reason: d.message.replace(/^[^:]+: /, ''),
      });
    }
  }
  if (sessions.length === 0 && mine.length > 0) {
    throw new ExternalError(
      options.org
        ? "no account could be scanned: every member account's role was refused"
        : 'no account could be scanned: every --role-arn was refused',
      {
        hint: options.org
          ? `check that the role ${options.roleName} exists in the member accounts and trusts this identity (see \`archmap aws policy --org\`)`
          : "check each role's trust policy allows your identity to assume it",
      },
    );
  }

  const multiAccount = targets.length > 1;
  const limit = pLimit(PAIRS_IN_FLIGHT);
  const pairs: PairScan[] = [];
  try {
    await Promise.all(
      sessions.map(async (s) => {
        const seeds = await explorerSeeds(options, s, stsRegion, signal, diagnostics, progress);
        await Promise.all(
          s.regions.map((region) =>
            limit(async () => {
              const clients = regionClients(options, region, s.target.credentials);
              try {
                const seed = seeds?.get(region);
                const r = await scanRegion({
                  account: s.account,
                  partition: s.partition,
                  region,
                  clients,
                  concurrency: options.concurrency,
                  maxPages: options.maxPages,
                  listTypes,
                  details: options.details,
                  progress,
                  task: multiAccount ? `${s.account} ${region}` : region,
                  ...(signal ? { signal } : {}),
                  ...(seed ? { seed } : {}),
                });
                diagnostics.push(...r.diagnostics);
                pairs.push({
                  account: s.account,
                  partition: s.partition,
                  ...(s.target.roleArn ? { roleArn: s.target.roleArn } : {}),
                  region,
                  resources: r.resources,
                });
              } finally {
                clients.destroy();
              }
            }),
          ),
        );
      }),
    );
  } catch (error) {
    if (isAbort(error, signal)) throw interrupted();
    throw error;
  }
  return {
    pairs: sortPairs(pairs),
    accounts: accounts.sort(byKey((a) => a.id)),
    diagnostics,
    totalPairs: all.length,
    shardPairs: mine.length,
  };
}

/** With `--discovery resource-explorer`: each region's resources from the account's aggregator index, if any. */
async function explorerSeeds(
  options: AwsOptions,
  s: { target: Target; account: string; regions: string[] },
  stsRegion: string,
  signal: AbortSignal | undefined,
  diagnostics: Diagnostic[],
  progress: Progress,
): Promise<Map<string, ExplorerHit[]> | undefined> {
  if (options.discovery !== 'resource-explorer') return undefined;
  const indexRegion = await aggregatorRegion(options, stsRegion, s.target.credentials, signal);
  if (!indexRegion) {
    diagnostics.push({
      severity: 'info',
      code: 'aws-explorer-no-aggregator',
      analyzer: 'aws',
      message: `account ${s.account}: no Resource Explorer aggregator index; found its resources with the Tagging API and Cloud Control instead`,
    });
    return undefined;
  }
  const task = `${s.account} resource-explorer`;
  progress.start(task, 0);
  const { hits, diagnostics: found } = await searchRegions(
    options,
    indexRegion,
    s.regions,
    s.target.credentials,
    () => progress.tick(task, 1),
    signal,
  );
  progress.done(task);
  diagnostics.push(...found);
  return hits;
}

function sortPairs(pairs: PairScan[]): PairScan[] {
  return pairs.sort(byKey((p) => `${p.account}|${p.region}`));
}

/**
 * Pairs → one scan per account, as a single run builds them: regions in sorted order, and a global resource
 * returned by several regions kept from the first. Works on the pairs of one run or of many shards alike.
 */
export function combinePairs(pairs: PairScan[]): AccountScan[] {
  const byAccount = new Map<string, { scan: AccountScan; byArn: Map<string, Discovered> }>();
  for (const p of sortPairs([...pairs])) {
    let entry = byAccount.get(p.account);
    if (!entry) {
      entry = {
        scan: {
          account: p.account,
          partition: p.partition,
          ...(p.roleArn ? { roleArn: p.roleArn } : {}),
          resources: [],
        },
        byArn: new Map(),
      };
      byAccount.set(p.account, entry);
    }
    for (const d of p.resources) if (!entry.byArn.has(d.arn)) entry.byArn.set(d.arn, d);
  }
  return [...byAccount.values()].map(({ scan, byArn }) => ({
    ...scan,
    resources: [...byArn.values()].sort(byKey((d) => d.arn)),
  }));
}

/** The graph of any set of account × region pairs: one run's, or the union of many shards'. */
export function graphOfPairs(pairs: PairScan[], diagnostics: Diagnostic[] = []): PartialGraph {
  const built = buildGraph(combinePairs(pairs));
  return {
    analyzer: 'aws',
    nodes: built.nodes,
    edges: built.edges,
    diagnostics: [...diagnostics, ...built.diagnostics],
  };
}
