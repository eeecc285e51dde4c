import { singleInstanceFix } from '../../graph/fixes.js';
import { byService, copies } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'single-instance-no-lb',
  title: 'One instance serves traffic with no load balancer',
  severity: 'high',
  pillar: 'reliability',
  why: 'A lone EC2 instance is a single point of failure: an instance retirement, a bad deploy or an AZ event takes the service down, and it cannot scale out.',
  helpUri:
    'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html',
  check: ({ graph }) =>
    byService(graph, 'aws_instance')
      .filter((n) => copies(graph, n) < 2)
      .filter(
        (n) =>
          !graph.inEdges(n.id).some((e) => {
            const from = graph.node(e.from);
            return (
              e.kind === 'routes' &&
              (from?.kind === 'load_balancer' || from?.service === 'aws_lb_target_group')
            );
          }),
      )
      .map((n) => ({
        nodes: [n.id],
        message: `${n.id} is a single instance and no load balancer routes to it`,
        fix: singleInstanceFix(graph, n),
      })),
});
