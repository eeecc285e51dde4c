// Multi-region: run in a second region, active-passive (failover) or active-active (latency routing).
// The operations come from the shared remedy in src/graph/multi-region.ts; this file adds the narrative.
import { multiRegionOps } from '../../graph/multi-region.js';
import { emptyChangeSet } from '../../model/changeset.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ChangeSet } from '../../model/schema.js';
import { defineScenario, type ScenarioOptions } from './types.js';

export default defineScenario({
  name: 'multi-region',
  description: 'run in a second region: active-passive (failover) or active-active (latency routing)',
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet {
    const plan = multiRegionOps(graph, { mode: options.mode, regions: options.regions });
    const active = options.mode === 'active-active';
    const regionsText = [plan.primary, ...plan.secondaries].join(', ');
    return {
      ...emptyChangeSet(`Multi-region (${options.mode}): ${regionsText}`),
      scenario: {
        name: 'multi-region',
        params: { mode: options.mode, regions: [plan.primary, ...plan.secondaries] },
      },
      planner: 'offline',
      summary: active
        ? `Serve users from ${regionsText} at once. Route53 latency records send each user to the nearest healthy region; data is replicated with ${[...new Set(plan.replicated.map((r) => r.feature))].join(', ') || 'no stateful services'}.`
        : `Keep a full copy of the stack in ${plan.secondaries.join(', ')} and fail over with Route53 health checks. Data is replicated with ${[...new Set(plan.replicated.map((r) => r.feature))].join(', ') || 'no stateful services'}.`,
      goals: [
        'survive the loss of a whole region',
        active
          ? 'lower latency for users far from the primary region'
          : 'fail over in minutes with seconds of data loss',
      ],
      ops: plan.ops,
      tradeoffs: [
        active
          ? 'Active-active doubles steady-state compute cost and forces the application to tolerate concurrent writes in two regions (last-writer-wins in DynamoDB; write forwarding latency in Aurora).'
          : 'Active-passive pays for a standby that serves no users, and a failover is a deliberate event (promotion + DNS) rather than invisible.',
        'Asynchronous replication means a regional failure loses the last seconds of writes (RPO > 0).',
        'Every deploy, secret, quota and alarm now exists twice and must be kept in step (one Terraform module per region with provider aliases).',
      ],
      alternatives: [
        {
          option: 'Aurora Global Database for the relational data',
          whyNot: active
            ? 'chosen for the relational store: one writer, < 1 s storage replication, write forwarding for the other region'
            : 'better RPO/RTO than an RDS cross-region replica but requires migrating RDS to Aurora first; the replica is enough for active-passive',
        },
        {
          option: 'DynamoDB global tables for all data',
          whyNot:
            'multi-writer and fully managed, but relational data with joins and transactions would need a rewrite',
        },
        {
          option: 'Cross-region read replicas everywhere',
          whyNot: active
            ? 'replicas are read-only: the second region could not take writes without a promotion'
            : 'chosen for RDS instances: cheapest path, promotion takes minutes',
        },
        {
          option: 'AWS Global Accelerator instead of Route53 routing',
          whyNot:
            'faster failover (no DNS TTL) but a fixed hourly fee and no caching; Route53 + CloudFront cover the need',
        },
      ],
      risks: [
        'Split brain: if both regions accept writes to a store that is not multi-writer, data diverges. Fence writes during failover.',
        'DNS TTLs and client caches delay failover by the record TTL (keep it at 60 s).',
        'In-flight SQS messages in the failed region are stranded until it recovers (queues are regional).',
        'Service quotas (Lambda concurrency, instance limits) in the new region start at defaults.',
      ],
      openQuestions: [
        `Is ${plan.secondaries.join(', ')} acceptable for data residency?`,
        'Which RPO and RTO does the business actually need (see `--scenario dr`)?',
        active
          ? 'Which writes must be strongly consistent across regions?'
          : 'Who decides to fail over, and is the runbook rehearsed?',
      ],
      costNotes: [
        active
          ? 'Compute roughly doubles; data stores add replica instances and replicated write I/O (DynamoDB replicated WCUs, Aurora replicated I/O).'
          : 'Standby compute at full size costs as much as the primary; see `dr` for pilot light or warm standby to cut it.',
        'Cross-region data transfer is billed per GB for every replicated write and object (about $0.02/GB between most regions).',
        'Route53 health checks cost about $0.50 per month each for AWS endpoints.',
      ],
      rollout: [
        `Request quota increases in ${plan.secondaries.join(', ')} (Lambda concurrency, ECS tasks, EIPs).`,
        'Create the network and replicated data stores first; wait for replication to catch up.',
        'Deploy the compute copies from the same pipeline, behind the health checks.',
        active
          ? 'Add latency records with a small weight first, then even out.'
          : 'Add the failover records; run a game day that fails the primary health check.',
        'Write and rehearse the failover and failback runbooks.',
      ],
    };
  },
});
