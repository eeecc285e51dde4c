import { setProps } from '../../graph/ops.js';
import { byService, num } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'sqs-visibility-timeout',
  title: 'Queue visibility timeout is shorter than six times the consumer Lambda timeout',
  severity: 'medium',
  pillar: 'reliability',
  why: 'If a message becomes visible again while a Lambda batch is still working on it (or retrying after throttling), it is processed twice; AWS recommends a visibility timeout of at least 6× the function timeout.',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
  check: ({ graph }) =>
    byService(graph, 'aws_sqs_queue').flatMap((q) =>
      graph
        .outEdges(q.id)
        .filter((e) => e.kind === 'consumes' || e.kind === 'triggers')
        .map((e) => graph.node(e.to)!)
        .filter((fn) => fn.service === 'aws_lambda_function')
        .flatMap((fn) => {
          const visibility = num(q, 'visibility_timeout_seconds') ?? 30;
          const timeout = num(fn, 'timeout') ?? 3;
          if (visibility >= 6 * timeout) return [];
          return [
            {
              nodes: [q.id, fn.id],
              message: `${q.id} visibility timeout ${visibility} s < 6 × ${fn.id} timeout ${timeout} s`,
              fix: [
                setProps(
                  q.id,
                  { visibility_timeout_seconds: 6 * timeout },
                  `6 × ${timeout} s function timeout`,
                ),
              ],
            },
          ];
        }),
    ),
});
