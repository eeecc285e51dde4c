// A generated multi-root estate for the diagram benchmark and the legibility tests: Terraform roots as a
// multi-root scan names them (`root:<dir>` groups, `<dir>:` id prefixes, a region group per root), with VPCs,
// load balancers, ECS services, databases, caches, for_each Lambdas, queues and their plumbing, and traffic
// across roots (the edge routes to services, services publish to the shared event bus). Deterministic.
import { type ArchEdge, ArchGraph, type ArchNode, edgeId, isGroupKind } from '../../src/model/index.js';

const src = [{ analyzer: 'bench' }];
const REGION = 'eu-west-1';

/** Root directories, in the order they are filled: a network-free edge root, services and platform roots. */
const ROOTS = [
  'edge',
  'services/orders',
  'services/payments',
  'services/catalog',
  'services/search',
  'services/accounts',
  'platform/events',
  'platform/observability',
  'services/shipping',
  'services/reviews',
  'services/inventory',
  'services/pricing',
];

/**
 * About `resources` resources spread over `roots` Terraform roots (at most 12).
 * @example
 * const graph = multiRootEstate({ roots: 8, resources: 800 });
 */
export function multiRootEstate({ roots = 8, resources = 800 } = {}): ArchGraph {
  const g = new ArchGraph();
  const dirs = ROOTS.slice(0, Math.max(2, Math.min(roots, ROOTS.length)));
  const perRoot = Math.ceil(resources / dirs.length);
  const edge = (from: string, to: string, kind: ArchEdge['kind'], label?: string) =>
    g.addEdge({
      id: edgeId(from, to, kind, label),
      from,
      to,
      kind,
      sources: src,
      ...(label ? { label } : {}),
    });
  const busOf = 'platform/events:aws_cloudwatch_event_bus.main';
  const apiOf = 'edge:aws_apigatewayv2_api.public';
  // Traffic across roots is added once every root exists; an edge to a root left out is dropped.
  const across: Array<Parameters<typeof edge>> = [];
  for (const dir of dirs) {
    let made = 0;
    const regionId = `${dir}:region:${REGION}`;
    const group = (id: string, kind: ArchNode['kind'], name: string, parent?: string, props = {}) =>
      g.addNode({
        id,
        kind,
        name,
        provider: kind === 'group' ? 'terraform' : 'aws',
        ...(parent ? { parent } : {}),
        ...(kind === 'group' ? {} : { region: REGION }),
        props,
        tags: {},
        sources: src,
      });
    group(`root:${dir}`, 'group', dir);
    group(regionId, 'region', REGION, `root:${dir}`);
    const add = (
      address: string,
      kind: ArchNode['kind'],
      parent: string,
      extra: Partial<ArchNode> = {},
    ): string => {
      const id = `${dir}:${address}`;
      const type = address.replace(/^(module\.[^.]+\.)?/, '').split('.')[0]!;
      g.addNode({
        id,
        kind,
        name: address
          .split('.')
          .pop()!
          .replace(/^\w+\["(.+)"\]$/, '$1'),
        provider: 'aws',
        service: type,
        parent,
        region: REGION,
        props: {},
        tags: {},
        sources: [{ analyzer: 'bench', address }],
        ...extra,
      });
      if (!isGroupKind(kind)) made++;
      return id;
    };
    const plumbing = { plumbing: true };
    const service = dir.replace(/^.*\//, '');
    if (dir === 'edge') {
      const zone = add('aws_route53_zone.main', 'dns', regionId);
      const cdn = add('aws_cloudfront_distribution.site', 'cdn', regionId);
      const site = add('aws_s3_bucket.site', 'storage', regionId);
      add('aws_wafv2_web_acl.main', 'generic', regionId, plumbing);
      const api = add('aws_apigatewayv2_api.public', 'api_gateway', regionId);
      add('aws_acm_certificate.main', 'generic', regionId, plumbing);
      edge(zone, cdn, 'routes');
      edge(cdn, site, 'reads', 'origin');
      edge(zone, api, 'routes');
    } else if (dir === 'platform/events') {
      const bus = add('aws_cloudwatch_event_bus.main', 'topic', regionId);
      const archive = add('aws_s3_bucket.archive', 'storage', regionId);
      const firehose = add('aws_kinesis_firehose_delivery_stream.archive', 'stream', regionId);
      edge(bus, firehose, 'publishes', 'all events');
      edge(firehose, archive, 'writes');
    } else if (dir === 'platform/observability') {
      const logs = add('aws_s3_bucket.logs', 'storage', regionId);
      const sink = add('aws_kinesis_stream.logs', 'stream', regionId);
      const shipper = add('aws_lambda_function.shipper', 'function', regionId);
      edge(sink, shipper, 'triggers');
      edge(shipper, logs, 'writes');
    } else {
      const vpc = add('module.vpc.aws_vpc.this', 'vpc', regionId, {
        props: { cidr_block: `10.${dirs.indexOf(dir)}.0.0/16` },
      });
      const subnets: Record<'public' | 'private', string[]> = { public: [], private: [] };
      for (const tier of ['public', 'private'] as const) {
        for (const az of ['a', 'b']) {
          subnets[tier].push(
            add(`module.vpc.aws_subnet.${tier}[${az === 'a' ? 0 : 1}]`, 'subnet', vpc, {
              zone: `${REGION}${az}`,
              props: { tier },
            }),
          );
        }
      }
      add('module.vpc.aws_internet_gateway.this[0]', 'network', vpc);
      add('module.vpc.aws_route_table.private[0]', 'network', vpc, plumbing);
      const lb = add('aws_lb.app', 'load_balancer', vpc, {
        props: { subnets: subnets.public.map((s) => s.replace(/^.*:/, '')) },
      });
      const ecs = add('aws_ecs_service.app', 'container', vpc, {
        count: 3,
        props: { network_configuration: { subnets: subnets.private.map((s) => s.replace(/^.*:/, '')) } },
      });
      const db = add('aws_rds_cluster.main', 'database', vpc, {
        props: { db_subnet_group: { subnet_ids: subnets.private.map((s) => s.replace(/^.*:/, '')) } },
      });
      const cache = add('aws_elasticache_replication_group.main', 'cache', vpc, {
        props: { subnet_ids: subnets.private.map((s) => s.replace(/^.*:/, '')) },
      });
      const sg = add('aws_security_group.app', 'network', vpc, plumbing);
      edge(ecs, sg, 'depends_on');
      edge(lb, ecs, 'routes', 'HTTP :8080');
      edge(ecs, db, 'writes', 'postgres :5432');
      edge(ecs, cache, 'reads', 'redis :6379');
      across.push([ecs, busOf, 'publishes', `${service}.events`], [apiOf, lb, 'routes', `/${service}/*`]);
      const queue = add('aws_sqs_queue.work', 'queue', regionId);
      const dlq = add('aws_sqs_queue.work_dlq', 'queue', regionId);
      const table = add('aws_dynamodb_table.items', 'database', regionId);
      const bucket = add('aws_s3_bucket.documents', 'storage', regionId);
      across.push([busOf, queue, 'publishes', `${service} rule`]);
      edge(queue, dlq, 'publishes', 'redrive');
      // Workers fill the rest of the root: a for_each Lambda per job, each with its role and log group.
      for (let i = 0; made < perRoot - 3; i++) {
        const job = `job${String(i).padStart(2, '0')}`;
        const fn = add(`aws_lambda_function.worker["${job}"]`, 'function', regionId);
        const role = add(`aws_iam_role.worker["${job}"]`, 'identity', regionId, plumbing);
        const log = add(`aws_cloudwatch_log_group.worker["${job}"]`, 'generic', regionId);
        edge(fn, role, 'depends_on');
        edge(fn, log, 'writes');
        edge(queue, fn, 'triggers');
        edge(fn, i % 2 ? table : bucket, 'writes');
        if (i % 5 === 0) edge(fn, db, 'reads', 'postgres :5432');
      }
    }
    // Every root has a state bucket policy and alarms: plumbing and support that overviews count but never draw.
    for (let i = 0; made < perRoot; i++) {
      add(`aws_cloudwatch_metric_alarm.alarm["${i}"]`, 'generic', regionId, plumbing);
    }
  }
  for (const args of across) if (g.hasNode(args[0]) && g.hasNode(args[1])) edge(...args);
  return g;
}
