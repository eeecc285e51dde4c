// The multi-region remedy: replicate each data store with the service's own feature, duplicate compute per
// region, and steer users with Route53 failover (active-passive) or latency routing (active-active) behind a
// global CDN. The multi-region and dr scenarios and the critical-single-region review rule build on it.
import type { ArchGraph } from '../model/graph.js';
import { isGroupKind } from '../model/kinds.js';
import type { ArchEdge, ArchNode, ChangeOp } from '../model/schema.js';
import { addEdge, addNode, dedupeOps, newEdge, newNode, setProps } from './ops.js';
import { components, isTraffic, localName, num, regions, str } from './query.js';

/** The usual recovery pair for a region (same jurisdiction, far enough apart). */
const PAIRS: Record<string, string> = {
  'eu-west-1': 'eu-central-1',
  'eu-central-1': 'eu-west-1',
  'eu-west-2': 'eu-west-1',
  'eu-west-3': 'eu-central-1',
  'eu-north-1': 'eu-central-1',
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-2': 'us-east-1',
  'us-west-1': 'us-east-1',
  'ap-southeast-1': 'ap-northeast-1',
  'ap-northeast-1': 'ap-southeast-1',
  'ap-southeast-2': 'ap-southeast-4',
  'ca-central-1': 'ca-west-1',
};

/** `eu-central-1` → `euc1`: a suffix for the addresses of regional copies. */
export function regionCode(region: string): string {
  const [geo = '', dir = '', n = ''] = region.split('-');
  const d = dir.replace(/(north|south)(east|west)/, (_m, a: string, b: string) => a[0]! + b[0]!);
  return `${geo}${d.length <= 2 ? d : d[0]}${n}`;
}

/** Compute and messaging that run per region and are duplicated as-is. */
const DUPLICATED_SERVICES = new Set([
  'aws_lb',
  'aws_lb_listener',
  'aws_lb_target_group',
  'aws_ecs_cluster',
  'aws_ecs_task_definition',
  'aws_ecs_service',
  'aws_lambda_function',
  'aws_lambda_event_source_mapping',
  'aws_apigatewayv2_api',
  'aws_api_gateway_rest_api',
  'aws_instance',
  'aws_autoscaling_group',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_sfn_state_machine',
  'aws_elasticache_cluster',
]);

export type Standby = 'full' | 'scaled-down' | 'off';

export interface MultiRegionParams {
  mode: 'active-passive' | 'active-active';
  regions?: string[];
  /** How much compute runs in a passive region: all of it, a quarter, or none (pilot light). */
  standby?: Standby;
}

export interface MultiRegionPlan {
  ops: ChangeOp[];
  primary: string;
  secondaries: string[];
  replicated: Array<{ node: string; feature: string }>;
}

function scaledProps(node: ArchNode, standby: Standby): Record<string, unknown> {
  const props = structuredClone(node.props);
  delete props.env;
  delete props.envRefs;
  if (standby === 'full') return { ...props, ...(node.props.env ? { env: node.props.env } : {}) };
  const scale = (n: number) => (standby === 'off' ? 0 : Math.max(1, Math.ceil(n / 4)));
  for (const key of ['desired_count', 'desired_capacity', 'min_size']) {
    const v = num(node, key);
    if (v !== undefined) props[key] = scale(v);
  }
  if (node.service === 'aws_instance') props.standby_count = scale(1);
  return { ...props, ...(node.props.env ? { env: node.props.env } : {}) };
}

/**
 * The operations that make a graph multi-region. Used by the multi-region and dr scenarios and by the
 * critical-single-region review rule.
 * @example
 * multiRegionOps(graph, { mode: 'active-passive', regions: ['eu-west-1', 'eu-central-1'] }).ops
 */
export function multiRegionOps(graph: ArchGraph, params: MultiRegionParams): MultiRegionPlan {
  const here = regions(graph);
  const primary = params.regions?.[0] ?? here[0] ?? 'us-east-1';
  const secondaries = (
    params.regions?.slice(1).length ? params.regions.slice(1) : [PAIRS[primary] ?? 'us-west-2']
  ).filter((r) => r !== primary);
  const standby: Standby = params.mode === 'active-active' ? 'full' : (params.standby ?? 'full');
  const ops: ChangeOp[] = [];
  const replicated: MultiRegionPlan['replicated'] = [];
  const comps = components(graph);
  const hasCdn = comps.some((n) => n.kind === 'cdn');

  for (const region of secondaries) {
    const code = regionCode(region);
    const regionId = `region:${region}`;
    const map = new Map<string, string>();
    if (!graph.hasNode(regionId)) {
      ops.push(
        addNode(
          {
            id: regionId,
            kind: 'region',
            name: region,
            provider: 'aws',
            props: {},
            tags: {},
            sources: [{ analyzer: 'planner', note: 'proposed' }],
          },
          `${region} is the ${params.mode === 'active-active' ? 'second active' : 'recovery'} region`,
        ),
      );
    }
    // One VPC per primary VPC, same layout, non-overlapping CIDR so the two can be peered later.
    for (const vpc of graph.nodes().filter((n) => n.kind === 'vpc')) {
      const cidr = str(vpc, 'cidr_block');
      const next = cidr?.replace(/^(\d+)\.(\d+)\./, (_m, a: string, b: string) => `${a}.${Number(b) + 1}.`);
      const copy = newNode('aws_vpc', `${localName(vpc.id)}_${code}`, {
        parent: regionId,
        region,
        kind: 'vpc',
        props: { ...(next ? { cidr_block: next } : {}), enable_dns_hostnames: true },
        tags: vpc.tags,
      });
      map.set(vpc.id, copy.id);
      ops.push(
        addNode(
          copy,
          `the network in ${region}: same public/private subnet layout over two AZs, CIDR that does not overlap the primary`,
        ),
      );
    }
    const parentIn = (n: ArchNode): { parent: string } => {
      const vpc = graph.ancestors(n.id).find((a) => a.kind === 'vpc');
      return { parent: (vpc && map.get(vpc.id)) ?? regionId };
    };

    // Data stores: each with the replication feature its service provides.
    for (const n of comps) {
      const name = `${localName(n.id)}_${code}`;
      switch (n.service) {
        case 'aws_db_instance': {
          if (n.props.replicate_source_db) break;
          if (params.mode === 'active-active') {
            const global = newNode('aws_rds_global_cluster', localName(n.id), {
              kind: 'database',
              props: {
                engine: `aurora-${str(n, 'engine') === 'mysql' ? 'mysql' : 'postgresql'}`,
                global_cluster_identifier: localName(n.id),
              },
              tags: n.tags,
            });
            const secondary = newNode('aws_rds_cluster', name, {
              ...parentIn(n),
              region,
              kind: 'database',
              props: {
                engine: `aurora-${str(n, 'engine') === 'mysql' ? 'mysql' : 'postgresql'}`,
                global_cluster_identifier: `\${${global.id}.id}`,
                enable_global_write_forwarding: true,
                storage_encrypted: true,
              },
              tags: n.tags,
            });
            if (
              !graph.hasNode(global.id) &&
              !ops.some((o) => o.op === 'add_node' && o.node.id === global.id)
            ) {
              ops.push(
                addNode(
                  global,
                  `Aurora Global Database for ${n.id}: storage-level replication to ${region} with typically < 1 s lag; migrate the RDS instance to Aurora first (Aurora read replica, then promote)`,
                ),
                addEdge(
                  newEdge(n.id, global.id, 'replicates', { label: 'migrate to Aurora global' }),
                  'the primary becomes the global cluster writer',
                ),
              );
            }
            ops.push(
              addNode(
                secondary,
                `secondary Aurora cluster in ${region}; write forwarding sends its writes to the primary writer`,
              ),
              addEdge(
                newEdge(global.id, secondary.id, 'replicates', { label: 'global replication' }),
                'storage-level replication',
              ),
            );
            map.set(n.id, secondary.id);
            replicated.push({ node: n.id, feature: 'Aurora Global Database (write forwarding)' });
          } else {
            const replica = newNode('aws_db_instance', name, {
              ...parentIn(n),
              region,
              props: {
                replicate_source_db: `\${${n.id}.arn}`,
                instance_class: str(n, 'instance_class') ?? 'db.r6g.large',
                storage_encrypted: true,
                multi_az: false,
              },
              tags: n.tags,
            });
            ops.push(
              addNode(
                replica,
                `cross-region read replica of ${n.id} in ${region}: asynchronous, seconds of lag; promoted to primary on failover`,
              ),
              addEdge(
                newEdge(n.id, replica.id, 'replicates', { label: 'cross-region replica' }),
                'asynchronous cross-region replication',
              ),
            );
            map.set(n.id, replica.id);
            replicated.push({ node: n.id, feature: 'RDS cross-region read replica' });
          }
          break;
        }
        case 'aws_rds_cluster': {
          const global = newNode('aws_rds_global_cluster', localName(n.id), {
            kind: 'database',
            props: { source_db_cluster_identifier: `\${${n.id}.arn}` },
            tags: n.tags,
          });
          const secondary = newNode('aws_rds_cluster', name, {
            ...parentIn(n),
            region,
            props: {
              engine: str(n, 'engine') ?? 'aurora-postgresql',
              global_cluster_identifier: `\${${global.id}.id}`,
              enable_global_write_forwarding: params.mode === 'active-active',
            },
            tags: n.tags,
          });
          if (!ops.some((o) => o.op === 'add_node' && o.node.id === global.id))
            ops.push(
              addNode(global, `Aurora Global Database around ${n.id}`),
              addEdge(
                newEdge(n.id, global.id, 'replicates', { label: 'global database' }),
                'the cluster joins the global database',
              ),
            );
          ops.push(
            addNode(
              secondary,
              `secondary cluster in ${region} (managed failover promotes it in about a minute)`,
            ),
            addEdge(
              newEdge(global.id, secondary.id, 'replicates', { label: 'global replication' }),
              'storage-level replication, typically < 1 s',
            ),
          );
          map.set(n.id, secondary.id);
          replicated.push({ node: n.id, feature: 'Aurora Global Database' });
          break;
        }
        case 'aws_dynamodb_table': {
          const replica = newNode('aws_dynamodb_table_replica', name, {
            parent: regionId,
            region,
            kind: 'database',
            props: { global_table_arn: `\${${n.id}.arn}`, point_in_time_recovery: true },
            tags: n.tags,
          });
          ops.push(
            setProps(
              n.id,
              { stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES' },
              'global tables replicate through the table stream',
            ),
            addNode(
              replica,
              `DynamoDB global table replica in ${region}: multi-writer, last-writer-wins, typically < 1 s`,
            ),
            addEdge(
              newEdge(n.id, replica.id, 'replicates', { label: 'global table' }),
              'bidirectional replication',
            ),
          );
          map.set(n.id, replica.id);
          replicated.push({ node: n.id, feature: 'DynamoDB global tables' });
          break;
        }
        case 'aws_elasticache_replication_group': {
          const global = newNode('aws_elasticache_global_replication_group', localName(n.id), {
            kind: 'cache',
            props: {
              global_replication_group_id_suffix: localName(n.id),
              primary_replication_group_id: `\${${n.id}.id}`,
            },
            tags: n.tags,
          });
          const secondary = newNode('aws_elasticache_replication_group', name, {
            ...parentIn(n),
            region,
            props: {
              global_replication_group_id: `\${${global.id}.global_replication_group_id}`,
              num_cache_clusters: 2,
              automatic_failover_enabled: true,
            },
            tags: n.tags,
          });
          if (!ops.some((o) => o.op === 'add_node' && o.node.id === global.id))
            ops.push(
              addNode(
                global,
                `ElastiCache Global Datastore for ${n.id}: warm cache in the other region (read-only until promoted)`,
              ),
              addEdge(
                newEdge(n.id, global.id, 'replicates', { label: 'global datastore' }),
                'primary of the global datastore',
              ),
            );
          ops.push(
            addNode(secondary, `secondary cache in ${region}, replicated with < 1 s lag`),
            addEdge(
              newEdge(global.id, secondary.id, 'replicates', { label: 'global datastore' }),
              'cross-region replication',
            ),
          );
          map.set(n.id, secondary.id);
          replicated.push({ node: n.id, feature: 'ElastiCache Global Datastore' });
          break;
        }
        case 'aws_s3_bucket': {
          const replica = newNode('aws_s3_bucket', name, {
            parent: regionId,
            region,
            props: { bucket: `${str(n, 'bucket') ?? localName(n.id)}-${region}`, versioning: true },
            tags: n.tags,
          });
          ops.push(
            setProps(
              n.id,
              {
                versioning: true,
                replication_configuration: { destination: `\${${replica.id}.arn}`, rule: 'replicate-all' },
              },
              'S3 replication needs versioning on both buckets',
            ),
            addNode(
              replica,
              `replica bucket in ${region} (S3 Cross-Region Replication; RTC gives a 15-minute SLA)`,
            ),
            addEdge(
              newEdge(n.id, replica.id, 'replicates', { label: 'S3 CRR' }),
              'asynchronous object replication',
            ),
          );
          map.set(n.id, replica.id);
          replicated.push({ node: n.id, feature: 'S3 Cross-Region Replication' });
          break;
        }
        case 'aws_secretsmanager_secret':
          ops.push(
            setProps(
              n.id,
              { replica: [{ region }] },
              `Secrets Manager replicates the secret to ${region}; the value is never copied by hand`,
            ),
          );
          replicated.push({ node: n.id, feature: 'Secrets Manager replica' });
          break;
        default:
          break;
      }
    }

    // Compute and messaging: a copy per region.
    // Plumbing relays (listeners, target groups) are copied too, or the copied load balancer would lead nowhere.
    const duplicated = graph
      .nodes()
      .filter((n) => !isGroupKind(n.kind) && n.service && DUPLICATED_SERVICES.has(n.service));
    for (const n of duplicated) {
      const copy = newNode(n.service!, `${localName(n.id)}_${code}`, {
        ...parentIn(n),
        region,
        kind: n.kind,
        displayName: `${n.name} (${region})`,
        props: scaledProps(n, standby),
        tags: n.tags,
      });
      if (n.plumbing) copy.plumbing = true;
      // web[0], web[1] share one copy that keeps the set's size.
      if (n.count !== undefined) copy.count = n.count;
      map.set(n.id, copy.id);
      const how =
        standby === 'off'
          ? 'deployed but scaled to zero (pilot light); scaled out by the failover runbook'
          : standby === 'scaled-down'
            ? 'a quarter of the primary capacity (warm standby); scales out on failover'
            : params.mode === 'active-active'
              ? 'full capacity, serving its share of users'
              : 'full capacity, idle until failover (hot standby)';
      ops.push(addNode(copy, `${n.id} in ${region}: ${how}`));
    }
    // Edges between the copies; dependencies with no regional copy (external APIs, global services) stay shared.
    const copiedEdge = (e: ArchEdge): ArchEdge | undefined => {
      const from = map.get(e.from);
      if (!from) return undefined;
      const to = map.get(e.to) ?? e.to;
      const edge = newEdge(from, to, e.kind, { ...(e.label ? { label: e.label } : {}) });
      const target = graph.node(e.to);
      if (
        params.mode === 'active-passive' &&
        e.kind === 'writes' &&
        target?.kind === 'database' &&
        target.service !== 'aws_dynamodb_table'
      )
        edge.label = `${e.label ? `${e.label}, ` : ''}after promotion`;
      return edge;
    };
    for (const e of graph.edges()) {
      if (!isTraffic(e) && e.kind !== 'depends_on') continue;
      // Configuration links are copied between compute copies only; data replicas keep their own.
      if (
        e.kind === 'depends_on' &&
        !(duplicated.some((d) => d.id === e.from) && duplicated.some((d) => d.id === e.to))
      )
        continue;
      const edge = copiedEdge(e);
      if (edge && !graph.hasEdge(edge.id)) ops.push(addEdge(edge, `same flow in ${region}`));
    }

    // Routing: Route53 failover or latency records per entry record; the CDN gets a failover origin.
    const cdnFronted: Array<{ rec: ArchNode; edge: ArchEdge }> = [];
    for (const rec of comps.filter((n) => n.service === 'aws_route53_record')) {
      const targets = graph.outEdges(rec.id).filter((e) => e.kind === 'routes' && map.has(e.to));
      for (const t of targets) {
        const front = graph.node(t.to)!;
        if (!hasCdn && (front.kind === 'load_balancer' || front.kind === 'api_gateway')) {
          cdnFronted.push({ rec, edge: t });
          continue;
        }
        const hcPrimary = newNode('aws_route53_health_check', `${localName(rec.id)}_${regionCode(primary)}`, {
          kind: 'dns',
          props: {
            type: 'HTTPS',
            resource_path: '/healthz',
            failure_threshold: 3,
            request_interval: 10,
            fqdn: `\${${t.to}.dns_name}`,
          },
        });
        const hcSecondary = newNode('aws_route53_health_check', `${localName(rec.id)}_${code}`, {
          kind: 'dns',
          props: {
            type: 'HTTPS',
            resource_path: '/healthz',
            failure_threshold: 3,
            request_interval: 10,
            fqdn: `\${${map.get(t.to)}.dns_name}`,
          },
        });
        const second = newNode('aws_route53_record', `${localName(rec.id)}_${code}`, {
          kind: 'dns',
          props: {
            name: rec.props.name ?? localName(rec.id),
            type: rec.props.type ?? 'A',
            alias: true,
            set_identifier: region,
            ...(params.mode === 'active-active'
              ? { latency_routing_policy: { region } }
              : { failover_routing_policy: { type: 'SECONDARY' } }),
            health_check_id: `\${${hcSecondary.id}.id}`,
          },
        });
        if (
          !graph.hasNode(hcPrimary.id) &&
          !ops.some((o) => o.op === 'add_node' && o.node.id === hcPrimary.id)
        ) {
          ops.push(
            addNode(
              hcPrimary,
              `Route53 health check on the ${primary} endpoint (10 s interval, 3 failures → unhealthy in ~30 s)`,
            ),
            addEdge(newEdge(hcPrimary.id, t.to, 'depends_on', { label: 'health check' }), 'probes /healthz'),
            setProps(
              rec.id,
              {
                set_identifier: primary,
                health_check_id: `\${${hcPrimary.id}.id}`,
                ...(params.mode === 'active-active'
                  ? { latency_routing_policy: { region: primary } }
                  : { failover_routing_policy: { type: 'PRIMARY' } }),
              },
              params.mode === 'active-active'
                ? 'latency-based routing: users go to the nearest healthy region'
                : 'failover routing: the primary answers while its health check passes',
            ),
          );
        }
        ops.push(
          addNode(hcSecondary, `health check on the ${region} endpoint`),
          addEdge(
            newEdge(hcSecondary.id, map.get(t.to)!, 'depends_on', { label: 'health check' }),
            'probes /healthz',
          ),
          addNode(
            second,
            params.mode === 'active-active'
              ? `latency record for ${region}`
              : `secondary failover record: Route53 answers with ${region} when the primary health check fails`,
          ),
          addEdge(newEdge(second.id, map.get(t.to)!, 'routes', { label: 'alias' }), `DNS for ${region}`),
        );
      }
    }
    for (const cdn of comps.filter((n) => n.kind === 'cdn')) {
      for (const e of graph.outEdges(cdn.id).filter((x) => map.has(x.to))) {
        ops.push(
          setProps(
            cdn.id,
            { origin_group: { failover_criteria: [500, 502, 503, 504], members: [e.to, map.get(e.to)] } },
            `CloudFront origin failover: on 5xx from ${e.to} it retries the ${region} copy`,
          ),
          addEdge(
            newEdge(cdn.id, map.get(e.to)!, e.kind, { label: 'failover origin' }),
            'secondary origin of the origin group',
          ),
        );
      }
    }
    if (!hasCdn) {
      // A global CDN in front of the API: TLS at the edge, cached GETs, and origin failover between regions.
      // The entry record then aliases the CDN instead of the regional endpoint.
      for (const { rec, edge } of cdnFronted) {
        const entry = graph.node(edge.to)!;
        const cdn = newNode('aws_cloudfront_distribution', localName(entry.id), {
          kind: 'cdn',
          props: {
            price_class: 'PriceClass_100',
            aliases: rec.props.name ? [rec.props.name] : [],
            ...(params.mode === 'active-active'
              ? { origin_domain: `origin.${String(rec.props.name ?? localName(rec.id))}` }
              : {
                  origin_group: {
                    failover_criteria: [500, 502, 503, 504],
                    members: [entry.id, map.get(entry.id)],
                  },
                }),
          },
          tags: entry.tags,
        });
        if (!ops.some((o) => o.op === 'add_node' && o.node.id === cdn.id)) {
          ops.push(
            addNode(
              cdn,
              params.mode === 'active-active'
                ? `a global CDN in front of the regional endpoints: TLS and caching at the edge; its origin is a Route53 latency record (origin.${String(rec.props.name ?? '')}) over the regional load balancers`
                : 'a global CDN in front of the regional endpoints: TLS and caching at the edge, and origin failover to the recovery region on 5xx',
            ),
            addEdge(newEdge(rec.id, cdn.id, 'routes', { label: 'alias' }), `${rec.id} now aliases the CDN`),
            {
              op: 'remove_edge',
              id: edge.id,
              rationale: 'the CDN is the only thing that talks to the regional endpoint',
            },
            addEdge(
              newEdge(cdn.id, entry.id, 'routes', {
                label: params.mode === 'active-active' ? 'origin (latency)' : 'primary origin',
              }),
              `${primary} origin`,
            ),
          );
        }
        ops.push(
          addEdge(
            newEdge(cdn.id, map.get(entry.id)!, 'routes', {
              label: params.mode === 'active-active' ? 'origin (latency)' : 'failover origin',
            }),
            `${region} origin`,
          ),
        );
      }
    }
  }
  return { ops: dedupeOps(ops), primary, secondaries, replicated };
}
