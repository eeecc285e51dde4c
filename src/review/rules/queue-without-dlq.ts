import { dlqFix } from '../../graph/fixes.js';
import { byService, prop } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'queue-without-dlq',
  title: 'Queue has no dead-letter queue',
  severity: 'medium',
  pillar: 'reliability',
  why: 'Without a redrive policy a message that always fails is retried until it expires, burning consumer capacity and hiding the failure; a DLQ isolates it for inspection and replay.',
  helpUri:
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
  check: ({ graph }) =>
    byService(graph, 'aws_sqs_queue')
      .filter((q) => !prop(q, 'redrive_policy') && !prop(q, 'redrive_max_receive_count'))
      .filter((q) => !graph.outEdges(q.id).some((e) => graph.node(e.to)?.service === 'aws_sqs_queue'))
      // A queue that is itself somebody's DLQ needs no DLQ.
      .filter((q) => !graph.inEdges(q.id).some((e) => graph.node(e.from)?.service === 'aws_sqs_queue'))
      .filter((q) => !/(dlq|dead[-_]?letter)/i.test(`${q.id} ${String(q.props.name ?? '')}`))
      .map((q) => ({
        nodes: [q.id],
        message: `${q.id} has no redrive policy to a dead-letter queue`,
        fix: dlqFix(graph, q),
      })),
});
