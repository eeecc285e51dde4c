import { wafFix } from '../../graph/fixes.js';
import { byService, flag, prop, str } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-waf-on-public-entry',
  title: 'Public load balancer, REST API or CDN has no WAF',
  severity: 'medium',
  pillar: 'security',
  why: 'Internet-facing entry points receive scanners, injection attempts and floods; AWS WAF managed rules and a rate limit stop most of them before they reach the application.',
  helpUri: 'https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html',
  check: ({ graph }) =>
    byService(graph, 'aws_lb', 'aws_api_gateway_rest_api', 'aws_cloudfront_distribution')
      .filter((n) => !(n.service === 'aws_lb' && flag(n, 'internal') === true))
      .filter((n) => !(n.service === 'aws_lb' && /network|gateway/.test(str(n, 'load_balancer_type') ?? '')))
      .filter((n) => !prop(n, 'web_acl_id'))
      .filter(
        (n) =>
          ![...graph.inEdges(n.id), ...graph.outEdges(n.id)].some((e) =>
            /wafv2|waf_/.test(graph.node(e.from === n.id ? e.to : e.from)?.service ?? ''),
          ),
      )
      .map((n) => ({
        nodes: [n.id],
        message: `${n.id} is reachable from the internet and no WAF web ACL is associated`,
        fix: wafFix(graph, n),
      })),
});
