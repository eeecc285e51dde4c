// Turns resource instances read from tfstate / show -json / plan JSON into nodes and edges.
// Real attribute values (ARNs, ids, endpoints) are matched against each other to find the catalog's edges.
import { lookupArn, lookupTerraformType, parseArn } from '../../src/catalog/index.js';
import type { AttrPath, CatalogEntry } from '../../src/catalog/types.js';
import { edgeId } from '../../src/model/graph.js';
import type { ChangeMark, EdgeKind } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode, Diagnostic, Source } from '../../src/model/schema.js';
import { stateTraffic } from './state-traffic.js';

export const ANALYZER_ID = 'terraform';

/** Placeholder for plan values that are unknown until apply. */
export const UNKNOWN_VALUE = '(known after apply)';

/** One resource instance as Terraform recorded it; `values` are already redacted. */
export interface ResourceInstance {
  /** Full instance address: `module.cache.aws_elasticache_replication_group.this`, `aws_instance.web[0]`. */
  address: string;
  /** The resource's address without the instance key of the resource itself. */
  resourceAddress: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  indexKey?: string | number;
  /** Short provider name, e.g. `aws`. */
  provider: string;
  values: Record<string, unknown>;
  /** Addresses this instance depends on (resource addresses, possibly without instance keys). */
  dependencies: string[];
  /** References from the configuration: attribute → referenced address (plan JSON only). */
  references?: Array<{ attr: string; target: string }>;
  file: string;
  line: number;
  change?: ChangeMark;
  props?: Record<string, unknown>;
}

export interface ReadResult {
  nodes: ArchNode[];
  edges: ArchEdge[];
  diagnostics: Diagnostic[];
  /** False when the file could not be used at all (bad JSON, unsupported version). */
  usable: boolean;
}

/** `0` → `[0]`, `"api"` → `["api"]`. */
export function formatIndexKey(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

const providerNames = new Map<string, string>();

/** `provider["registry.terraform.io/hashicorp/aws"].west` or `registry.terraform.io/hashicorp/aws` → `aws`. */
export function providerShortName(raw: string | undefined, type: string): string {
  if (!raw) return type.split('_')[0] ?? 'generic';
  let name = providerNames.get(raw);
  if (name === undefined) {
    const source = /"([^"]+)"/.exec(raw)?.[1] ?? raw;
    name = source.includes('/') ? (source.split('/').pop() ?? '') : '';
    providerNames.set(raw, name);
  }
  return name || (type.split('_')[0] ?? 'generic');
}

/** Values at a dotted attribute path; nested blocks are lists in state, so lists are flattened at each step. */
export function valuesAt(values: unknown, path: string): unknown[] {
  let current: unknown[] = [values];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const v of current) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item && typeof item === 'object' && !Array.isArray(item) && step in item) {
          next.push((item as Record<string, unknown>)[step]);
        }
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** Every string under a value, including inside JSON-encoded strings (redrive policies, IAM documents). */
function stringLeaves(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 12) return out;
  if (typeof value === 'string') {
    const t = value.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return stringLeaves(JSON.parse(value), out, depth + 1);
      } catch {
        // not JSON: an ordinary string
      }
    }
    out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) stringLeaves(v, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) stringLeaves(v, out, depth + 1);
  }
  return out;
}

/** Attributes by which other resources refer to this one (its own ids, ARNs, endpoints, DNS names). */
const SELF_ATTRS = new Set([
  'arn',
  'id',
  'url',
  'address',
  'endpoint',
  'dns_name',
  'domain_name',
  'fqdn',
  'invoke_arn',
  'qualified_arn',
  'qualified_invoke_arn',
  'stream_arn',
  'execution_arn',
  'invoke_url',
  'repository_url',
  'primary_endpoint_address',
  'reader_endpoint_address',
  'configuration_endpoint_address',
  'bucket_domain_name',
  'bucket_regional_domain_name',
]);

/**
 * Real value → the address that owns it. A value several resources share (a bucket and its bucket policy both
 * have id `shop-assets`) resolves to the one that is not plumbing; ARNs win over ids, ids over names.
 */
class IdentityIndex {
  private readonly map = new Map<string, Array<{ address: string; rank: number; plumbing: boolean }>>();

  add(value: unknown, address: string, rank: number, plumbing: boolean) {
    if (typeof value !== 'string' || value.length < 3 || value === UNKNOWN_VALUE) return;
    const list = this.map.get(value) ?? [];
    if (!list.some((c) => c.address === address)) list.push({ address, rank, plumbing });
    this.map.set(value, list);
    // `host:port` endpoints are referenced by host alone.
    const host = /^([a-z0-9.-]+):\d+$/.exec(value)?.[1];
    if (host) this.add(host, address, rank, plumbing);
  }

  private pick(value: string): string | undefined {
    const list = this.map.get(value);
    if (!list) return undefined;
    const best = Math.min(...list.map((c) => c.rank));
    let top = list.filter((c) => c.rank === best);
    if (top.length > 1) top = top.filter((c) => !c.plumbing);
    return top.length === 1 ? top[0]!.address : undefined;
  }

  resolve(value: string): string | undefined {
    const hit = this.pick(value) ?? this.pick(value.replace(/(:\*|\/\*)$/, ''));
    if (hit) return hit;
    // `arn:…:function:worker:live` (a qualified Lambda ARN) → the function.
    return parseArn(value) ? this.pick(value.replace(/:[^:/]+$/, '')) : undefined;
  }
}

function regionOf(values: Record<string, unknown>): string | undefined {
  const arn = typeof values.arn === 'string' ? parseArn(values.arn) : undefined;
  if (arn?.region) return arn.region;
  if (typeof values.region === 'string' && values.region) return values.region;
  const az = values.availability_zone;
  if (typeof az === 'string' && /^[a-z]{2}-[a-z]+-\d[a-z]$/.test(az)) return az.slice(0, -1);
  return undefined;
}

function stringTags(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function firstAttrValue(values: Record<string, unknown>, path: AttrPath | undefined): string | undefined {
  if (!path?.tf) return undefined;
  const v = valuesAt(values, path.tf)[0];
  return typeof v === 'string' && v ? v : undefined;
}

/** Env vars of compute resources: Lambda `environment.variables`, ECS `container_definitions[].environment`. */
function envOf(type: string, values: Record<string, unknown>): Record<string, string> | undefined {
  if (type === 'aws_lambda_function') {
    const vars = valuesAt(values, 'environment.variables')[0];
    return vars && typeof vars === 'object' ? stringTags(vars) : undefined;
  }
  if (type === 'aws_ecs_task_definition' && typeof values.container_definitions === 'string') {
    try {
      const defs = JSON.parse(values.container_definitions) as unknown;
      const env: Record<string, string> = {};
      for (const def of Array.isArray(defs) ? defs : []) {
        for (const pair of Array.isArray(def?.environment) ? def.environment : []) {
          if (typeof pair?.name === 'string' && pair.value !== undefined) env[pair.name] = String(pair.value);
        }
      }
      return env;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sourceOf(inst: ResourceInstance): Source {
  return { analyzer: ANALYZER_ID, file: inst.file, line: inst.line, address: inst.address };
}

function attrMatches(attr: string, path: string | undefined): boolean {
  return !!path && (attr === path || attr === path.split('.')[0]);
}

/**
 * Who an `arn` value belongs to. Some resources report their parent's ARN as `arn` (a secret version reports
 * the secret's): an alias is an identity, so a shared ARN goes to one owner only, or merge would fold the
 * two into one node. The owner is the instance whose type the catalog gives for that ARN, else the one the
 * others depend on, else the first.
 */
function arnOwnership(instances: ResourceInstance[]): Map<string, string> {
  const byArn = new Map<string, ResourceInstance[]>();
  for (const i of instances) {
    const arn = i.values.arn;
    if (typeof arn === 'string' && arn) byArn.set(arn, [...(byArn.get(arn) ?? []), i]);
  }
  const owners = new Map<string, string>();
  for (const [arn, list] of byArn) {
    const byType = list.find((i) => i.type === lookupArn(arn)?.tfType);
    const dependedOn = list.find((i) =>
      list.some((o) => o !== i && o.dependencies.some((d) => d === i.address || d === i.resourceAddress)),
    );
    owners.set(arn, (byType ?? dependedOn ?? list[0]!).address);
  }
  return owners;
}

/**
 * Builds nodes and edges from resource instances. Data sources are skipped: they are lookups, not parts of
 * the architecture. Region group nodes (`region:<name>`) are added for every region seen.
 */
export function buildStateGraph(instances: ResourceInstance[]): { nodes: ArchNode[]; edges: ArchEdge[] } {
  const managed = instances.filter((i) => i.mode === 'managed');
  const counts = new Map<string, number>();
  for (const i of managed) {
    if (i.indexKey !== undefined) counts.set(i.resourceAddress, (counts.get(i.resourceAddress) ?? 0) + 1);
  }
  const byResource = new Map<string, string[]>();
  const addresses = new Set(managed.map((i) => i.address));
  const index = new IdentityIndex();
  for (const i of managed) {
    const list = byResource.get(i.resourceAddress);
    if (list) list.push(i.address);
    else byResource.set(i.resourceAddress, [i.address]);
    const entry = lookupTerraformType(i.type);
    const plumbing = !entry || !!entry.plumbing;
    for (const [k, v] of Object.entries(i.values)) {
      if (SELF_ATTRS.has(k)) index.add(v, i.address, k === 'arn' ? 0 : 1, plumbing);
    }
    index.add(firstAttrValue(i.values, entry?.nameAttr ?? { tf: 'name' }), i.address, 2, plumbing);
    // Cache nodes answer on their own hosts; IAM roles, profiles and policies are named by name in state.
    for (const host of valuesAt(i.values, 'cache_nodes.address')) index.add(host, i.address, 1, plumbing);
    if (i.type.startsWith('aws_iam_')) index.add(i.values.name, i.address, 2, false);
  }
  const resolveAddress = (target: string): string[] => {
    if (target.startsWith('data.') || target.includes('.data.')) return [];
    return byResource.get(target) ?? (addresses.has(target) ? [target] : []);
  };

  const arnOwners = arnOwnership(managed);
  const nodes = new Map<string, ArchNode>();
  const entries = new Map<string, CatalogEntry | undefined>();
  const regions = new Set<string>();
  for (const i of managed) {
    const entry = lookupTerraformType(i.type);
    entries.set(i.address, entry);
    const { tags, tags_all: _tagsAll, ...rest } = i.values;
    const props: Record<string, unknown> = { ...rest, ...i.props };
    const env = envOf(i.type, i.values);
    if (env) props.env = env;
    const region = regionOf(i.values);
    if (region) regions.add(region);
    const arn =
      typeof i.values.arn === 'string' && arnOwners.get(i.values.arn) === i.address
        ? i.values.arn
        : undefined;
    const aliases = [arn, i.values.id].filter(
      (v): v is string => typeof v === 'string' && v.length > 0 && v !== i.address,
    );
    const node: ArchNode = {
      id: i.address,
      kind: entry?.kind ?? 'generic',
      name: i.indexKey === undefined ? i.name : `${i.name}${formatIndexKey(i.indexKey)}`,
      provider: i.provider,
      service: i.type,
      props,
      tags: stringTags(tags),
      sources: [sourceOf(i)],
    };
    if (aliases.length > 0) node.aliases = [...new Set(aliases)];
    if (region) node.region = region;
    if (typeof i.values.availability_zone === 'string') node.zone = i.values.availability_zone;
    if (entry?.plumbing) node.plumbing = true;
    const count = counts.get(i.resourceAddress);
    if (count !== undefined) node.count = count;
    if (i.change) node.change = i.change;
    nodes.set(node.id, node);
  }

  const edges = new Map<string, ArchEdge>();
  const connected = new Set<string>();
  const addEdge = (
    from: string,
    to: string,
    kind: EdgeKind,
    inst: ResourceInstance,
    extra: Partial<ArchEdge> = {},
    discriminator?: string,
  ) => {
    if (from === to || !nodes.has(from) || !nodes.has(to)) return;
    const id = edgeId(from, to, kind, discriminator);
    if (edges.has(id)) return;
    edges.set(id, { id, from, to, kind, sources: [sourceOf(inst)], ...extra });
    connected.add(`${from}\u0000${to}`).add(`${to}\u0000${from}`);
  };

  const servicesOf = new Map<string, string[]>();
  for (const i of managed) {
    if (i.type !== 'aws_ecs_service' || typeof i.values.task_definition !== 'string') continue;
    const td = index.resolve(i.values.task_definition);
    if (td) servicesOf.set(td, [...(servicesOf.get(td) ?? []), i.address]);
  }
  for (const i of managed) {
    const node = nodes.get(i.address)!;
    const entry = entries.get(i.address);
    const refs = i.references ?? [];
    const targetsOf = (path: AttrPath): string[] => {
      if (!path.tf) return [];
      const fromValues = stringLeaves(valuesAt(i.values, path.tf))
        .map((v) => index.resolve(v))
        .filter((a): a is string => !!a);
      const fromRefs = refs
        .filter((r) => attrMatches(r.attr, path.tf))
        .flatMap((r) => resolveAddress(r.target));
      return [...new Set([...fromValues, ...fromRefs])];
    };
    for (const rule of entry?.containment ?? []) {
      if (node.parent) break;
      const parent = targetsOf(rule).find((t) => nodes.get(t)?.kind === rule.group);
      if (parent) node.parent = parent;
    }
    for (const rule of entry?.edges ?? []) {
      for (const target of targetsOf(rule)) {
        const [from, to] = rule.direction === 'out' ? [i.address, target] : [target, i.address];
        addEdge(from, to, rule.kind, i, rule.label ? { label: rule.label } : {});
      }
    }
    for (const link of entry?.links ?? []) {
      for (const from of targetsOf(link.from)) {
        for (const to of targetsOf(link.to))
          addEdge(from, to, link.kind, i, link.label ? { label: link.label } : {});
      }
    }
    const env = node.props.env as Record<string, string> | undefined;
    if (env) {
      const envRefs: Record<string, string> = {};
      // A task definition's env runs in the services that use it: the edges start there, as they do from HCL.
      const holders = servicesOf.get(i.address) ?? [i.address];
      for (const [name, value] of Object.entries(env)) {
        const target = index.resolve(value);
        if (!target || target === i.address) continue;
        envRefs[name] = target;
        for (const holder of holders) {
          addEdge(
            holder,
            target,
            'depends_on',
            i,
            { label: `env ${name}`, props: { env: name } },
            `env:${name}`,
          );
        }
      }
      if (Object.keys(envRefs).length > 0) node.props.envRefs = envRefs;
      for (const holder of holders) {
        const service = nodes.get(holder);
        if (!service || holder === i.address) continue;
        service.props.env = { ...env, ...(service.props.env as Record<string, string> | undefined) };
        if (Object.keys(envRefs).length > 0) service.props.envRefs = { ...envRefs };
      }
    }
  }
  stateTraffic({ managed, nodes, edges, resolve: (v) => index.resolve(v), addEdge });
  // Dependencies and config references the catalog has no rule for: plain depends_on, unless already joined.
  for (const i of managed) {
    const targets = [...i.dependencies, ...(i.references ?? []).map((r) => r.target)];
    for (const target of targets.flatMap(resolveAddress)) {
      if (!connected.has(`${i.address}\u0000${target}`)) addEdge(i.address, target, 'depends_on', i);
    }
  }

  for (const node of nodes.values()) {
    if (node.parent || !node.region) continue;
    if (node.kind === 'subnet') continue;
    node.parent = `region:${node.region}`;
  }
  for (const region of regions) {
    nodes.set(`region:${region}`, {
      id: `region:${region}`,
      kind: 'region',
      name: region,
      provider: 'aws',
      region,
      props: {},
      tags: {},
      sources: [{ analyzer: ANALYZER_ID, note: 'region of resources in Terraform state' }],
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
