import { natPerAzFix, vpcZones } from '../../graph/fixes.js';
import { byService, vpcOf } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'single-nat-gateway',
  title: 'One NAT gateway serves subnets in several AZs',
  severity: 'medium',
  pillar: 'reliability',
  why: 'A NAT gateway lives in one AZ; if that AZ fails, private subnets in every other AZ lose outbound internet access, and cross-AZ NAT traffic is billed twice.',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html',
  check: ({ graph }) => {
    const byVpc = new Map<string, string[]>();
    for (const nat of byService(graph, 'aws_nat_gateway')) {
      const vpc = vpcOf(graph, nat)?.id ?? '(no vpc)';
      byVpc.set(vpc, [...(byVpc.get(vpc) ?? []), nat.id]);
    }
    return [...byVpc.entries()]
      .filter(([, nats]) => nats.length === 1)
      .flatMap(([vpc, nats]) => {
        const nat = graph.node(nats[0]!)!;
        const zones = vpcZones(graph, nat);
        if (zones.length < 2) return [];
        return [
          {
            nodes: [nat.id],
            message: `${nat.id} is the only NAT gateway of ${vpc}, which has subnets in ${zones.join(', ')}`,
            fix: natPerAzFix(graph, nat),
          },
        ];
      });
  },
});
