// Discovery for one account and region: Tagging GetResources and Cloud Control ListResources pages run in
// parallel, and every resource found is read with GetResource as soon as it appears (pipelined). AWS throttles
// per account and region, so the caps are per region: one pool for the Cloud Control list chains, one for
// GetResource, and a lane of its own for the Tagging chain, which is sequential and the longest of a region (the
// critical path never queues behind list pages or detail reads).
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import pLimit from 'p-limit';
import { lookupArn, parseArn } from '../../src/catalog/index.js';
import type { Progress } from '../../src/model/plugin.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { scrubValue } from '../../src/model/secrets.js';
import { classify, failureDiagnostic, isAbort, ScanAborted } from './failures.js';
import { PageBound } from './pagination.js';
import { redact } from './redact.js';
import { GLOBAL_REGION, resourceTypeSpec } from './resource-types.js';
import type { RegionClients } from './session.js';

/** A resource as discovered: its ARN, where it was found, its tags and (after GetResource) its properties. */
export interface Discovered {
  arn: string;
  account: string;
  /** The region it lives in; undefined for global resources (CloudFront, Route 53, IAM). */
  region?: string;
  cfnType?: string;
  identifier?: string;
  tags: Record<string, string>;
  props?: Record<string, unknown>;
  via: ('tagging' | 'cloudcontrol')[];
}

export interface RegionScan {
  resources: Discovered[];
  diagnostics: Diagnostic[];
  /** False when the region is not enabled for the account (opt-in). */
  enabled: boolean;
}

export interface RegionScanInput {
  account: string;
  partition: string;
  region: string;
  clients: RegionClients;
  /** Requests in flight per pool (pagination, details) in this region. */
  concurrency: number;
  listTypes: string[];
  details: boolean;
  progress: Progress;
  task: string;
  signal?: AbortSignal;
  /** Pages per pagination chain (see PageBound). */
  maxPages?: number;
  /**
   * Resources already found by a Resource Explorer search: they are read with Cloud Control as usual, and the
   * Tagging and ListResources chains are skipped.
   */
  seed?: { arn: string; tags: Record<string, string> }[];
}

/** Services whose ARNs carry no region because the resource is global. S3 buckets are regional. */
const GLOBAL_SERVICES = new Set([
  'cloudfront',
  'route53',
  'iam',
  'globalaccelerator',
  'waf',
  'organizations',
]);

export async function scanRegion(input: RegionScanInput): Promise<RegionScan> {
  const { account, partition, region, clients, progress, task, signal } = input;
  const pools = { tagging: pLimit(1), pages: pLimit(input.concurrency), details: pLimit(input.concurrency) };
  const found = new Map<string, Discovered>();
  const diagnostics: Diagnostic[] = [];
  const details = new Map<string, Promise<void>>();
  let enabled = true;
  const ctx = { partition, region, account };

  /** Cloud Control properties are a JSON string; a broken one is a warning, never a failed scan. */
  const asObject = (text: string | undefined, what: string): Record<string, unknown> => {
    if (!text) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      // Scrubbed where it is read: shard files and `scan aws` output carry these properties as they are.
      return parsed && typeof parsed === 'object'
        ? scrubValue(redact(parsed) as Record<string, unknown>)
        : {};
    } catch (error) {
      diagnostics.push(failureDiagnostic(region, `${what} (Properties is not JSON)`, error));
      return {};
    }
  };

  const checkAbort = () => {
    if (signal?.aborted) throw new ScanAborted('scan aborted');
  };
  /**
   * Runs one call in its pool. Failures become warnings (or go to `onFailure`); a disabled region stops the
   * rest of the region.
   */
  const call = async <T>(
    pool: keyof typeof pools,
    what: string,
    run: () => Promise<T>,
    onFailure?: (error: unknown) => void,
  ): Promise<T | undefined> => {
    if (!enabled) return undefined;
    try {
      const out = await pools[pool](async () => {
        checkAbort();
        if (!enabled) return undefined;
        return run();
      });
      progress.tick(task, 1);
      return out;
    } catch (error) {
      if (isAbort(error, signal)) throw new ScanAborted('scan aborted');
      if (classify(error) === 'region-not-enabled') {
        if (enabled)
          diagnostics.push({
            ...failureDiagnostic(region, what, error),
            message: `${region}: region is not enabled for account ${account}; skipped (${(error as Error).name})`,
          });
        enabled = false;
        return undefined;
      }
      if (onFailure) onFailure(error);
      else diagnostics.push(failureDiagnostic(region, what, error));
      return undefined;
    }
  };

  /**
   * GetResource failures, one warning per type and reason naming the resources (kept with their tags only).
   * A type denied or unsupported here is not asked again for its other resources.
   */
  const detailFailures = new Map<string, { cfnType: string; error: unknown; arns: string[] }>();
  const blockedTypes = new Set<string>();
  const detailFailed = (cfnType: string, arn: string, error: unknown) => {
    const kind = classify(error);
    if (kind === 'access-denied' || kind === 'unsupported-type') blockedTypes.add(cfnType);
    const key = `${cfnType}|${kind}`;
    const entry = detailFailures.get(key) ?? { cfnType, error, arns: [] };
    entry.arns.push(arn);
    detailFailures.set(key, entry);
  };

  const regionOf = (arn: string): string | undefined => {
    const parsed = parseArn(arn);
    if (parsed?.region) return parsed.region;
    return parsed && GLOBAL_SERVICES.has(parsed.service) ? undefined : region;
  };

  const remember = (arn: string, patch: Partial<Discovered>, via: Discovered['via'][number]): Discovered => {
    let d = found.get(arn);
    if (!d) {
      const r = regionOf(arn);
      d = { arn, account, tags: {}, via: [], ...(r ? { region: r } : {}) };
      found.set(arn, d);
    }
    Object.assign(d, { ...patch, tags: { ...d.tags, ...scrubValue(patch.tags ?? {}) } });
    if (!d.via.includes(via)) d.via.push(via);
    return d;
  };

  /** Reads a resource's properties; when they name another resource to follow (task definitions), reads it too. */
  const readDetails = (cfnType: string, identifier: string, d: Discovered) => {
    const key = `${cfnType}|${identifier}`;
    if (!input.details || details.has(key)) return;
    const read = (async () => {
      const blocked = [...detailFailures.values()].find(
        (f) => f.cfnType === cfnType && blockedTypes.has(cfnType),
      );
      if (blocked) return detailFailed(cfnType, d.arn, blocked.error);
      const out = await call(
        'details',
        `cloudformation:GetResource ${cfnType}`,
        () =>
          clients.cloudControl.send(new GetResourceCommand({ TypeName: cfnType, Identifier: identifier }), {
            abortSignal: signal,
          }),
        (error) => detailFailed(cfnType, d.arn, error),
      );
      if (!out?.ResourceDescription) return;
      const props = asObject(
        out.ResourceDescription.Properties,
        `cloudformation:GetResource ${cfnType} ${d.arn}`,
      );
      d.props = props;
      const spec = resourceTypeSpec(cfnType);
      for (const f of spec?.follow ?? []) {
        const target = props[f.property];
        const targetSpec = resourceTypeSpec(f.cfnType);
        if (typeof target !== 'string' || !target || !targetSpec) continue;
        const arn = targetSpec.arn(target, {}, ctx);
        if (arn)
          readDetails(
            f.cfnType,
            target,
            remember(arn, { cfnType: f.cfnType, identifier: target }, 'cloudcontrol'),
          );
      }
    })();
    // Awaited below; this only keeps an abort from surfacing as an unhandled rejection meanwhile.
    read.catch(() => {});
    details.set(key, read);
  };

  const fromArn = (arn: string, tags: Record<string, string>) => {
    const entry = lookupArn(arn);
    const cfnType = entry?.cfnType;
    const spec = cfnType ? resourceTypeSpec(cfnType) : undefined;
    const parsed = parseArn(arn);
    const identifier = spec && parsed ? spec.identifier(parsed) : undefined;
    const d = remember(
      arn,
      { tags, ...(cfnType ? { cfnType } : {}), ...(identifier ? { identifier } : {}) },
      'tagging',
    );
    if (cfnType && identifier) readDetails(cfnType, identifier, d);
  };

  const tagging = async () => {
    let token: string | undefined;
    const bound = new PageBound(input.maxPages);
    const kept = new Set<string>();
    do {
      const out = await call('tagging', 'tag:GetResources', () =>
        clients.tagging.send(
          new GetResourcesCommand({ ResourcesPerPage: 100, ...(token ? { PaginationToken: token } : {}) }),
          { abortSignal: signal },
        ),
      );
      if (!out) return;
      for (const m of out.ResourceTagMappingList ?? []) {
        if (!m.ResourceARN) continue;
        kept.add(m.ResourceARN);
        const tags = Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
        fromArn(m.ResourceARN, tags);
      }
      // The Tagging API ends with an empty PaginationToken, not a missing one.
      token = out.PaginationToken || undefined;
    } while (token && !bound.next(token));
    const stopped = bound.warning(region, 'tag:GetResources', kept.size);
    if (stopped) diagnostics.push(stopped);
  };

  /** Lists one type (optionally under a parent), returning the identifiers it found. */
  const listType = async (cfnType: string, model?: Record<string, string>): Promise<string[]> => {
    const spec = resourceTypeSpec(cfnType);
    const ids: string[] = [];
    let token: string | undefined;
    const bound = new PageBound(input.maxPages);
    do {
      const out = await call('pages', `cloudformation:ListResources ${cfnType}`, () =>
        clients.cloudControl.send(
          new ListResourcesCommand({
            TypeName: cfnType,
            ...(model ? { ResourceModel: JSON.stringify(model) } : {}),
            ...(token ? { NextToken: token } : {}),
          }),
          { abortSignal: signal },
        ),
      );
      if (!out) break;
      for (const r of out.ResourceDescriptions ?? []) {
        if (!r.Identifier) continue;
        const props = asObject(r.Properties, `cloudformation:ListResources ${cfnType}`);
        const arn =
          spec?.arn(r.Identifier, props, ctx) ??
          (r.Identifier.startsWith('arn:')
            ? r.Identifier
            : `arn:${partition}:cloudcontrol:${region}:${account}:${cfnType}/${r.Identifier}`);
        ids.push(r.Identifier);
        const d = remember(arn, { cfnType, identifier: r.Identifier }, 'cloudcontrol');
        readDetails(cfnType, r.Identifier, d);
      }
      token = out.NextToken || undefined;
    } while (token && !bound.next(token));
    const stopped = bound.warning(region, `cloudformation:ListResources ${cfnType}`, new Set(ids).size);
    if (stopped) diagnostics.push(stopped);
    return ids;
  };

  progress.start(task, 0);
  const types = input.seed
    ? []
    : input.listTypes.filter((t) => !resourceTypeSpec(t)?.global || region === GLOBAL_REGION);
  const lists = new Map<string, Promise<string[]>>();
  const seeded = async () => {
    for (const hit of input.seed ?? []) fromArn(hit.arn, hit.tags);
  };
  const taggingDone = input.seed ? seeded() : tagging();
  for (const t of types) {
    if (resourceTypeSpec(t)?.listParent) continue;
    lists.set(t, listType(t));
  }
  // Types whose list handler needs a parent (listeners, ECS services) wait for their parents.
  const children = types
    .filter((t) => resourceTypeSpec(t)?.listParent)
    .map(async (t) => {
      const parent = resourceTypeSpec(t)!.listParent!;
      await taggingDone;
      const listed = (await lists.get(parent.cfnType)) ?? [];
      const tagged = [...found.values()]
        .filter((d) => d.cfnType === parent.cfnType && d.identifier)
        .map((d) => d.identifier!);
      await Promise.all(
        [...new Set([...listed, ...tagged])].sort().map((id) => listType(t, { [parent.property]: id })),
      );
    });
  await Promise.all([taggingDone, ...lists.values(), ...children]);
  // Details schedule more details (follow); wait until no new read appears.
  let settled = 0;
  while (settled !== details.size) {
    settled = details.size;
    await Promise.all(details.values());
  }
  for (const f of [...detailFailures.values()].sort((a, b) => (a.cfnType < b.cfnType ? -1 : 1))) {
    const arns = [...f.arns].sort();
    const named = `${arns.slice(0, 5).join(', ')}${arns.length > 5 ? ` (+${arns.length - 5} more)` : ''}`;
    const d = failureDiagnostic(region, `cloudformation:GetResource ${f.cfnType}`, f.error);
    diagnostics.push({
      ...d,
      message: `${d.message} for ${arns.length} resource(s), kept with their tags only: ${named}`,
    });
  }
  progress.done(task);
  checkAbort();
  return { resources: [...found.values()], diagnostics, enabled };
}
