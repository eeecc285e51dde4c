import { vpcZones } from '../../graph/fixes.js';
import { setProps } from '../../graph/ops.js';
import { byService, prop, zoneOf } from '../../graph/query.js';
import { defineRule } from '../types.js';

function subnetIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return list
    .map((v) =>
      String(v)
        .replace(/^\$\{(.*)\}$/, '$1')
        .replace(/\.id$/, ''),
    )
    .filter((v) => v.startsWith('aws_subnet.') || v.includes('.aws_subnet.'));
}

export default defineRule({
  id: 'single-az-compute',
  title: 'Compute is placed in subnets of one AZ only',
  severity: 'high',
  pillar: 'reliability',
  why: 'Even with several copies, tasks or functions confined to one AZ all fail together when that AZ does.',
  helpUri:
    'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html',
  check: ({ graph }) =>
    byService(graph, 'aws_ecs_service', 'aws_lambda_function', 'aws_autoscaling_group').flatMap((n) => {
      const subnets = subnetIds(
        prop(n, 'network_configuration.subnets') ??
          prop(n, 'vpc_config.subnet_ids') ??
          prop(n, 'vpc_zone_identifier'),
      ).filter((id) => graph.hasNode(id));
      if (subnets.length === 0) return [];
      const zones = new Set(subnets.map((id) => zoneOf(graph, graph.node(id)!)).filter(Boolean));
      if (zones.size !== 1) return [];
      const all = vpcZones(graph, graph.node(subnets[0]!)!);
      const candidates = graph
        .nodes()
        .filter((s) => s.kind === 'subnet' && !subnets.includes(s.id) && zoneOf(graph, s) !== [...zones][0])
        .filter((s) => (/private/i.test(s.id) ? subnets.some((x) => /private/i.test(x)) : true))
        .map((s) => s.id);
      if (all.length < 2 || candidates.length === 0) return [];
      const attr =
        n.service === 'aws_ecs_service'
          ? 'network_configuration'
          : n.service === 'aws_lambda_function'
            ? 'vpc_config'
            : 'vpc_zone_identifier';
      const next = [...subnets, candidates[0]!];
      const value =
        attr === 'network_configuration'
          ? { ...(prop(n, 'network_configuration') as object), subnets: next }
          : attr === 'vpc_config'
            ? { ...(prop(n, 'vpc_config') as object), subnet_ids: next }
            : next;
      return [
        {
          nodes: [n.id],
          message: `${n.id} runs only in ${[...zones][0]}`,
          fix: [setProps(n.id, { [attr]: value }, `add ${candidates[0]} so that copies spread over two AZs`)],
        },
      ];
    }),
});
