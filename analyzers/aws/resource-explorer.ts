// Discovery through a Resource Explorer aggregator index: one Search chain per region instead of a Tagging chain
// plus a ListResources chain per type. Search stops counting at 1,000 results per query, so each region is its
// own query, split by service when it is still over the cap.
// https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_Search.html
// https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListIndexes.html
import {
  ListIndexesCommand,
  type Resource,
  ResourceExplorer2Client,
  SearchCommand,
} from '@aws-sdk/client-resource-explorer-2';
import type { Diagnostic } from '../../src/model/schema.js';
import { classify, failureDiagnostic, isAbort, ScanAborted } from './failures.js';
import type { AwsOptions } from './options.js';
import { PageBound } from './pagination.js';
import { type Credentials, clientConfig } from './session.js';

/** A resource as Resource Explorer reports it: enough to look its type up and read it with Cloud Control. */
export interface ExplorerHit {
  arn: string;
  region: string;
  tags: Record<string, string>;
}

/** The most results one Search query can return (Count.Complete is false beyond it). */
export const SEARCH_CAP = 1_000;
/** Services split out when a region holds more than SEARCH_CAP resources: the ones the catalog draws. */
const SPLIT_SERVICES = [
  'apigateway',
  'cloudfront',
  'dynamodb',
  'ec2',
  'ecs',
  'elasticache',
  'elasticloadbalancing',
  'events',
  'iam',
  'kinesis',
  'lambda',
  'logs',
  'rds',
  's3',
  'secretsmanager',
  'sns',
  'sqs',
  'states',
];
/** Pages per query: 1,000 results at the smallest page size. */
const EXPLORER_MAX_PAGES = 1_000;

/** The region of the account's aggregator index, or undefined when the account has none. */
export async function aggregatorRegion(
  options: AwsOptions,
  region: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const client = new ResourceExplorer2Client(clientConfig(options, region, credentials));
  try {
    const out = await client.send(new ListIndexesCommand({ Type: 'AGGREGATOR' }), { abortSignal: signal });
    return out.Indexes?.find((i) => i.Type === 'AGGREGATOR' && i.Region)?.Region;
  } catch (error) {
    if (isAbort(error, signal)) throw new ScanAborted('scan aborted');
    // No index, no permission, or Resource Explorer not offered here: the caller falls back to the default path.
    return undefined;
  } finally {
    client.destroy();
  }
}

function tagsOf(r: Resource): Record<string, string> {
  const prop = r.Properties?.find((p) => p.Name === 'tags');
  const data = prop?.Data as unknown;
  if (!Array.isArray(data)) return {};
  const tags: Record<string, string> = {};
  for (const t of data) {
    const { Key, Value } = (t ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key === 'string') tags[Key] = typeof Value === 'string' ? Value : '';
  }
  return tags;
}

/**
 * Every resource of the given regions, from the aggregator index in `indexRegion`. A region that fails, or is
 * still over the cap after the split, is left out of `hits`, so the caller finds it the default way: never a
 * silent loss.
 */
export async function searchRegions(
  options: AwsOptions,
  indexRegion: string,
  regions: string[],
  credentials: Credentials,
  onCall: () => void,
  signal?: AbortSignal,
): Promise<{ hits: Map<string, ExplorerHit[]>; diagnostics: Diagnostic[] }> {
  const client = new ResourceExplorer2Client(clientConfig(options, indexRegion, credentials));
  const diagnostics: Diagnostic[] = [];
  const hits = new Map<string, ExplorerHit[]>();
  const run = async (query: string): Promise<{ items: ExplorerHit[]; complete: boolean }> => {
    const items: ExplorerHit[] = [];
    let token: string | undefined;
    let complete = true;
    const bound = new PageBound(Math.min(options.maxPages, EXPLORER_MAX_PAGES));
    do {
      const out = await client.send(
        new SearchCommand({ QueryString: query, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: signal },
      );
      onCall();
      if (out.Count?.Complete === false) complete = false;
      for (const r of out.Resources ?? []) {
        if (r.Arn) items.push({ arn: r.Arn, region: r.Region ?? '', tags: tagsOf(r) });
      }
      token = out.NextToken || undefined;
    } while (token && !bound.next(token));
    const stopped = bound.warning(indexRegion, `resource-explorer-2:Search ${query}`, items.length);
    if (stopped) diagnostics.push(stopped);
    return { items, complete };
  };
  try {
    await Promise.all(
      regions.map(async (region) => {
        try {
          const whole = await run(`region:${region}`);
          if (whole.complete) {
            hits.set(region, whole.items);
            return;
          }
          const parts = await Promise.all(SPLIT_SERVICES.map((s) => run(`region:${region} service:${s}`)));
          const rest = await run(`region:${region} ${SPLIT_SERVICES.map((s) => `-service:${s}`).join(' ')}`);
          const byArn = new Map<string, ExplorerHit>();
          for (const p of [...parts, rest]) for (const h of p.items) byArn.set(h.arn, h);
          const over = [...parts, rest].filter((p) => !p.complete).length;
          // Still over the cap: the index cannot enumerate this region, so it is left to the default path.
          if (over === 0) hits.set(region, [...byArn.values()]);
          else
            diagnostics.push({
              severity: 'info',
              code: 'aws-explorer-fallback',
              analyzer: 'aws',
              message: `${region}: a Resource Explorer query matched more than ${SEARCH_CAP} resources of one service; found this region's resources with the Tagging API and Cloud Control instead`,
            });
        } catch (error) {
          if (isAbort(error, signal)) throw new ScanAborted('scan aborted');
          if (classify(error) === 'region-not-enabled') return;
          diagnostics.push(
            failureDiagnostic(indexRegion, `resource-explorer-2:Search region:${region}`, error),
          );
        }
      }),
    );
  } finally {
    client.destroy();
  }
  return { hits, diagnostics };
}
