import { setProps } from '../../graph/ops.js';
import { byService, num, prop, str } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'http-listener-no-tls',
  title: 'Load balancer listener serves plain HTTP',
  severity: 'medium',
  pillar: 'security',
  why: 'Plain HTTP exposes sessions and data to anyone on the path; an HTTP listener should only redirect to HTTPS.',
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html',
  check: ({ graph }) =>
    byService(graph, 'aws_lb_listener')
      .filter(
        (l) => str(l, 'protocol') === 'HTTP' || (str(l, 'protocol') === undefined && num(l, 'port') === 80),
      )
      .filter((l) => !/redirect/.test(JSON.stringify(prop(l, 'default_action') ?? '')))
      .map((l) => ({
        nodes: [l.id],
        message: `${l.id} listens on HTTP without redirecting to HTTPS`,
        fix: [
          setProps(
            l.id,
            {
              default_action: {
                type: 'redirect',
                redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' },
              },
            },
            'redirect every plain-HTTP request to HTTPS',
          ),
        ],
      })),
});
