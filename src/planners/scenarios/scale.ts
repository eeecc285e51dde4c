// Scale ×N: run the capacity model at today's load and at ×N, and fix each component that saturates.

import {
  autoscalingFix,
  instancesToAsgFix,
  rdsProxyFix,
  readReplicaFix,
  reservedConcurrencyFix,
  singleInstanceFix,
} from '../../graph/fixes.js';
import { regionCode } from '../../graph/multi-region.js';
import { addNode, dedupeOps, newNode, setProps } from '../../graph/ops.js';
import { baseAddress, byService, num } from '../../graph/query.js';
import { emptyChangeSet } from '../../model/changeset.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ArchNode, CapacityRow, ChangeOp, ChangeSet } from '../../model/schema.js';
import { bottlenecks, capacityReport } from '../capacity.js';
import { defineScenario, type ScenarioOptions } from './types.js';

/** Rounds up to a "nice" planning figure: 1,2,5 × 10^k. */
export function niceCeil(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * The load plus a 30% margin, rounded up to two significant figures: 4,000 → 5,200 (not a "nice" 10,000, which
 * would print as a 30% margin and be 150%).
 * @example
 * withMargin(4000) // 5200
 */
export function withMargin(x: number): number {
  const v = x * 1.3;
  if (v <= 0) return 0;
  const p = 10 ** Math.max(0, Math.floor(Math.log10(v)) - 1);
  return Math.ceil(Math.round((v / p) * 1e6) / 1e6) * p;
}

function fixFor(graph: ArchGraph, row: CapacityRow, factor: number): ChangeOp[] {
  const node = graph.node(row.node);
  const needed = row.loadAtFactor;
  if (row.node.startsWith('lambda:')) {
    // The shared pool is an account quota, raised through Service Quotas (Terraform manages the request).
    const region = row.node.slice('lambda:'.length);
    const value = withMargin(needed);
    const quota = newNode('aws_servicequotas_service_quota', `lambda_concurrency_${regionCode(region)}`, {
      kind: 'generic',
      region,
      ...(graph.hasNode(`region:${region}`) ? { parent: `region:${region}` } : {}),
      props: { service_code: 'lambda', quota_code: 'L-B99A9384', value },
    });
    if (graph.hasNode(quota.id)) return [];
    return [
      addNode(
        quota,
        `${needed} concurrent executions at ×${factor} across the functions of ${region} exceed the ${row.capacity} default: request ${value} (30% margin) days before the launch`,
      ),
    ];
  }
  if (!node) return [];
  switch (`${node.service}:${row.metric}`) {
    case 'aws_apigatewayv2_api:rps':
    case 'aws_api_gateway_rest_api:rps': {
      const rate = withMargin(needed);
      return [
        setProps(
          node.id,
          { throttling_rate_limit: rate, throttling_burst_limit: rate * 2 },
          `${needed} rps at ×${factor} needs the stage throttle above it; ${rate} rps leaves 30% margin (burst 2×)`,
        ),
      ];
    }
    case 'aws_lambda_function:concurrency': {
      const limit = withMargin(needed);
      return reservedConcurrencyFix(
        node,
        limit,
        `${needed} concurrent executions at ×${factor}; reserve ${limit} (30% margin)`,
      );
    }
    case 'aws_db_instance:iops': {
      const readers = graph.inEdges(node.id).filter((e) => e.kind === 'reads');
      const writers = graph.inEdges(node.id).filter((e) => e.kind === 'writes');
      const iops = Math.min(64000, withMargin(needed));
      const ops: ChangeOp[] = [
        setProps(
          node.id,
          {
            storage_type: 'gp3',
            iops,
            allocated_storage: Math.max(num(node, 'allocated_storage') ?? 20, 400),
          },
          `${needed} I/O per second at ×${factor} exceeds the ${row.capacity} baseline; gp3 with ${iops} provisioned IOPS (needs ≥ 400 GiB on RDS to go past 3,000)`,
        ),
      ];
      if (readers.length > writers.length)
        ops.push(
          ...readReplicaFix(
            graph,
            node,
            readers.map((e) => graph.node(e.from)!),
          ),
        );
      return ops;
    }
    case 'aws_db_instance:connections':
    case 'aws_rds_cluster:connections': {
      const callers = graph
        .inEdges(node.id)
        .filter((e) => e.kind !== 'depends_on' && e.kind !== 'access')
        .map((e) => graph.node(e.from)!)
        .filter((n) => n.kind === 'function' || n.kind === 'service' || n.kind === 'container');
      return rdsProxyFix(graph, node, callers);
    }
    case 'aws_dynamodb_table:writes':
    case 'aws_dynamodb_table:reads': {
      const writes = withMargin(needed);
      const key = row.metric === 'writes' ? 'write_units_per_second' : 'read_units_per_second';
      return [
        setProps(
          node.id,
          { warm_throughput: { ...((node.props.warm_throughput as object) ?? {}), [key]: writes } },
          `an on-demand table serves ${row.capacity} ${row.metric}/s at first and only doubles its previous peak every 30 min; pre-warm it to ${writes}/s before the launch`,
        ),
      ];
    }
    case 'aws_s3_bucket:put_rps':
    case 'aws_s3_bucket:get_rps': {
      const prefixes = Math.ceil(needed / (row.capacity ?? needed));
      return [
        setProps(
          node.id,
          { key_prefixes: prefixes },
          `${needed} ${row.metric === 'put_rps' ? 'PUT' : 'GET'}/s at ×${factor} needs at least ${prefixes} key prefixes (S3 scales per prefix)`,
        ),
      ];
    }
    default:
      return [];
  }
}

export default defineScenario({
  name: 'scale',
  description: 'handle ×N traffic: capacity model, bottleneck table, and a fix for every saturated component',
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet {
    const factor = options.factor;
    const report = capacityReport(graph, { rps: options.rps, factor, config: options.capacity });
    const saturated = bottlenecks(report);
    const ops: ChangeOp[] = [];
    for (const row of saturated) ops.push(...fixFor(graph, row, factor));
    // Fixed-size compute becomes elastic, sized for the factor.
    for (const svc of byService(graph, 'aws_ecs_service')) {
      const desired = num(svc, 'desired_count') ?? 1;
      const row = report.rows.find((r) => r.node === svc.id && r.metric === 'rps' && r.capacity);
      // Enough tasks to run the ×N load at 70% of the per-task figure, never less than desired × N.
      const needed = row?.capacity ? Math.ceil(row.loadAtFactor / ((row.capacity / desired) * 0.7)) : 0;
      ops.push(...autoscalingFix(graph, svc, Math.max(needed, Math.ceil(desired * factor))));
    }
    for (const inst of byService(graph, 'aws_instance')) {
      if (!graph.inEdges(inst.id).some((e) => e.kind === 'routes'))
        ops.push(...singleInstanceFix(graph, inst));
    }
    // Fixed instances behind a load balancer become an Auto Scaling group sized for the factor.
    const balanced = byService(graph, 'aws_instance').filter((n) =>
      graph.inEdges(n.id).some((e) => e.kind === 'routes'),
    );
    const sets = new Map<string, ArchNode[]>();
    for (const inst of balanced)
      sets.set(baseAddress(inst.id), [...(sets.get(baseAddress(inst.id)) ?? []), inst]);
    for (const instances of sets.values()) ops.push(...instancesToAsgFix(graph, instances, factor));
    const lambdaPools = saturated.filter((r) => r.node.startsWith('lambda:'));
    const named = saturated.map((r) => `${r.node} (${r.metric} ${r.loadAtFactor} > ${r.capacity})`);
    return {
      ...emptyChangeSet(`Scale ×${factor}`),
      scenario: { name: 'scale', params: { factor, rps: options.rps } },
      planner: 'offline',
      summary: saturated.length
        ? `At ×${factor} (${options.rps} → ${options.rps * factor} rps at each of ${report.entryPoints.length} entry points), ${saturated.length} limits are exceeded: ${named.join('; ')}.`
        : `At ×${factor} no known limit is exceeded; rows with unknown capacity need load tests.`,
      goals: [
        `serve ${options.rps * factor} rps at each entry point with ≥ 30% headroom on every known limit`,
      ],
      ops: quotaCoversReserved(graph, dedupeOps(ops)),
      capacity: report.rows,
      tradeoffs: [
        'Provisioned headroom (IOPS, warm throughput, reserved concurrency) costs money before the traffic arrives.',
        'Autoscaling reacts in minutes; a step change in traffic still needs pre-scaling before a launch.',
        ...report.notes,
      ],
      alternatives: fitting(graph, [
        {
          option: 'Vertical scaling only (bigger instance classes)',
          whyNot:
            'cheap to do once, but stops at the largest class and keeps the single writer as the ceiling',
        },
        {
          option: 'Move the relational store to Aurora (Serverless v2)',
          whyNot:
            'removes the IOPS ceiling and scales readers, but it is a migration; worth it past the next ×10',
        },
        {
          option: 'Provisioned concurrency on the hot functions',
          whyNot:
            'removes cold starts but is billed per hour whether used or not, and does not raise the account quota',
        },
        {
          option: 'Move the hottest function to containers (ECS on Fargate)',
          whyNot:
            'takes the Lambda quota out of the path but brings capacity planning back; a migration worth it only for steady load',
        },
        {
          option: 'Rate-limit and shed load instead of scaling',
          whyNot: 'protects the system but turns growth into errors; keep it as the safety net, not the plan',
        },
      ]),
      risks: [
        'Capacity figures are published limits and defaults; real throughput per task or per query must be load-tested.',
        ...(lambdaPools.length
          ? [
              `Lambda account concurrency is shared by every function in the region (${lambdaPools.map((r) => r.node).join(', ')}): request the increase days before launch.`,
            ]
          : []),
        'Downstream third-party APIs may rate-limit before AWS does.',
      ],
      openQuestions: [
        'Is ×' + factor + ' a sustained level or a peak (sale, launch)? Pre-warming differs.',
        'What is the measured rps per task/instance today (set capacity.perCopyRps in archmap.config.json)?',
        'What share of requests are reads that could be cached?',
      ],
      costNotes: [
        ...(hasRelational(graph)
          ? [
              'gp3 IOPS above 3,000 are billed per provisioned IOPS-month; a read replica costs one more instance.',
            ]
          : []),
        'Compute cost grows roughly linearly with load once autoscaling is in place.',
      ],
      rollout: [
        'Load-test the current stack to calibrate per-copy throughput.',
        hasRelational(graph)
          ? 'Apply quota increases and storage changes first (no downtime for gp3 IOPS changes).'
          : 'Apply quota increases first: Service Quotas requests can take days.',
        'Enable autoscaling, then pre-warm tables and raise throttles before the expected peak.',
        'Watch the bottleneck metrics (ConcurrentExecutions, ReadIOPS/WriteIOPS, ThrottledRequests) during ramp-up.',
      ],
    };
  },
});

/** Relational databases with instance classes and IOPS (RDS, Aurora): the advice about them needs one. */
function hasRelational(graph: ArchGraph): boolean {
  return graph
    .nodes()
    .some((n) => n.change !== 'removed' && ['aws_db_instance', 'aws_rds_cluster'].includes(n.service ?? ''));
}

/** Alternatives that name components this graph has: no instance classes or Aurora on an all-serverless stack. */
function fitting<T extends { option: string }>(graph: ArchGraph, alternatives: T[]): T[] {
  const instances = graph
    .nodes()
    .some(
      (n) =>
        n.change !== 'removed' &&
        /^aws_(instance|db_instance|rds_cluster|elasticache_|launch_template|autoscaling_group|opensearch)/.test(
          n.service ?? '',
        ),
    );
  const functions = graph.nodes().some((n) => n.change !== 'removed' && n.service === 'aws_lambda_function');
  return alternatives.filter(
    (a) =>
      (!/concurrency|hottest function/i.test(a.option) || functions) &&
      (!/instance class/i.test(a.option) || instances) &&
      (!/relational|aurora/i.test(a.option) || hasRelational(graph)),
  );
}

/**
 * The Lambda concurrency quota must leave 100 unreserved executions above the sum of every function's reserved
 * concurrency in the region (AWS refuses a reservation that would leave less), so the request covers that sum.
 */
function quotaCoversReserved(graph: ArchGraph, ops: ChangeOp[]): ChangeOp[] {
  const reservedSet = new Map<string, number>();
  for (const op of ops)
    if (op.op === 'update_node' && typeof op.set.props?.reserved_concurrent_executions === 'number')
      reservedSet.set(op.id, op.set.props.reserved_concurrent_executions);
  return ops.map((op) => {
    if (op.op !== 'add_node' || op.node.service !== 'aws_servicequotas_service_quota') return op;
    const value = op.node.props.value;
    if (typeof value !== 'number') return op;
    let reserved = 0;
    for (const n of graph.nodes())
      if (n.service === 'aws_lambda_function' && n.change !== 'removed' && n.region === op.node.region) {
        const r = reservedSet.get(n.id) ?? n.props.reserved_concurrent_executions;
        if (typeof r === 'number') reserved += r;
      }
    if (value >= reserved + 100) return op;
    const needed = reserved + 100;
    return {
      ...op,
      node: { ...op.node, props: { ...op.node.props, value: needed } },
      rationale: `${op.rationale}; raised to ${needed}: the functions reserve ${reserved} and AWS keeps 100 unreserved`,
    };
  });
}
