import { setProps } from '../../graph/ops.js';
import { byService, localName, prop } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'missing-health-check',
  title: 'Traffic is routed without an application health check',
  severity: 'medium',
  pillar: 'reliability',
  why: 'Without an explicit health check a target group only sees whether the port opens, and a failover DNS record without one never fails over: broken targets keep receiving requests.',
  helpUri:
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
  check: ({ graph }) => [
    ...byService(graph, 'aws_lb_target_group')
      .filter((tg) => !prop(tg, 'health_check') && !prop(tg, 'health_check_path'))
      .map((tg) => ({
        nodes: [tg.id],
        message: `${tg.id} has no health_check block`,
        fix: [
          setProps(
            tg.id,
            {
              health_check: { path: '/healthz', healthy_threshold: 2, unhealthy_threshold: 3, interval: 15 },
            },
            'probe an endpoint that checks the app and its critical dependencies',
          ),
        ],
      })),
    ...byService(graph, 'aws_route53_record')
      .filter((r) => prop(r, 'failover_routing_policy') && !prop(r, 'health_check_id'))
      .map((r) => ({
        nodes: [r.id],
        message: `${r.id} is a failover record with no health_check_id`,
        fix: [
          setProps(
            r.id,
            { health_check_id: `\${aws_route53_health_check.${localName(r.id)}.id}` },
            'failover needs a health check',
          ),
        ],
      })),
  ],
});
