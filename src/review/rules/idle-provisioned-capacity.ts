import { byService, num, regionOf, str, trafficIn } from '../../graph/query.js';
import type { ChangeOp } from '../../model/schema.js';
import { listPrice, perMonth } from '../price-text.js';
import { defineRule } from '../types.js';

/** Nothing in the graph sends this node work: no traffic edge and no IAM grant pointing at it. */
const idle = (graph: Parameters<typeof trafficIn>[0], id: string) =>
  trafficIn(graph, id).length === 0 && !graph.inEdges(id).some((e) => e.kind === 'access');

export default defineRule({
  id: 'idle-provisioned-capacity',
  title: 'Provisioned capacity that nothing in the graph uses',
  severity: 'medium',
  pillar: 'cost-optimization',
  why: 'Provisioned throughput is billed by the hour whether or not requests arrive. When nothing reads or writes a table, invokes a function or writes to a stream, that capacity is waste (or the graph misses a caller: check).',
  helpUri:
    'https://docs.aws.amazon.com/wellarchitected/latest/cost-optimization-pillar/decommission-resources.html',
  check: ({ graph }) => {
    const hits = [];
    for (const t of byService(graph, 'aws_dynamodb_table')) {
      if ((str(t, 'billing_mode') ?? 'PROVISIONED') !== 'PROVISIONED' || !idle(graph, t.id)) continue;
      const wcu = num(t, 'write_capacity') ?? 0;
      const rcu = num(t, 'read_capacity') ?? 0;
      if (wcu + rcu === 0) continue;
      const region = regionOf(graph, t);
      const w = listPrice('dynamodb.provisioned.wcu', region);
      const r = listPrice('dynamodb.provisioned.rcu', region);
      const monthly =
        w && r ? `: ${perMonth((wcu * w.usd + rcu * r.usd) * 730)} at ${w.text} and ${r.text}` : '';
      const fix: ChangeOp[] = [
        {
          op: 'update_node',
          id: t.id,
          set: { props: { billing_mode: 'PAY_PER_REQUEST' } },
          unset: ['props.read_capacity', 'props.write_capacity'],
          rationale: 'on demand bills only the requests that arrive: nothing, while nothing uses the table',
        },
      ];
      hits.push({
        nodes: [t.id],
        message: `${t.id} provisions ${wcu} WCU and ${rcu} RCU that no reader or writer in the graph uses${monthly}`,
        fix,
      });
    }
    for (const cfg of byService(graph, 'aws_lambda_provisioned_concurrency_config')) {
      const fn = graph
        .outEdges(cfg.id)
        .map((e) => graph.node(e.to))
        .find((n) => n?.service === 'aws_lambda_function');
      if (!fn || !idle(graph, fn.id)) continue;
      const n = num(cfg, 'provisioned_concurrent_executions') ?? 0;
      const gb = (num(fn, 'memory_size') ?? 128) / 1024;
      const p = listPrice('lambda.provisioned.x86_64', regionOf(graph, fn));
      const monthly = p ? `: ${perMonth(n * gb * 730 * 3600 * p.usd)} at ${p.text}` : '';
      hits.push({
        nodes: [cfg.id, fn.id],
        message: `${fn.id} keeps ${n} environments of ${gb * 1024} MB warm, but nothing in the graph invokes it${monthly}`,
        fix: [
          {
            op: 'remove_node',
            id: cfg.id,
            rationale: 'provisioned concurrency for a function nobody calls',
          } as ChangeOp,
        ],
      });
    }
    for (const s of byService(graph, 'aws_kinesis_stream')) {
      const shards = num(s, 'shard_count');
      if (!shards || !idle(graph, s.id)) continue;
      const p = listPrice('kinesis.shard', regionOf(graph, s));
      hits.push({
        nodes: [s.id],
        message: `${s.id} provisions ${shards} shard(s) that no producer in the graph writes to${p ? `: ${perMonth(shards * 730 * p.usd)} at ${p.text}` : ''}`,
        fix: [],
      });
    }
    return hits;
  },
});
