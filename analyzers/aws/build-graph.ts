// From discovered resources to a PartialGraph: account and region groups, nodes keyed by ARN, containment from
// VpcId/SubnetIds, and edges from the same catalog rules the Terraform analyzer uses (CloudFormation paths).
import {
  type AttrPath,
  type CatalogEntry,
  lookupArn,
  lookupCloudFormationType,
  parseArn,
} from '../../src/catalog/index.js';
import { edgeId } from '../../src/model/graph.js';
import type { NodeKind } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode, Diagnostic } from '../../src/model/schema.js';
import { envConnection } from '../shared/connections.js';
import type { Discovered } from './discover.js';
import { isSecretName, REDACTED } from './redact.js';

export interface AccountScan {
  account: string;
  partition: string;
  roleArn?: string;
  resources: Discovered[];
}

export const accountNodeId = (account: string) => `account:${account}`;
export const regionNodeId = (account: string, region: string) => `account:${account}/region:${region}`;

const pathSegments = new Map<string, string[]>();

/** Values at a dotted CloudFormation path, walking through arrays and JSON-encoded strings. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let keys = pathSegments.get(path);
  if (!keys) {
    keys = path.split('.');
    pathSegments.set(path, keys);
  }
  // Most lookups are one key on a plain object that lacks it: answer those without building arrays.
  if (keys.length === 1 && root && typeof root === 'object' && !Array.isArray(root)) {
    const key = keys[0]!;
    if (!(key in root)) return [];
    const v = (root as Record<string, unknown>)[key];
    return Array.isArray(v) ? [...v] : [v];
  }
  let current: unknown[] = [root];
  for (const key of keys) {
    const next: unknown[] = [];
    for (let v of current) {
      if (typeof v === 'string' && v.startsWith('{')) {
        try {
          v = JSON.parse(v);
        } catch {
          continue;
        }
      }
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        if (item && typeof item === 'object' && key in item)
          next.push((item as Record<string, unknown>)[key]);
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

const stringsAt = (root: unknown, path: string): string[] =>
  valuesAt(root, path).filter((v): v is string => typeof v === 'string' && v !== '' && v !== REDACTED);

/** Keys on a resource's own properties that identify it (its ARN, URL, endpoint or DNS name). */
const SELF_KEYS = [
  'Arn',
  'ARN',
  'QueueUrl',
  'TopicArn',
  'DNSName',
  'DomainName',
  'RegionalDomainName',
  'DualStackDomainName',
  'WebsiteURL',
  'ApiEndpoint',
  'Endpoint.Address',
  'PrimaryEndPoint.Address',
  'ReaderEndPoint.Address',
  'ConfigurationEndPoint.Address',
  'RedisEndpoint.Address',
];

/** Words in an env var name that point at a service, to settle names shared by two resources. */
const SERVICE_WORDS: Record<string, string[]> = {
  dynamodb: ['TABLE', 'DYNAMO', 'DDB'],
  sqs: ['QUEUE', 'SQS'],
  s3: ['BUCKET', 'S3'],
  sns: ['TOPIC', 'SNS'],
  rds: ['DB', 'DATABASE', 'RDS', 'POSTGRES', 'PG', 'MYSQL'],
  elasticache: ['REDIS', 'CACHE', 'MEMCACHED'],
  lambda: ['FUNCTION', 'LAMBDA'],
  events: ['BUS', 'EVENT', 'EVENTS'],
  kinesis: ['STREAM', 'KINESIS'],
  secretsmanager: ['SECRET'],
  es: ['SEARCH', 'OPENSEARCH', 'ELASTICSEARCH'],
};

/** Where compute resources keep their environment variables, in CloudFormation shapes. */
const ENV_SOURCES: Record<string, (props: Record<string, unknown>) => Record<string, string>> = {
  'AWS::Lambda::Function': (p) => {
    const vars = valuesAt(p, 'Environment.Variables')[0];
    return vars && typeof vars === 'object'
      ? Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === 'string'))
      : {};
  },
  'AWS::ECS::TaskDefinition': (p) => {
    const env: Record<string, string> = {};
    for (const e of valuesAt(p, 'ContainerDefinitions.Environment')) {
      const { Name, Value } = (e ?? {}) as { Name?: unknown; Value?: unknown };
      if (typeof Name === 'string' && typeof Value === 'string') env[Name] = Value;
    }
    return env;
  },
};

function typeSuffix(cfnType: string | undefined): string {
  return cfnType?.split('::')[2] ?? '';
}

function nameOf(d: Discovered, entry: CatalogEntry | undefined): string {
  const props = d.props ?? {};
  const t = typeSuffix(d.cfnType);
  // In order of preference; the first non-empty one wins, and the later ones are never computed.
  const candidates: (() => string | undefined)[] = [
    () => (entry?.nameAttr?.cfn ? stringsAt(props, entry.nameAttr.cfn)[0] : undefined),
    ...[`${t}Name`, 'Name', 'GroupName', 'Family'].map((k) => () => stringsAt(props, k)[0]),
    () => d.tags.Name,
    ...[`${t}Identifier`, `${t}Id`].map((k) => () => stringsAt(props, k)[0]),
    () =>
      d.identifier && !d.identifier.includes('/') && !d.identifier.startsWith('arn:')
        ? d.identifier
        : undefined,
  ];
  for (const candidate of candidates) {
    const found = candidate();
    if (found) return found;
  }
  return parseArn(d.arn)?.resourceName ?? d.arn;
}

class ReferenceIndex {
  private readonly keys = new Map<string, Set<string>>();
  private readonly names = new Map<string, Set<string>>();
  /** Names inside a resource (a database's DBName): used only when the env var name points at its service. */
  private readonly weak = new Map<string, Set<string>>();

  add(map: 'keys' | 'names' | 'weak', key: string | undefined, id: string): void {
    if (!key || key === REDACTED) return;
    const m = map === 'keys' ? this.keys : map === 'names' ? this.names : this.weak;
    const set = m.get(key);
    if (set) set.add(id);
    else m.set(key, new Set([id]));
  }

  /**
   * The node a string refers to: by ARN, identifier, URL, endpoint or name. `accept` narrows the candidates (a
   * subnet group, not the database of the same name); `hint` (an env var name) settles the rest.
   */
  resolve(raw: string, hint = '', accept?: (id: string) => boolean): { id?: string; ambiguous?: string[] } {
    const value = raw.trim();
    const filter = (ids: Set<string> | undefined) => (ids && accept ? new Set([...ids].filter(accept)) : ids);
    for (const candidate of this.keyCandidates(value)) {
      const hit = this.pick(filter(this.keys.get(candidate)), hint);
      if (hit.id || hit.ambiguous) return hit;
    }
    const byName = this.pick(filter(this.names.get(value)), hint);
    if (byName.id || byName.ambiguous || !hint) return byName;
    const weak = [...(filter(this.weak.get(value)) ?? [])].filter((id) => this.hinted(id, hint));
    return weak.length === 1 ? { id: weak[0]! } : {};
  }

  private hinted(id: string, hint: string): boolean {
    const words = hint.toUpperCase().split(/[^A-Z0-9]+/);
    return (SERVICE_WORDS[parseArn(id)?.service ?? ''] ?? []).some((w) => words.includes(w));
  }

  private keyCandidates(value: string): string[] {
    const out = [value];
    if (value.startsWith('arn:')) {
      // Qualified ARNs (function versions, table streams, task revisions) → the resource itself.
      let v = value;
      while (/[:/][^:/]+$/.test(v) && v.split(':').length > 5) {
        v = v.replace(/[:/][^:/]+$/, '');
        out.push(v);
      }
      return out;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        out.push(`${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, ''), url.hostname);
        if (url.protocol === 's3:') out.push(`s3://${url.hostname}`);
      } catch {
        // not a URL after all
      }
      return out;
    }
    const hostPort = /^([a-z0-9.-]+):\d+$/i.exec(value);
    if (hostPort) out.push(hostPort[1]!);
    return out;
  }

  private pick(ids: Set<string> | undefined, hint: string): { id?: string; ambiguous?: string[] } {
    if (!ids || ids.size === 0) return {};
    if (ids.size === 1) return { id: [...ids][0]! };
    const hinted = [...ids].filter((id) => this.hinted(id, hint));
    if (hinted.length === 1) return { id: hinted[0]! };
    return { ambiguous: [...ids].sort() };
  }
}

/** Strings under keys that name security groups (`SecurityGroups`, `VpcConfig.SecurityGroupIds`, …), at any depth. */
function securityGroupRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) securityGroupRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/securitygroup/i.test(k) && !/ingress|egress/i.test(k)) {
        for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string') out.push(s);
      } else securityGroupRefs(v, out);
    }
  }
  return out;
}

const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

/**
 * Security group reachability, as the Terraform analyzer draws it: group A admits group B on port P → B's
 * members call A's members on P (`calls`, label `:P`). The read handler returns a group's rules inline.
 */
function securityGroupEdges(
  nodes: Map<string, ArchNode>,
  discovered: Map<string, Discovered>,
  index: ReferenceIndex,
  addEdge: (edge: Omit<ArchEdge, 'id' | 'sources'>, source: string, discriminator?: string) => void,
): void {
  const isGroup = (id: string) => discovered.get(id)?.cfnType === SECURITY_GROUP;
  const members = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const d = discovered.get(node.id);
    if (!d?.props || node.plumbing || isGroup(node.id) || node.service?.includes('security_group')) continue;
    for (const ref of securityGroupRefs(d.props)) {
      const group = index.resolve(ref, '', isGroup).id;
      if (!group) continue;
      const list = members.get(group) ?? [];
      if (!list.includes(node.id)) list.push(node.id);
      members.set(group, list);
    }
  }
  for (const [a, d] of discovered) {
    if (!isGroup(a)) continue;
    for (const rule of valuesAt(d.props ?? {}, 'SecurityGroupIngress')) {
      const { SourceSecurityGroupId, FromPort, ToPort, IpProtocol } = (rule ?? {}) as Record<string, unknown>;
      if (typeof SourceSecurityGroupId !== 'string') continue;
      const b = index.resolve(SourceSecurityGroupId, '', isGroup).id;
      if (!b) continue;
      const port =
        typeof FromPort === 'number' && FromPort === ToPort
          ? FromPort
          : typeof FromPort === 'number' && typeof ToPort === 'number'
            ? `${FromPort}-${ToPort}`
            : undefined;
      const protocol = typeof IpProtocol === 'string' && IpProtocol !== '-1' ? IpProtocol : undefined;
      for (const from of members.get(b) ?? [b])
        for (const to of members.get(a) ?? [a])
          addEdge(
            {
              from,
              to,
              kind: 'calls',
              ...(port !== undefined ? { label: `:${port}`, port } : {}),
              ...(protocol ? { protocol } : {}),
              props: { via: 'security-group' },
            },
            a,
            port !== undefined ? String(port) : undefined,
          );
    }
  }
}

/**
 * A load balancer routes to what its target groups hold: load balancer → target group → service becomes also one
 * `routes` edge from the load balancer, as the Terraform analyzer draws it.
 */
function throughTargetGroups(
  nodes: Map<string, ArchNode>,
  edges: Map<string, ArchEdge>,
  addEdge: (edge: Omit<ArchEdge, 'id' | 'sources'>, source: string, discriminator?: string) => void,
): void {
  const routes = [...edges.values()].filter((e) => e.kind === 'routes');
  const isGroup = (id: string) => nodes.get(id)?.service === 'aws_lb_target_group';
  const outOf = new Map<string, ArchEdge[]>();
  for (const e of routes) outOf.set(e.from, [...(outOf.get(e.from) ?? []), e]);
  for (const i of routes) {
    if (!isGroup(i.to) || nodes.get(i.from)?.kind !== 'load_balancer') continue;
    for (const o of outOf.get(i.to) ?? [])
      if (o.to !== i.from) addEdge({ from: i.from, to: o.to, kind: 'routes' }, i.to);
  }
}

interface Built {
  nodes: ArchNode[];
  edges: ArchEdge[];
  diagnostics: Diagnostic[];
}

export function buildGraph(accounts: AccountScan[]): Built {
  const nodes = new Map<string, ArchNode>();
  const edges = new Map<string, ArchEdge>();
  const diagnostics: Diagnostic[] = [];
  const index = new ReferenceIndex();
  const entries = new Map<string, CatalogEntry | undefined>();
  const discovered = new Map<string, Discovered>();

  for (const scan of accounts) {
    nodes.set(accountNodeId(scan.account), {
      id: accountNodeId(scan.account),
      kind: 'account',
      name: scan.account,
      provider: 'aws',
      props: { partition: scan.partition, ...(scan.roleArn ? { roleArn: scan.roleArn } : {}) },
      tags: {},
      sources: [{ analyzer: 'aws', arn: `arn:${scan.partition}:iam::${scan.account}:root` }],
    });
    for (const d of scan.resources) {
      if (d.region && !nodes.has(regionNodeId(scan.account, d.region))) {
        nodes.set(regionNodeId(scan.account, d.region), {
          id: regionNodeId(scan.account, d.region),
          kind: 'region',
          name: d.region,
          provider: 'aws',
          parent: accountNodeId(scan.account),
          region: d.region,
          props: {},
          tags: {},
          sources: [{ analyzer: 'aws', note: `account ${scan.account}` }],
        });
      }
      const entry = (d.cfnType ? lookupCloudFormationType(d.cfnType) : undefined) ?? lookupArn(d.arn);
      entries.set(d.arn, entry);
      discovered.set(d.arn, d);
      const parsed = parseArn(d.arn);
      const kind: NodeKind = entry?.kind ?? 'generic';
      const zone = typeof d.props?.AvailabilityZone === 'string' ? d.props.AvailabilityZone : undefined;
      const node: ArchNode = {
        id: d.arn,
        kind,
        name: nameOf(d, entry),
        provider: 'aws',
        service:
          entry?.tfType ??
          d.cfnType ??
          `aws:${parsed?.service ?? 'unknown'}${parsed?.resourceType ? `:${parsed.resourceType}` : ''}`,
        parent: d.region ? regionNodeId(d.account, d.region) : accountNodeId(d.account),
        ...(d.region ? { region: d.region } : {}),
        ...(zone ? { zone } : {}),
        ...(entry?.plumbing ? { plumbing: true } : {}),
        props: {
          ...(d.props ?? {}),
          ...(d.cfnType ? { cfnType: d.cfnType } : {}),
        },
        tags: d.tags,
        sources: [{ analyzer: 'aws', arn: d.arn }],
      };
      nodes.set(node.id, node);
      index.add('keys', d.arn, d.arn);
      index.add('keys', d.identifier, d.arn);
      if (parsed) index.add('keys', parsed.resourceName.split(/[/:]/).pop(), d.arn);
      for (const k of SELF_KEYS) for (const v of stringsAt(d.props ?? {}, k)) index.add('keys', v, d.arn);
      if (parsed?.service === 's3' && !parsed.resourceType) {
        const bucket = parsed.resourceName;
        index.add('keys', `${bucket}.s3.amazonaws.com`, d.arn);
        if (d.region) index.add('keys', `${bucket}.s3.${d.region}.amazonaws.com`, d.arn);
        index.add('keys', `s3://${bucket}`, d.arn);
      }
      index.add('names', node.name, d.arn);
      for (const k of ['DBName', 'DatabaseName'])
        for (const v of stringsAt(d.props ?? {}, k)) index.add('weak', v, d.arn);
    }
  }

  const addEdge = (edge: Omit<ArchEdge, 'id' | 'sources'>, source: string, discriminator?: string) => {
    if (edge.from === edge.to) return;
    const id = edgeId(edge.from, edge.to, edge.kind, discriminator);
    const prev = edges.get(id);
    if (prev) return;
    edges.set(id, { id, ...edge, sources: [{ analyzer: 'aws', arn: source }] });
  };

  /** The nodes an attribute points at, following `via` through intermediate resources (subnet groups). */
  const resolveAttr = (
    props: Record<string, unknown>,
    path: AttrPath,
    accept?: (id: string) => boolean,
  ): string[] => {
    if (!path.cfn) return [];
    const via = path.via;
    const ids = stringsAt(props, path.cfn)
      .map(
        (v) =>
          index.resolve(
            v,
            '',
            via ? (id) => valuesAt(discovered.get(id)?.props ?? {}, via.cfn ?? '').length > 0 : accept,
          ).id,
      )
      .filter((id): id is string => !!id);
    if (!via) return ids;
    return ids.flatMap((id) => resolveAttr(discovered.get(id)?.props ?? {}, via, accept));
  };

  // Containment: groups first (subnet → VPC), so that several subnets can fall back to their common VPC.
  const ordered = [...nodes.values()].sort(
    (a, b) => Number(b.kind === 'subnet') - Number(a.kind === 'subnet'),
  );
  for (const node of ordered) {
    const d = discovered.get(node.id);
    const entry = entries.get(node.id);
    if (!d?.props || !entry?.containment) continue;
    for (const rule of entry.containment) {
      if (!rule.cfn) continue;
      const targets = [
        ...new Set(resolveAttr(d.props, rule, (id) => nodes.get(id)?.kind === rule.group)),
      ].sort();
      if (targets.length === 0) continue;
      const parents = [...new Set(targets.map((t) => nodes.get(t)?.parent))];
      node.parent =
        targets.length === 1 || parents.length !== 1 || !parents[0] || nodes.get(parents[0])?.kind !== 'vpc'
          ? targets[0]!
          : parents[0];
      break;
    }
  }

  for (const node of nodes.values()) {
    const d = discovered.get(node.id);
    const entry = entries.get(node.id);
    if (!d?.props) continue;
    for (const rule of entry?.edges ?? []) {
      if (!rule.cfn) continue;
      for (const target of resolveAttr(d.props, rule)) {
        const [from, to] = rule.direction === 'out' ? [node.id, target] : [target, node.id];
        addEdge(
          { from, to, kind: rule.kind, ...(rule.label ? { label: rule.label } : {}) },
          node.id,
          rule.label,
        );
      }
    }
    for (const link of entry?.links ?? []) {
      if (!link.from.cfn || !link.to.cfn) continue;
      const froms = resolveAttr(d.props, link.from);
      const tos = resolveAttr(d.props, link.to);
      for (const from of froms)
        for (const to of tos)
          addEdge(
            { from, to, kind: link.kind, ...(link.label ? { label: link.label } : {}) },
            node.id,
            link.label,
          );
    }
  }

  throughTargetGroups(nodes, edges, addEdge);
  securityGroupEdges(nodes, discovered, index, addEdge);

  // ECS services by the task definition they run: a task definition's env is also theirs.
  const servicesOf = new Map<string, ArchNode[]>();
  for (const n of nodes.values()) {
    const d = discovered.get(n.id);
    if (d?.cfnType !== 'AWS::ECS::Service') continue;
    for (const td of new Set(resolveAttr(d.props ?? {}, { cfn: 'TaskDefinition' }))) {
      const list = servicesOf.get(td);
      if (list) list.push(n);
      else servicesOf.set(td, [n]);
    }
  }
  const envTraffic: { holder: string; target: string; name: string; value: string; source: string }[] = [];
  // Env vars: a task definition's env is also its services' env, and the env edges leave from the services,
  // as the Terraform analyzer draws them.
  for (const node of nodes.values()) {
    const d = discovered.get(node.id);
    if (!d?.props || !d.cfnType) continue;
    const raw = ENV_SOURCES[d.cfnType]?.(d.props);
    if (!raw || Object.keys(raw).length === 0) continue;
    const env = Object.fromEntries(
      Object.entries(raw)
        .filter(([name, value]) => !isSecretName(name) && value !== REDACTED)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const envRefs: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      const hit = index.resolve(value, name);
      if (hit.ambiguous) {
        diagnostics.push({
          severity: 'info',
          code: 'aws-env-ambiguous',
          analyzer: 'aws',
          message: `${node.id}: env ${name} matches several resources (${hit.ambiguous.join(', ')}); no edge drawn`,
        });
      }
      if (hit.id && hit.id !== node.id) envRefs[name] = hit.id;
    }
    const services = servicesOf.get(node.id) ?? [];
    for (const holder of [node, ...services]) {
      holder.props.env = { ...env };
      holder.props.envRefs = { ...envRefs };
    }
    for (const holder of services.length > 0 ? services : [node]) {
      for (const [name, target] of Object.entries(envRefs)) {
        addEdge(
          { from: holder.id, to: target, kind: 'depends_on', label: `env ${name}`, props: { env: name } },
          node.id,
          `env ${name}`,
        );
        envTraffic.push({ holder: holder.id, target, name, value: env[name] ?? '', source: node.id });
      }
    }
  }

  // Env vars become traffic, as the Terraform analyzer draws them: the variable's name and the target's kind
  // decide (a queue URL publishes, a table name writes). Nothing is added where a catalog rule or a security
  // group already joins the two.
  const joined = new Set<string>();
  for (const e of edges.values())
    if (e.kind !== 'depends_on' && e.kind !== 'access')
      joined.add(`${e.from}\u0000${e.to}`).add(`${e.to}\u0000${e.from}`);
  const seenPairs = new Set<string>();
  for (const t of envTraffic) {
    const key = `${t.holder}\u0000${t.target}`;
    if (joined.has(key) || seenPairs.has(key)) continue;
    seenPairs.add(key);
    const how = envConnection(t.name, t.value, nodes.get(t.target)?.kind);
    if (!how) continue;
    const [from, to] = how.direction === 'out' ? [t.holder, t.target] : [t.target, t.holder];
    addEdge(
      { from, to, kind: how.kind, label: `env ${t.name}`, props: { inferred: true, env: t.name } },
      t.source,
      `env ${t.name}`,
    );
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()], diagnostics };
}
