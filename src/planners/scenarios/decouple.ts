// Decouple: put a queue between a synchronous producer and a slow consumer, so that the request path returns
// as soon as the work is stored and the consumer drains it at its own pace.

import { decoupleFix, dlqFix } from '../../graph/fixes.js';
import { addEdge, addNode, dedupeOps, newEdge, newNode } from '../../graph/ops.js';
import { COMPUTE_KINDS, entryPoints, isSync, localName } from '../../graph/query.js';
import { emptyChangeSet } from '../../model/changeset.js';
import { UsageError } from '../../model/errors.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ArchEdge, ChangeOp, ChangeSet } from '../../model/schema.js';
import { defineScenario, type ScenarioOptions } from './types.js';

/** Nodes reachable from an entry point through synchronous edges only: the request path. */
export function requestPath(graph: ArchGraph): Set<string> {
  const seen = new Set<string>();
  const stack = entryPoints(graph).map((n) => n.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.outEdges(id)) if (isSync(e)) stack.push(e.to);
  }
  return seen;
}

/** Candidate edges, best first: calls to third parties, calls to other services, writes to relational stores, other writes. */
export function decoupleCandidates(graph: ArchGraph): ArchEdge[][] {
  const path = requestPath(graph);
  const sync = graph.edges().filter((e) => {
    const from = graph.node(e.from)!;
    return (
      path.has(e.from) && COMPUTE_KINDS.includes(from.kind) && (e.kind === 'calls' || e.kind === 'writes')
    );
  });
  const target = (e: ArchEdge) => graph.node(e.to)!;
  return [
    sync.filter((e) => e.kind === 'calls' && target(e).kind === 'external'),
    sync.filter((e) => e.kind === 'calls' && COMPUTE_KINDS.includes(target(e).kind)),
    sync.filter(
      (e) => e.kind === 'writes' && ['aws_db_instance', 'aws_rds_cluster'].includes(target(e).service ?? ''),
    ),
    sync.filter((e) => e.kind === 'writes' && ['aws_dynamodb_table'].includes(target(e).service ?? '')),
  ];
}

/** Queue + worker in front of a data store: producers enqueue, one bounded worker writes. */
function writeBehindFix(graph: ArchGraph, edges: ArchEdge[]): ChangeOp[] {
  const store = graph.node(edges[0]!.to)!;
  const name = localName(store.id);
  const queue = newNode('aws_sqs_queue', `${name}_writes`, {
    like: store,
    kind: 'queue',
    props: {
      name: `${name}-writes`,
      visibility_timeout_seconds: 180,
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 345600,
    },
  });
  const worker = newNode('aws_lambda_function', `${name}_writer`, {
    like: edges.map((e) => graph.node(e.from)!)[0],
    kind: 'function',
    props: { runtime: 'nodejs20.x', timeout: 30, memory_size: 512, reserved_concurrent_executions: 10 },
  });
  delete queue.zone;
  delete worker.zone;
  if (graph.hasNode(queue.id) || graph.hasNode(worker.id)) return [];
  const ops: ChangeOp[] = [
    addNode(
      queue,
      `${store.id} receives writes through a queue: the request path returns once the message is stored (single-digit ms)`,
    ),
    addNode(
      worker,
      `one worker drains the queue into ${store.id}; reserved concurrency 10 caps the connections and write rate it can cause`,
    ),
    addEdge(
      newEdge(queue.id, worker.id, 'consumes', { label: 'event source mapping' }),
      'batches of up to 10 messages, partial batch failure reporting',
    ),
    addEdge(
      newEdge(worker.id, store.id, 'writes', { label: edges[0]!.label ?? 'write' }),
      'the only writer on this path',
    ),
  ];
  for (const e of edges) {
    ops.push(
      addEdge(
        newEdge(e.from, queue.id, 'publishes', { label: 'SendMessage' }),
        `${e.from} enqueues the write`,
      ),
      { op: 'remove_edge', id: e.id, rationale: `${e.from} no longer writes synchronously` },
    );
  }
  ops.push(...dlqFix(graph, queue));
  return ops;
}

export default defineScenario({
  name: 'decouple',
  description: 'a queue between a synchronous producer and a slow consumer',
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet {
    let chosen: ArchEdge[] = [];
    if (options.edge) {
      const byId =
        graph.edge(options.edge) ?? graph.edges().find((e) => `${e.from} -> ${e.to}` === options.edge);
      if (!byId)
        throw new UsageError(`--edge ${options.edge}: no such edge`, {
          hint: 'use an edge id from the graph file, or "FROM -> TO"',
        });
      chosen = [byId];
    } else {
      chosen = decoupleCandidates(graph).find((group) => group.length > 0) ?? [];
      // Several producers of the same consumer share one queue; decouple one consumer per plan.
      if (chosen.length) chosen = chosen.filter((e) => e.to === chosen[0]!.to);
    }
    const consumer = chosen[0] ? graph.node(chosen[0].to)! : undefined;
    const ops = !consumer
      ? []
      : COMPUTE_KINDS.includes(consumer.kind) || consumer.kind === 'external'
        ? consumer.kind === 'external'
          ? writeBehindExternal(graph, chosen)
          : chosen.flatMap((e) => decoupleFix(graph, e))
        : writeBehindFix(graph, chosen);
    return {
      ...emptyChangeSet(consumer ? `Decouple ${consumer.id} with a queue` : 'Decouple: nothing to do'),
      scenario: { name: 'decouple', params: options.edge ? { edge: options.edge } : {} },
      planner: 'offline',
      summary: consumer
        ? `${chosen.map((e) => e.from).join(', ')} ${chosen[0]!.kind === 'calls' ? 'call' : 'write to'} ${consumer.id} synchronously on the request path. A queue lets the request return once the work is stored, absorbs bursts, and retries failures without the user waiting.`
        : 'No synchronous producer → slow consumer edge on the request path: the work is already asynchronous or the calls need their answers.',
      goals: [
        'request latency independent of the consumer',
        'bursts absorbed instead of rejected',
        'failures retried and isolated in a DLQ',
      ],
      ops: dedupeOps(ops),
      tradeoffs: [
        'The caller no longer gets the result inline: the API answers 202 Accepted (with an id) and the client polls or is notified.',
        'Eventual consistency: a read right after the write may not see it.',
        'SQS standard queues deliver at least once and not in order: the consumer must be idempotent.',
      ],
      alternatives: [
        {
          option: 'Amazon SQS (chosen)',
          whyNot: 'chosen: serverless, no capacity planning, native Lambda/ECS integration, DLQ built in',
        },
        {
          option: 'Kafka (Amazon MSK)',
          whyNot:
            'ordered, replayable log with many consumer groups, but brokers to size and run; worth it for event streaming, not for one work queue',
        },
        {
          option: 'RabbitMQ (Amazon MQ)',
          whyNot:
            'rich routing and AMQP compatibility, but an instance-based broker to patch and scale, with a throughput ceiling per broker',
        },
        {
          option: 'EventBridge',
          whyNot:
            'great for fan-out of domain events to many targets, but no pull consumer or backpressure for a slow worker',
        },
        {
          option: 'SQS FIFO',
          whyNot:
            'ordering and exactly-once processing per group, at 300 msg/s per API action (3,000 batched) unless high-throughput mode is on',
        },
      ],
      risks: [
        'Poison messages: without a DLQ they are retried forever (a DLQ is included).',
        'Queue depth can hide a broken consumer: alarm on ApproximateAgeOfOldestMessage.',
      ],
      openQuestions: [
        'Does any caller need the result synchronously today?',
        'Is the consumer idempotent (duplicate deliveries)?',
        'Is ordering per entity required (then FIFO with a message group id)?',
      ],
      costNotes: ['SQS: $0.40 per million requests after the free tier; negligible next to compute.'],
      rollout: [
        'Make the consumer idempotent.',
        'Deploy the queue, DLQ and consumer.',
        'Switch producers to enqueue behind a flag; compare results.',
        'Remove the synchronous path.',
        'Alarm on queue age and DLQ depth.',
      ],
    };
  },
});

/** A third-party call moves to a worker that reads the queue; the producer enqueues. */
function writeBehindExternal(graph: ArchGraph, edges: ArchEdge[]): ChangeOp[] {
  const ext = graph.node(edges[0]!.to)!;
  const name = localName(ext.id).replace(/^api_|_com$/g, '');
  const queue = newNode('aws_sqs_queue', `${name}_requests`, {
    like: graph.node(edges[0]!.from),
    kind: 'queue',
    props: { name: `${name}-requests`, sqs_managed_sse_enabled: true },
  });
  const worker = newNode('aws_lambda_function', `${name}_caller`, {
    like: graph.node(edges[0]!.from),
    kind: 'function',
    props: { runtime: 'nodejs20.x', timeout: 30 },
  });
  delete queue.zone;
  delete worker.zone;
  if (graph.hasNode(queue.id) || graph.hasNode(worker.id)) return [];
  const ops: ChangeOp[] = [
    addNode(queue, `calls to ${ext.id} are queued: its latency and outages no longer reach the request path`),
    addNode(worker, `the only caller of ${ext.id}, retrying with backoff`),
    addEdge(newEdge(queue.id, worker.id, 'consumes', { label: 'event source mapping' }), 'drains the queue'),
    addEdge(
      newEdge(worker.id, ext.id, 'calls', { label: edges[0]!.label ?? 'HTTPS' }),
      'the third-party call',
    ),
  ];
  for (const e of edges)
    ops.push(
      addEdge(newEdge(e.from, queue.id, 'publishes', { label: 'SendMessage' }), 'enqueue instead of calling'),
      { op: 'remove_edge', id: e.id, rationale: 'no synchronous third-party call' },
    );
  ops.push(...dlqFix(graph, queue));
  return ops;
}
