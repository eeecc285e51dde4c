import { byService, regionOf, vpcOf, zoneOf } from '../../graph/query.js';
import type { ChangeOp } from '../../model/schema.js';
import { listPrice, perMonth } from '../price-text.js';
import { defineRule } from '../types.js';

/** Subnets that hold workloads (anything but NAT gateways and load balancers' public side), by zone. */
function workloadZones(graph: Parameters<typeof byService>[0], vpcId: string): Set<string> {
  const zones = new Set<string>();
  for (const n of graph.nodes()) {
    if (!['service', 'container', 'function', 'database', 'cache', 'search'].includes(n.kind)) continue;
    if (vpcOf(graph, n)?.id !== vpcId) continue;
    const subnets = Array.isArray(n.props.subnets) ? (n.props.subnets as string[]) : [];
    for (const s of subnets) {
      const subnet = graph.node(s);
      const z = subnet ? zoneOf(graph, subnet) : undefined;
      if (z) zones.add(z);
    }
    if (!subnets.length) {
      const z = zoneOf(graph, n);
      if (z) zones.add(z);
    }
  }
  return zones;
}

export default defineRule({
  id: 'idle-nat-gateways',
  title: 'NAT gateways in AZs where no private workload runs',
  severity: 'low',
  pillar: 'cost-optimization',
  why: 'A NAT gateway is billed every hour it exists. One per AZ pays off only where private workloads run in that AZ; in the others it is an hourly charge that serves nothing.',
  helpUri: 'https://aws.amazon.com/vpc/pricing/',
  check: ({ graph }) => {
    const byVpc = new Map<string, string[]>();
    for (const nat of byService(graph, 'aws_nat_gateway')) {
      const vpc = vpcOf(graph, nat)?.id;
      if (vpc) byVpc.set(vpc, [...(byVpc.get(vpc) ?? []), nat.id]);
    }
    const hits = [];
    for (const [vpc, ids] of [...byVpc.entries()].sort()) {
      if (ids.length < 2) continue;
      const used = workloadZones(graph, vpc);
      if (used.size === 0 || used.size >= ids.length) continue;
      const nats = ids.map((id) => graph.node(id)!).sort((a, b) => (a.id < b.id ? -1 : 1));
      const idle = nats.filter((n) => {
        const z = zoneOf(graph, n);
        return z !== undefined && !used.has(z);
      });
      if (!idle.length) continue;
      const price = listPrice('nat.hour', regionOf(graph, idle[0]!));
      const each = price ? `: ${perMonth(price.usd * 730)} each at ${price.text}` : '';
      const fix: ChangeOp[] = idle.map((n) => ({
        op: 'remove_node',
        id: n.id,
        rationale: `no private workload runs in ${zoneOf(graph, n)}; its route tables can point at the NAT gateway of a used AZ`,
      }));
      hits.push({
        nodes: idle.map((n) => n.id),
        message: `${vpc} has ${ids.length} NAT gateways but private workloads only in ${[...used].sort().join(', ')}; ${idle.map((n) => n.id).join(', ')} serve${idle.length === 1 ? 's' : ''} no workload${each}`,
        fix,
      });
    }
    return hits;
  },
});
