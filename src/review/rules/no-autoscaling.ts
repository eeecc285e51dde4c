import { autoscalingFix } from '../../graph/fixes.js';
import { byService, localName } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-autoscaling',
  title: 'Container service has a fixed task count',
  severity: 'medium',
  pillar: 'performance-efficiency',
  why: 'A fixed desired_count is sized for one load; at peak it saturates and at night it wastes money. Target tracking keeps utilisation in a band.',
  helpUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html',
  check: ({ graph }) => {
    const targets = byService(graph, 'aws_appautoscaling_target');
    return byService(graph, 'aws_ecs_service')
      .filter(
        (svc) =>
          !targets.some(
            (t) =>
              graph
                .edges()
                .some((e) => (e.from === t.id && e.to === svc.id) || (e.to === t.id && e.from === svc.id)) ||
              String(t.props.resource_id ?? '').includes(localName(svc.id)),
          ),
      )
      .map((svc) => ({
        nodes: [svc.id],
        message: `${svc.id} has no aws_appautoscaling_target`,
        fix: autoscalingFix(graph, svc),
      }));
  },
});
