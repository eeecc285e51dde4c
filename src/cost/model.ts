// The cost model: prices each node of a graph for a month from its configuration (classes, counts, storage,
// Multi-AZ, replicas) and from the capacity model's traffic, with every assumption named next to its figure.
import { lookupInstanceClass } from '../catalog/index.js';
import { type PriceSnapshot, quotePrice, shippedPrices } from '../catalog/prices.js';
import { copies, num, prop, regionOf, str, trafficView, zoneOf } from '../graph/query.js';
import type { ArchGraph } from '../model/graph.js';
import { isGroupKind } from '../model/kinds.js';
import type { ArchNode } from '../model/schema.js';
import {
  type CapacityConfig,
  CapacityConfigSchema,
  lambdaConcurrency,
  loadOn,
  propagateLoad,
} from '../planners/capacity.js';
import { type CostConfig, type CostConfigInput, CostConfigSchema, type UsageKey } from './config.js';
import { point, type Range, range, roundQuantity, roundRange, scale, sum } from './range.js';

export interface CostOptions {
  /** Requests per second at each entry point (the capacity model's `--rps`). Default 100. */
  rps?: number;
  /**
   * Traffic multiplier: the load is rps × factor (a scale scenario's ×N), and groups the plan made elastic run
   * at their maximum size. Default 1.
   */
  factor?: number;
  capacity?: Partial<CapacityConfig>;
  cost?: CostConfigInput;
  prices?: PriceSnapshot;
}

/** One priced quantity: quantity × unit price = monthly, with how the quantity was reached. */
export interface CostLine {
  item: string;
  quantity: Range;
  unit: string;
  unitPrice: number;
  /** The snapshot entry. */
  price: string;
  region: string;
  /** Set when the snapshot has no price for `region` and another region's price was used. */
  pricedAs?: string;
  monthly: Range;
  /** How the quantity follows from the graph and the traffic, e.g. `1 task × 0.5 vCPU × 730 h`. */
  basis: string;
  /** The assumptions that drove this figure, each `name = value (where it came from)`. */
  assumptions: string[];
}

export type CostStatus = 'priced' | 'free' | 'unpriced';

export interface NodeCost {
  node: string;
  service: string;
  region: string;
  status: CostStatus;
  monthly: Range;
  lines: CostLine[];
  note?: string;
}

export interface CostReport {
  snapshot: { date: string; basis: string; currency: string };
  rps: number;
  factor: number;
  nodes: NodeCost[];
  total: Range;
  /** Every assumption with the node figures it drove. */
  assumptions: Array<{ text: string; drove: string[] }>;
  notes: string[];
}

/** Usage the graph cannot tell, as ranges; archmap.config.json `cost.usage` / `cost.defaults` override them. */
const DEFAULT_USAGE: Record<string, Partial<Record<UsageKey, Range>>> = {
  '*': { payloadKb: range(1, 10), natGb: range(1, 100), logsGb: range(0.5, 10) },
  aws_s3_bucket: { storageGb: range(1, 100) },
  aws_dynamodb_table: { storageGb: range(1, 25) },
  aws_rds_cluster: { storageGb: range(10, 100), ioPerStatement: range(0, 1) },
  aws_ecr_repository: { storageGb: range(0.5, 5) },
  aws_route53_zone: { queriesMillions: range(0.1, 10) },
};

/** Types AWS does not bill by themselves (their cost shows on the resource they configure, or there is none). */
const FREE_SERVICES = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_internet_gateway',
  'aws_route_table',
  'aws_route_table_association',
  'aws_route',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_acm_certificate',
  'aws_acm_certificate_validation',
  'aws_ecs_cluster',
  'aws_ecs_task_definition',
  'aws_lambda_event_source_mapping',
  'aws_lambda_permission',
  'aws_lb_listener',
  'aws_lb_listener_rule',
  'aws_lb_target_group',
  'aws_lb_target_group_attachment',
  'aws_route53_record',
  'aws_db_subnet_group',
  'aws_db_parameter_group',
  'aws_elasticache_subnet_group',
  'aws_elasticache_parameter_group',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_appautoscaling_target',
  'aws_appautoscaling_policy',
  'aws_launch_template',
  'aws_cloudfront_origin_access_control',
  'aws_secretsmanager_secret_version',
  'aws_sqs_queue_policy',
  'aws_sqs_queue_redrive_policy',
  'aws_sns_topic_subscription',
  'aws_sns_topic_policy',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_servicequotas_service_quota',
  'aws_ecr_lifecycle_policy',
]);
const FREE_PREFIXES = ['aws_iam_'];

interface Context {
  graph: ArchGraph;
  traffic: ArchGraph;
  loads: Map<string, number>;
  capacity: CapacityConfig;
  config: CostConfig;
  prices: PriceSnapshot;
  hours: number;
  seconds: number;
  secondsText: string;
  factor: number;
}

/** A usage figure for a node: config per node, config default, archmap default (always a range or a point). */
function usage(ctx: Context, node: ArchNode, key: UsageKey): { value: Range; from: string } | undefined {
  const own = ctx.config.usage[node.id]?.[key] ?? ctx.config.defaults[key];
  if (own !== undefined)
    return {
      value: typeof own === 'number' ? point(own) : range(own[0], own[1]),
      from: 'archmap.config.json',
    };
  const value = DEFAULT_USAGE[node.service ?? '']?.[key] ?? DEFAULT_USAGE['*']![key];
  return value ? { value, from: 'default range, set cost.usage in archmap.config.json' } : undefined;
}

const fmt = (r: Range) =>
  r.low === r.high ? String(roundQuantity(r.low)) : `${roundQuantity(r.low)}–${roundQuantity(r.high)}`;

class Pricer {
  readonly lines: CostLine[] = [];
  /** A price rule applied, even if the usage came out as zero (an idle queue costs $0.00, it is not unpriced). */
  applied = false;
  constructor(
    private readonly ctx: Context,
    private readonly region: string,
  ) {}

  /** Adds quantity × price; quietly skips a zero quantity and returns false when the price is unknown. */
  add(item: string, key: string, quantity: Range, basis: string, assumptions: string[] = []): boolean {
    const quote = quotePrice(this.ctx.prices, key, this.region);
    if (!quote) return false;
    this.applied = true;
    if (quantity.high === 0) return true;
    // Prices quoted per million / per thousand units: the quantity is counted in those units.
    const line: CostLine = {
      item,
      quantity: roundRange(quantity, roundQuantity),
      unit: quote.unit,
      unitPrice: quote.usd,
      price: key,
      region: this.region,
      monthly: roundRange(scale(quantity, quote.usd)),
      basis,
      assumptions,
    };
    if (quote.pricedAs !== this.region && quote.pricedAs !== 'global') line.pricedAs = quote.pricedAs;
    this.lines.push(line);
    return true;
  }
}

const isFree = (service: string) =>
  FREE_SERVICES.has(service) || FREE_PREFIXES.some((p) => service.startsWith(p));

function perMonth(ctx: Context, rps: number): number {
  return rps * ctx.seconds;
}

const millions = (x: number) => x / 1_000_000;

/** The task definition an ECS service runs. */
function taskDefinitionOf(graph: ArchGraph, svc: ArchNode): ArchNode | undefined {
  const viaEdge = graph
    .outEdges(svc.id)
    .map((e) => graph.node(e.to))
    .find((n) => n?.service === 'aws_ecs_task_definition');
  if (viaEdge) return viaEdge;
  const arn = str(svc, 'task_definition');
  return arn
    ? graph.nodes().find((n) => n.service === 'aws_ecs_task_definition' && n.props.arn === arn)
    : undefined;
}

/** The Application Auto Scaling target or Auto Scaling settings that size a group, if any. */
function scalingOf(graph: ArchGraph, node: ArchNode): { min: number; max: number; id: string } | undefined {
  for (const e of graph.inEdges(node.id)) {
    const from = graph.node(e.from);
    if (from?.service !== 'aws_appautoscaling_target') continue;
    const min = num(from, 'min_capacity');
    const max = num(from, 'max_capacity');
    if (min !== undefined && max !== undefined) return { min, max, id: from.id };
  }
  return undefined;
}

/**
 * How many copies of an elastic group run: its fixed count; with a scaling target, its maximum when the load is
 * scaled (the plan sized the maximum for that load) and anywhere between minimum and maximum otherwise.
 */
function groupSize(
  ctx: Context,
  node: ArchNode,
  fixed: number | undefined,
  bounds: { min: number; max: number; id: string } | undefined,
  noun: string,
): { count: Range; assumption: string } {
  if (bounds && ctx.factor > 1)
    return {
      count: point(bounds.max),
      assumption: `${noun} = ${bounds.max}, the max_capacity ${bounds.id} is sized to for ×${ctx.factor} (the peak held all month: an upper bound)`,
    };
  if (bounds)
    return {
      count: range(bounds.min, bounds.max),
      assumption: `${noun} = ${bounds.min}–${bounds.max} (scaling between min_capacity and max_capacity of ${bounds.id})`,
    };
  const n = fixed ?? copies(ctx.graph, node);
  return {
    count: point(n),
    assumption: `${noun} = ${n} (${fixed !== undefined ? 'terraform' : 'count in the graph'})`,
  };
}

function priceEcsService(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const launch = str(node, 'launch_type') ?? 'FARGATE';
  const strategy = JSON.stringify(prop(node, 'capacity_provider_strategy') ?? '');
  if (launch === 'EC2' || (/\bcapacity_provider\b/.test(strategy) && !/FARGATE/.test(strategy)))
    return 'runs on EC2 capacity: priced with its instances';
  const td = taskDefinitionOf(ctx.graph, node);
  const cpu = td ? num(td, 'cpu') : undefined;
  const mem = td ? num(td, 'memory') : undefined;
  const vcpu = (cpu ?? 256) / 1024;
  const gb = (mem ?? 512) / 1024;
  const arch = /ARM64/i.test(JSON.stringify(td ? prop(td, 'runtime_platform') : '')) ? 'arm64' : 'x86_64';
  const { count, assumption } = groupSize(
    ctx,
    node,
    num(node, 'desired_count'),
    scalingOf(ctx.graph, node),
    'tasks',
  );
  const sized = [
    assumption,
    `task size = ${vcpu} vCPU, ${gb} GB (${cpu !== undefined ? `${td!.id}` : 'Fargate minimum, no task definition in the graph'})`,
  ];
  const hours = scale(count, ctx.hours);
  p.add(
    'vCPU',
    `fargate.vcpu.${arch}`,
    scale(hours, vcpu),
    `${fmt(count)} task × ${vcpu} vCPU × ${ctx.hours} h`,
    sized,
  );
  p.add(
    'memory',
    `fargate.memory.${arch}`,
    scale(hours, gb),
    `${fmt(count)} task × ${gb} GB × ${ctx.hours} h`,
    sized,
  );
  return undefined;
}

function priceLambda(ctx: Context, node: ArchNode, p: Pricer) {
  const modelled = lambdaConcurrency(ctx.traffic, node, ctx.loads, ctx.capacity, ctx.graph);
  const { durationS } = modelled;
  // A load fixed in archmap.config.json counts invocations directly.
  const invocations = ctx.capacity.loads[node.id] ?? modelled.invocations;
  const arch = JSON.stringify(prop(node, 'architectures') ?? '').includes('arm64') ? 'arm64' : 'x86_64';
  const memGb = (num(node, 'memory_size') ?? 128) / 1024;
  const perMonthCount = perMonth(ctx, invocations);
  const why = [
    `invocations = ${roundQuantity(invocations)}/s (capacity model at ${ctx.factor > 1 ? `×${ctx.factor}` : 'today’s load'})`,
    `duration = ${durationS * 1000} ms (${ctx.capacity.durationMs[node.id] ? 'archmap.config.json' : 'capacity.defaultDurationMs'})`,
    `memory = ${memGb * 1024} MB (${num(node, 'memory_size') !== undefined ? 'terraform' : 'Lambda default'})`,
  ];
  p.add(
    'requests',
    'lambda.request',
    point(perMonthCount),
    `${roundQuantity(invocations)}/s × ${ctx.secondsText} s`,
    why,
  );
  p.add(
    'duration',
    `lambda.duration.${arch}`,
    point(perMonthCount * durationS * memGb),
    `${roundQuantity(perMonthCount)} invocations × ${durationS} s × ${memGb} GB`,
    why,
  );
  const provisioned =
    num(node, 'provisioned_concurrent_executions') ??
    ctx.graph
      .nodes()
      .filter(
        (n) =>
          n.service === 'aws_lambda_provisioned_concurrency_config' &&
          ctx.graph.outEdges(n.id).some((e) => e.to === node.id),
      )
      .map((n) => num(n, 'provisioned_concurrent_executions') ?? 0)
      .reduce((a, b) => a + b, 0);
  if (provisioned > 0)
    p.add(
      'provisioned concurrency',
      'lambda.provisioned.x86_64',
      point(provisioned * memGb * ctx.hours * 3600),
      `${provisioned} × ${memGb} GB × ${ctx.hours} h`,
      [`provisioned concurrency = ${provisioned} (terraform)`],
    );
}

function engineFamily(engine: string | undefined): 'postgres' | 'mysql' | undefined {
  if (!engine || /postgres/i.test(engine)) return 'postgres';
  if (/mysql|maria/i.test(engine)) return 'mysql';
  return undefined;
}

function priceDbInstance(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const cls = str(node, 'instance_class');
  const engine = engineFamily(str(node, 'engine'));
  const multiAz = prop(node, 'multi_az') === true || prop(node, 'multi_az') === 'true';
  const copiesN = multiAz ? 2 : 1;
  const az = multiAz ? 'Multi-AZ: primary and standby billed' : 'Single-AZ';
  let missing: string | undefined;
  if (
    !cls ||
    !engine ||
    !p.add(
      'instance',
      `rds.instance.${engine}.${cls}`,
      point(copiesN * ctx.hours),
      `${copiesN} × ${ctx.hours} h (${az})`,
      [`instance_class = ${cls} (terraform)`, `multi_az = ${multiAz} (terraform)`],
    )
  )
    missing = `no price for ${engine ?? str(node, 'engine')} ${cls ?? '(no instance_class)'} in the snapshot`;
  const type = str(node, 'storage_type') ?? 'gp2';
  const gb = num(node, 'allocated_storage') ?? 20;
  const storageKey =
    type === 'io1' || type === 'io2' ? 'rds.storage.io1' : `rds.storage.${type === 'gp3' ? 'gp3' : 'gp2'}`;
  const storageWhy = [
    `allocated_storage = ${gb} GiB (${num(node, 'allocated_storage') !== undefined ? 'terraform' : 'default'})`,
    `storage_type = ${type}`,
  ];
  p.add('storage', storageKey, point(gb * copiesN), `${gb} GiB × ${copiesN}`, storageWhy);
  const iops = num(node, 'iops');
  if (iops !== undefined) {
    // gp3 on RDS includes 3,000 IOPS below 400 GiB and 12,000 from 400 GiB (most engines); io1 bills every IOPS.
    const included = type === 'gp3' ? (gb >= 400 ? 12000 : 3000) : 0;
    const extra = Math.max(0, iops - included);
    if (type === 'gp3' || type === 'io1' || type === 'io2')
      p.add(
        'provisioned IOPS',
        type === 'gp3' ? 'rds.iops.gp3' : 'rds.iops.io1',
        point(extra * copiesN),
        `(${iops} − ${included} included) × ${copiesN}`,
        [`iops = ${iops} (terraform)`],
      );
  }
  return missing;
}

function priceAurora(ctx: Context, node: ArchNode, p: Pricer, loads: Map<string, number>) {
  const storage = usage(ctx, node, 'storageGb')!;
  p.add('storage', 'aurora.storage', storage.value, `${fmt(storage.value)} GB`, [
    `storageGb = ${fmt(storage.value)} (${storage.from})`,
  ]);
  const statements = loadOn(ctx.traffic, loads, node.id, ['reads', 'writes', 'calls']);
  const io = usage(ctx, node, 'ioPerStatement')!;
  p.add(
    'I/O',
    'aurora.io',
    scale(io.value, millions(perMonth(ctx, statements))),
    `${roundQuantity(statements)} statements/s × ${fmt(io.value)} I/O × ${ctx.secondsText} s`,
    [
      `ioPerStatement = ${fmt(io.value)} (${io.from})`,
      `statements = ${roundQuantity(statements)}/s (capacity model)`,
    ],
  );
  const sv2 = prop(node, 'serverlessv2_scaling_configuration');
  if (sv2) {
    const min = num(node, 'serverlessv2_scaling_configuration.min_capacity') ?? 0.5;
    const max = num(node, 'serverlessv2_scaling_configuration.max_capacity') ?? min;
    p.add(
      'Serverless v2 capacity',
      'aurora.serverless_v2',
      scale(range(min, max), ctx.hours),
      `${min}–${max} ACU × ${ctx.hours} h`,
      [`ACU between min_capacity ${min} and max_capacity ${max} (terraform)`],
    );
  }
}

function priceClusterInstance(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const cls = str(node, 'instance_class');
  if (cls === 'db.serverless') return 'db.serverless: priced as ACU-hours on its cluster';
  const cluster = ctx.graph
    .nodes()
    .find(
      (n) =>
        n.service === 'aws_rds_cluster' &&
        (ctx.graph.outEdges(n.id).some((e) => e.to === node.id) ||
          ctx.graph.outEdges(node.id).some((e) => e.to === n.id)),
    );
  const engine =
    engineFamily(str(node, 'engine') ?? (cluster ? str(cluster, 'engine') : undefined)) ?? 'postgres';
  const n = copies(ctx.graph, node);
  if (
    !cls ||
    !p.add('instance', `aurora.instance.${engine}.${cls}`, point(n * ctx.hours), `${n} × ${ctx.hours} h`, [
      `instance_class = ${cls} (terraform)`,
    ])
  )
    return `no Aurora ${engine} price for ${cls ?? '(no instance_class)'} in the snapshot`;
  return undefined;
}

function priceDynamo(ctx: Context, node: ArchNode, p: Pricer) {
  const writes = loadOn(ctx.traffic, ctx.loads, node.id, ['writes']);
  const reads = loadOn(ctx.traffic, ctx.loads, node.id, ['reads']);
  const onDemand = (str(node, 'billing_mode') ?? 'PROVISIONED') === 'PAY_PER_REQUEST';
  const replicas = Array.isArray(node.props.replica) ? (node.props.replica as unknown[]).length : 0;
  const load = [`writes = ${roundQuantity(writes)}/s, reads = ${roundQuantity(reads)}/s (capacity model)`];
  if (onDemand) {
    p.add(
      'write requests',
      'dynamodb.ondemand.write',
      point(millions(perMonth(ctx, writes))),
      `${roundQuantity(writes)}/s × ${ctx.secondsText} s, 1 WRU each`,
      [...load, 'items ≤ 1 KB: one write request unit per write'],
    );
    p.add(
      'read requests',
      'dynamodb.ondemand.read',
      range(millions(perMonth(ctx, reads)) * 0.5, millions(perMonth(ctx, reads))),
      `${roundQuantity(reads)}/s × ${ctx.secondsText} s, 0.5–1 RRU each`,
      [
        ...load,
        'items ≤ 4 KB: 0.5 (eventually consistent) to 1 (strongly consistent) read request unit per read',
      ],
    );
    if (replicas)
      p.add(
        'replicated writes',
        'dynamodb.ondemand.replicated_write',
        point(millions(perMonth(ctx, writes)) * replicas),
        `${roundQuantity(writes)}/s × ${ctx.secondsText} s × ${replicas} replica(s)`,
        [...load, `replicas = ${replicas} (terraform replica blocks)`],
      );
  } else {
    const wcu = num(node, 'write_capacity') ?? 0;
    const rcu = num(node, 'read_capacity') ?? 0;
    p.add(
      'write capacity',
      'dynamodb.provisioned.wcu',
      point(wcu * ctx.hours),
      `${wcu} WCU × ${ctx.hours} h`,
      [`write_capacity = ${wcu} (terraform)`],
    );
    p.add(
      'read capacity',
      'dynamodb.provisioned.rcu',
      point(rcu * ctx.hours),
      `${rcu} RCU × ${ctx.hours} h`,
      [`read_capacity = ${rcu} (terraform)`],
    );
  }
  const storage = usage(ctx, node, 'storageGb')!;
  p.add(
    'storage',
    'dynamodb.storage',
    scale(storage.value, 1 + replicas),
    `${fmt(storage.value)} GB × ${1 + replicas} table(s)`,
    [`storageGb = ${fmt(storage.value)} (${storage.from})`],
  );
}

function priceCache(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const type = str(node, 'node_type');
  const groups = num(node, 'num_node_groups');
  const n =
    num(node, 'num_cache_clusters') ??
    num(node, 'num_cache_nodes') ??
    (groups !== undefined ? groups * ((num(node, 'replicas_per_node_group') ?? 0) + 1) : undefined) ??
    1;
  if (!type) return 'serverless or no node_type: not priced';
  if (
    !p.add('nodes', `elasticache.node.${type}`, point(n * ctx.hours), `${n} node × ${ctx.hours} h`, [
      `node_type = ${type}, ${n} node(s) (terraform)`,
    ])
  )
    return `no price for ${type} in the snapshot`;
  return undefined;
}

function priceS3(ctx: Context, node: ArchNode, p: Pricer) {
  const storage = usage(ctx, node, 'storageGb')!;
  p.add('storage', 's3.storage.standard', storage.value, `${fmt(storage.value)} GB`, [
    `storageGb = ${fmt(storage.value)} (${storage.from})`,
  ]);
  const puts = loadOn(ctx.traffic, ctx.loads, node.id, ['writes']);
  const gets = loadOn(ctx.traffic, ctx.loads, node.id, ['reads', 'routes']);
  const load = [`PUT ${roundQuantity(puts)}/s, GET ${roundQuantity(gets)}/s (capacity model)`];
  p.add(
    'PUT requests',
    's3.put',
    point(perMonth(ctx, puts) / 1000),
    `${roundQuantity(puts)}/s × ${ctx.secondsText} s`,
    load,
  );
  p.add(
    'GET requests',
    's3.get',
    point(perMonth(ctx, gets) / 1000),
    `${roundQuantity(gets)}/s × ${ctx.secondsText} s`,
    load,
  );
}

function priceQueue(ctx: Context, node: ArchNode, p: Pricer) {
  const messages = ctx.loads.get(node.id) ?? 0;
  const fifo = node.id.endsWith('.fifo') || node.props.fifo_queue === true;
  const mapping = ctx.graph
    .nodes()
    .find(
      (n) =>
        n.service === 'aws_lambda_event_source_mapping' &&
        ctx.graph.outEdges(n.id).some((e) => e.to === node.id),
    );
  const lambdaConsumer = ctx.traffic
    .outEdges(node.id)
    .some((e) => e.kind === 'consumes' && ctx.graph.node(e.to)?.service === 'aws_lambda_function');
  // A Lambda event source mapping receives in batches of 10 unless it says otherwise.
  const batch = mapping ? (num(mapping, 'batch_size') ?? 10) : lambdaConsumer ? 10 : 1;
  // Send, receive and delete per message; receive and delete go in batches when the consumer batches.
  const perMessage = range(1 + 2 / Math.max(1, batch), 3);
  p.add(
    'requests',
    fifo ? 'sqs.fifo' : 'sqs.standard',
    scale(perMessage, millions(perMonth(ctx, messages))),
    `${roundQuantity(messages)} msg/s × ${ctx.secondsText} s × ${fmt(perMessage)} requests`,
    [
      `messages = ${roundQuantity(messages)}/s (capacity model)`,
      `requests per message = ${fmt(perMessage)} (send, then receive and delete in batches of ${batch} up to one each)`,
    ],
  );
}

function priceApi(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const load = ctx.loads.get(node.id) ?? 0;
  const rest = node.service === 'aws_api_gateway_rest_api';
  const protocol = str(node, 'protocol_type') ?? (rest ? 'REST' : 'HTTP');
  if (protocol === 'WEBSOCKET') return 'WebSocket APIs are not priced (connection minutes unknown)';
  p.add(
    'requests',
    rest ? 'apigateway.rest' : 'apigateway.http',
    point(millions(perMonth(ctx, load))),
    `${roundQuantity(load)} rps × ${ctx.secondsText} s`,
    [
      `requests = ${roundQuantity(load)}/s (capacity model)`,
      'first pricing tier (up to 300–333 million requests a month)',
    ],
  );
  return undefined;
}

function priceLoadBalancer(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const type = str(node, 'load_balancer_type') ?? 'application';
  if (type === 'gateway') return 'Gateway Load Balancers are not priced';
  const kind = type === 'network' ? 'nlb' : 'alb';
  const load = ctx.loads.get(node.id) ?? 0;
  const payload = usage(ctx, node, 'payloadKb')!;
  p.add('hours', `${kind}.hour`, point(ctx.hours), `1 × ${ctx.hours} h`);
  // One LCU is 25 new connections/s, 3,000 active connections, 1 GB/h processed or 1,000 rule evaluations/s:
  // the bill takes the largest dimension. Keep-alive decides connections, so they bound the range.
  const gbPerHour = scale(payload.value, (load * 3600) / 1_000_000);
  const low = Math.max(gbPerHour.low, load / 1000);
  const high = Math.max(gbPerHour.high, load / 25);
  p.add(
    'capacity units',
    `${kind}.lcu`,
    scale(range(low, high), ctx.hours),
    `max(processed GB/h, connections) × ${ctx.hours} h`,
    [
      `requests = ${roundQuantity(load)}/s (capacity model)`,
      `payloadKb = ${fmt(payload.value)} (${payload.from})`,
      'connections between fully reused (keep-alive) and one new connection per request',
    ],
  );
  return undefined;
}

function priceNat(ctx: Context, node: ArchNode, p: Pricer) {
  const gb = usage(ctx, node, 'natGb')!;
  p.add('hours', 'nat.hour', point(ctx.hours), `1 × ${ctx.hours} h`);
  p.add('data processed', 'nat.gb', gb.value, `${fmt(gb.value)} GB`, [
    `natGb = ${fmt(gb.value)} (${gb.from})`,
  ]);
}

function priceCdn(ctx: Context, node: ArchNode, p: Pricer) {
  const load = ctx.loads.get(node.id) ?? 0;
  const payload = usage(ctx, node, 'payloadKb')!;
  const gb = scale(payload.value, perMonth(ctx, load) / 1_000_000);
  const why = [
    `requests = ${roundQuantity(load)}/s (capacity model)`,
    `payloadKb = ${fmt(payload.value)} (${payload.from})`,
  ];
  p.add(
    'data out',
    'cloudfront.transfer',
    gb,
    `${roundQuantity(load)}/s × ${ctx.secondsText} s × ${fmt(payload.value)} KB`,
    why,
  );
  p.add(
    'HTTPS requests',
    'cloudfront.https',
    point(perMonth(ctx, load) / 10_000),
    `${roundQuantity(load)}/s × ${ctx.secondsText} s`,
    why,
  );
}

function priceInstance(
  ctx: Context,
  node: ArchNode,
  p: Pricer,
  type: string | undefined,
  count: Range,
  why: string,
): string | undefined {
  if (
    !type ||
    !p.add('instances', `ec2.instance.${type}`, scale(count, ctx.hours), `${fmt(count)} × ${ctx.hours} h`, [
      why,
      `instance_type = ${type}`,
    ])
  )
    return `no price for ${type ?? '(no instance_type)'} in the snapshot`;
  const size = num(node, 'root_block_device.volume_size');
  const vtype = str(node, 'root_block_device.volume_type') ?? 'gp3';
  p.add(
    'root volume',
    vtype === 'gp2' ? 'ebs.gp2' : 'ebs.gp3',
    scale(count, size ?? 8),
    `${fmt(count)} × ${size ?? 8} GiB`,
    [
      `root volume = ${size ?? 8} GiB ${vtype} (${size !== undefined ? 'terraform' : 'assumed: AMI default'})`,
    ],
  );
  return undefined;
}

function priceAsg(ctx: Context, node: ArchNode, p: Pricer): string | undefined {
  const template = ctx.graph
    .outEdges(node.id)
    .map((e) => ctx.graph.node(e.to))
    .find((n) => n?.service === 'aws_launch_template');
  const type = (template ? str(template, 'instance_type') : undefined) ?? str(node, 'instance_type');
  const min = num(node, 'min_size');
  const max = num(node, 'max_size');
  const desired = num(node, 'desired_capacity');
  const bounds =
    min !== undefined && max !== undefined && min !== max ? { min, max, id: node.id } : undefined;
  const { count, assumption } = groupSize(ctx, node, desired ?? min, bounds, 'instances');
  return priceInstance(ctx, node, p, type, count, assumption);
}

/** Bytes crossing zones between a caller spread over several zones and a store pinned to one. */
function priceCrossAz(ctx: Context, node: ArchNode, p: Pricer) {
  const zones = new Set<string>();
  for (const s of (node.props.subnets as string[] | undefined) ?? []) {
    const subnet = ctx.graph.node(s);
    const z = subnet ? zoneOf(ctx.graph, subnet) : undefined;
    if (z) zones.add(z);
  }
  if (zones.size < 2) return;
  const load = ctx.loads.get(node.id) ?? 0;
  const targets = new Set(
    ctx.traffic
      .outEdges(node.id)
      .filter((e) => ['calls', 'reads', 'writes'].includes(e.kind))
      .map((e) => e.to),
  );
  for (const id of [...targets].sort()) {
    const target = ctx.graph.node(id);
    if (!target || !['database', 'cache'].includes(target.kind)) continue;
    if (prop(target, 'multi_az') === true && target.service !== 'aws_db_instance') continue;
    const zone = zoneOf(ctx.graph, target);
    if (!zone || !zones.has(zone)) continue;
    const payload = usage(ctx, node, 'payloadKb')!;
    const share = (zones.size - 1) / zones.size;
    // Charged on both sides of the zone boundary: the request out and the answer back, each per direction.
    const gb = scale(payload.value, (perMonth(ctx, load) * share * 2) / 1_000_000);
    p.add(
      `inter-AZ transfer to ${target.id}`,
      'transfer.inter_az',
      gb,
      `${roundQuantity(load)}/s × ${roundQuantity(share)} off-zone × ${fmt(payload.value)} KB × 2 directions`,
      [
        `callers in ${zones.size} zones, ${target.id} in ${zone}`,
        `payloadKb = ${fmt(payload.value)} (${payload.from})`,
      ],
    );
  }
}

function priceNode(ctx: Context, node: ArchNode, region: string): NodeCost {
  const p = new Pricer(ctx, region);
  const service = node.service ?? node.kind;
  let note: string | undefined;
  switch (node.service) {
    case 'aws_ecs_service':
      note = priceEcsService(ctx, node, p);
      break;
    case 'aws_lambda_function':
      priceLambda(ctx, node, p);
      break;
    case 'aws_db_instance':
      note = priceDbInstance(ctx, node, p);
      break;
    case 'aws_rds_cluster':
      priceAurora(ctx, node, p, ctx.loads);
      break;
    case 'aws_rds_cluster_instance':
      note = priceClusterInstance(ctx, node, p);
      break;
    case 'aws_db_proxy': {
      const target = ctx.traffic
        .outEdges(node.id)
        .map((e) => ctx.graph.node(e.to))
        .find((n) => n?.kind === 'database');
      const vcpu = Math.max(
        2,
        lookupInstanceClass(target ? (str(target, 'instance_class') ?? '') : '')?.vcpu ?? 2,
      );
      p.add(
        'proxy',
        'rds.proxy',
        point(vcpu * ctx.hours),
        `${vcpu} vCPU of ${target?.id ?? 'the database'} × ${ctx.hours} h`,
        ['RDS Proxy bills the vCPUs of the database it fronts (minimum 2)'],
      );
      break;
    }
    case 'aws_dynamodb_table':
      priceDynamo(ctx, node, p);
      break;
    case 'aws_elasticache_replication_group':
    case 'aws_elasticache_cluster':
      note = priceCache(ctx, node, p);
      break;
    case 'aws_s3_bucket':
      priceS3(ctx, node, p);
      break;
    case 'aws_sqs_queue':
      priceQueue(ctx, node, p);
      break;
    case 'aws_sns_topic': {
      const load = ctx.loads.get(node.id) ?? 0;
      p.add(
        'publishes',
        'sns.publish',
        point(millions(perMonth(ctx, load))),
        `${roundQuantity(load)}/s × ${ctx.secondsText} s`,
        [`publishes = ${roundQuantity(load)}/s (capacity model)`, 'deliveries to SQS and Lambda are free'],
      );
      break;
    }
    case 'aws_cloudwatch_event_bus': {
      const load = ctx.loads.get(node.id) ?? 0;
      p.add(
        'events',
        'eventbridge.event',
        point(millions(perMonth(ctx, load))),
        `${roundQuantity(load)}/s × ${ctx.secondsText} s`,
        [`events = ${roundQuantity(load)}/s (capacity model)`],
      );
      break;
    }
    case 'aws_kinesis_stream': {
      const shards = num(node, 'shard_count');
      if (shards === undefined) {
        note = 'on-demand stream: not priced';
        break;
      }
      const load = ctx.loads.get(node.id) ?? 0;
      p.add('shards', 'kinesis.shard', point(shards * ctx.hours), `${shards} shard × ${ctx.hours} h`, [
        `shard_count = ${shards} (terraform)`,
      ]);
      p.add(
        'PUT payload units',
        'kinesis.put',
        point(millions(perMonth(ctx, load))),
        `${roundQuantity(load)} records/s × ${ctx.secondsText} s`,
        [`records = ${roundQuantity(load)}/s (capacity model)`, 'records ≤ 25 KB: one payload unit each'],
      );
      break;
    }
    case 'aws_api_gateway_rest_api':
    case 'aws_apigatewayv2_api':
      note = priceApi(ctx, node, p);
      break;
    case 'aws_lb':
    case 'aws_alb':
      note = priceLoadBalancer(ctx, node, p);
      break;
    case 'aws_nat_gateway':
      priceNat(ctx, node, p);
      break;
    case 'aws_eip':
      p.add('public IPv4 address', 'ec2.public_ipv4', point(ctx.hours), `1 × ${ctx.hours} h`, [
        'every public IPv4 address is billed, attached or not',
      ]);
      break;
    case 'aws_cloudfront_distribution':
      priceCdn(ctx, node, p);
      break;
    case 'aws_route53_zone': {
      const q = usage(ctx, node, 'queriesMillions')!;
      p.add('hosted zone', 'route53.zone', point(1), '1 zone');
      p.add('queries', 'route53.query', q.value, `${fmt(q.value)} million`, [
        `queriesMillions = ${fmt(q.value)} (${q.from}); alias queries to AWS resources are free`,
      ]);
      break;
    }
    case 'aws_secretsmanager_secret':
      p.add('secret', 'secretsmanager.secret', point(1), '1 secret');
      break;
    case 'aws_cloudwatch_log_group': {
      const gb = usage(ctx, node, 'logsGb')!;
      const retention = num(node, 'retention_in_days');
      const held = scale(gb.value, retention ? Math.min(retention / 30, 12) : 12);
      p.add('ingestion', 'logs.ingest', gb.value, `${fmt(gb.value)} GB`, [
        `logsGb = ${fmt(gb.value)} (${gb.from})`,
      ]);
      p.add(
        'storage',
        'logs.storage',
        held,
        `${fmt(gb.value)} GB × ${retention ? `${retention} days` : 'a year (no retention set)'}`,
        [`retention_in_days = ${retention ?? 'never expire'}`],
      );
      break;
    }
    case 'aws_ecr_repository': {
      const gb = usage(ctx, node, 'storageGb')!;
      p.add('storage', 'ecr.storage', gb.value, `${fmt(gb.value)} GB`, [
        `storageGb = ${fmt(gb.value)} (${gb.from})`,
      ]);
      break;
    }
    case 'aws_instance':
      note = priceInstance(
        ctx,
        node,
        p,
        str(node, 'instance_type'),
        point(copiesOf(ctx, node)),
        `instances = ${copiesOf(ctx, node)} (graph)`,
      );
      break;
    case 'aws_autoscaling_group':
      note = priceAsg(ctx, node, p);
      break;
    default:
      break;
  }
  if (['service', 'container', 'function'].includes(node.kind)) priceCrossAz(ctx, node, p);
  const lines = p.lines;
  const status: CostStatus = p.applied
    ? 'priced'
    : note
      ? 'unpriced'
      : isFree(service) || /replication|attachment|association|policy/.test(service)
        ? 'free'
        : 'unpriced';
  const out: NodeCost = {
    node: node.id,
    service,
    region,
    status,
    monthly: roundRange(sum(lines.map((l) => l.monthly))),
    lines,
  };
  const why = note ?? (status === 'unpriced' ? `no price rule for ${service}` : undefined);
  if (why) out.note = why;
  return out;
}

function copiesOf(ctx: Context, node: ArchNode): number {
  return /\[[^\]]*\]$/.test(node.id) ? 1 : copies(ctx.graph, node);
}

/**
 * The monthly cost of a design: every node priced from the snapshot, with line items and the assumptions
 * behind them. Traffic comes from the capacity model (`rps` at each entry point, × `factor`).
 * @example
 * const report = costReport(graph, { rps: 200 });
 * report.total // { low: 512.3, high: 640.1 }
 */
export function costReport(graph: ArchGraph, options: CostOptions = {}): CostReport {
  const capacity = CapacityConfigSchema.parse(options.capacity ?? {});
  const config = CostConfigSchema.parse(options.cost ?? {});
  const prices = options.prices ?? shippedPrices();
  const rps = options.rps ?? 100;
  const factor = options.factor ?? 1;
  const { loads, notes } = propagateLoad(graph, rps * factor, capacity);
  const ctx: Context = {
    graph,
    traffic: trafficView(graph),
    loads,
    capacity,
    config,
    prices,
    hours: config.hoursPerMonth,
    seconds: config.hoursPerMonth * 3600,
    secondsText: (config.hoursPerMonth * 3600).toLocaleString('en-US'),
    factor,
  };
  const nodes: NodeCost[] = [];
  const fallbacks = new Set<string>();
  for (const node of graph.nodes()) {
    if (isGroupKind(node.kind) || node.change === 'removed') continue;
    const region = regionOf(graph, node) ?? 'us-east-1';
    if (!regionOf(graph, node)) fallbacks.add(`${node.id} has no region: priced in us-east-1`);
    const cost = priceNode(ctx, node, region);
    for (const l of cost.lines)
      if (l.pricedAs) fallbacks.add(`${region} is not in the snapshot: priced as ${l.pricedAs}`);
    // Free plumbing is noise; free or unpriced components are listed so that nothing is silently left out.
    if (cost.status === 'priced' || !node.plumbing) nodes.push(cost);
  }
  nodes.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const drove = new Map<string, Set<string>>();
  for (const n of nodes)
    for (const l of n.lines)
      for (const a of l.assumptions) drove.set(a, (drove.get(a) ?? new Set()).add(n.node));
  const out: CostReport = {
    snapshot: { date: prices.date, basis: prices.basis, currency: prices.currency },
    rps,
    factor,
    nodes,
    total: roundRange(sum(nodes.map((n) => n.monthly))),
    assumptions: [...drove.entries()]
      .map(([text, ids]) => ({ text, drove: [...ids].sort() }))
      .sort((a, b) => (a.text < b.text ? -1 : 1)),
    notes: [
      `${factor > 1 ? `${rps} × ${factor} = ${rps * factor}` : rps} requests/s at each entry point, held all month (${config.hoursPerMonth} h)`,
      ...[...fallbacks].sort(),
      ...notes,
    ],
  };
  return out;
}
