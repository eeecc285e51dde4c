// High availability: every stateful service Multi-AZ, every compute tier at least two copies in two AZs,
// one NAT gateway per AZ.

import { isSingleAz, multiAzFix } from '../../graph/fixes.js';
import { dedupeOps } from '../../graph/ops.js';
import { byService, components } from '../../graph/query.js';
import { emptyChangeSet } from '../../model/changeset.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ChangeOp, ChangeSet } from '../../model/schema.js';
import { defineScenario, type ScenarioOptions } from './types.js';

/** Regional services that AWS already runs across AZs: nothing to do for them. */
const MULTI_AZ_BY_DESIGN = [
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_s3_bucket',
  'aws_dynamodb_table',
  'aws_lambda_function',
  'aws_apigatewayv2_api',
  'aws_api_gateway_rest_api',
  'aws_cloudfront_distribution',
  'aws_route53_zone',
  'aws_route53_record',
];

export function haOps(graph: ArchGraph): { ops: ChangeOp[]; changed: string[] } {
  const ops: ChangeOp[] = [];
  const changed: string[] = [];
  for (const n of components(graph)) {
    if (!isSingleAz(graph, n)) continue;
    const fix = multiAzFix(graph, n);
    if (fix.length) changed.push(n.id);
    ops.push(...fix);
  }
  const nats = byService(graph, 'aws_nat_gateway');
  if (nats.length === 1) {
    const fix = multiAzFix(graph, nats[0]!);
    if (fix.length) changed.push(nats[0]!.id);
    ops.push(...fix);
  }
  return { ops: dedupeOps(ops), changed };
}

export default defineScenario({
  name: 'ha',
  description: 'Multi-AZ everywhere: databases, caches, compute and NAT',
  plan(graph: ArchGraph, _options: ScenarioOptions): ChangeSet {
    const { ops, changed } = haOps(graph);
    const managed = components(graph)
      .filter((n) => n.service && MULTI_AZ_BY_DESIGN.includes(n.service))
      .map((n) => n.id);
    return {
      ...emptyChangeSet('High availability: Multi-AZ everywhere'),
      scenario: { name: 'ha', params: {} },
      planner: 'offline',
      summary: changed.length
        ? `Make ${changed.length} single-AZ components survive the loss of an Availability Zone: ${changed.join(', ')}. ${managed.length} regional services are already multi-AZ by design.`
        : 'Every component already survives the loss of one AZ.',
      goals: ['no single AZ failure takes the service down', 'automatic failover without a human'],
      ops,
      tradeoffs: [
        'A Multi-AZ RDS standby doubles the instance cost and adds ~1–2 ms to commits (synchronous replication).',
        'Failover is automatic but not instant: 60–120 s for RDS, seconds for ElastiCache; clients must reconnect.',
        'One NAT gateway per AZ costs one more hourly fee each but removes cross-AZ NAT traffic charges.',
      ],
      alternatives: [
        {
          option: 'Aurora instead of RDS Multi-AZ',
          whyNot:
            'faster failover (~30 s) and readable replicas, but a migration; Multi-AZ is a flag on the existing instance',
        },
        {
          option: 'RDS Multi-AZ DB cluster (two readable standbys)',
          whyNot: 'commits faster and failover in ~35 s, but limited engine versions and instance classes',
        },
        {
          option: 'Multi-region instead',
          whyNot: 'protects against more, costs far more; AZ redundancy comes first',
        },
      ],
      risks: [
        'Turning on Multi-AZ on an existing instance causes a brief I/O suspension while the standby is created; do it in a maintenance window.',
        'Applications that cache DNS answers forever will not follow a failover.',
      ],
      openQuestions: [
        'Are connection retries and timeouts configured in every client (pg, ioredis)?',
        'Do alarms page someone on a failover event?',
      ],
      costNotes: [
        'RDS Multi-AZ: 2× instance and storage cost.',
        'ElastiCache replica: one more node.',
        'NAT gateway: about $0.045/hour plus data processing per extra gateway.',
      ],
      rollout: [
        'Enable Multi-AZ on databases in a maintenance window.',
        'Add cache replicas and enable automatic failover.',
        'Add NAT gateways and switch each private route table to its own AZ.',
        'Test by rebooting with failover (aws rds reboot-db-instance --force-failover).',
      ],
    };
  },
});
