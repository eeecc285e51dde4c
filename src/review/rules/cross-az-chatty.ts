import { readReplicaFix } from '../../graph/fixes.js';
import { isSync, regionOf, zoneOf } from '../../graph/query.js';
import { listPrice } from '../price-text.js';
import { defineRule } from '../types.js';

const price = (region: string | undefined) => {
  const p = listPrice('transfer.inter_az', region);
  return p ? `; every GB crossing is billed ${p.text} in each direction` : '';
};

export default defineRule({
  id: 'cross-az-chatty',
  title: 'Chatty synchronous traffic crosses Availability Zones',
  severity: 'low',
  pillar: 'cost-optimization',
  why: 'Traffic between AZs costs $0.01/GB in each direction and adds ~1 ms per round trip; a chatty caller pinned to one AZ talking to a store pinned to another pays both on every request.',
  helpUri: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer_within_the_same_AWS_Region',
  check: ({ graph }) => {
    const hits = [];
    for (const e of graph.edges().filter(isSync)) {
      const from = graph.node(e.from)!;
      const to = graph.node(e.to)!;
      if (!['database', 'cache'].includes(to.kind)) continue;
      const zf = zoneOf(graph, from);
      const zt = zoneOf(graph, to);
      if (!zf || !zt || zf === zt) continue;
      const fix =
        to.service === 'aws_db_instance' && e.kind === 'reads' ? readReplicaFix(graph, to, [from], zf) : [];
      hits.push({
        nodes: [from.id, to.id],
        message: `${from.id} (${zf}) ${e.kind} ${to.id} (${zt}) on every request${price(regionOf(graph, from))}`,
        fix,
      });
    }
    return hits;
  },
});
