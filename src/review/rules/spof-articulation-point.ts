import { isSingleAz, multiAzFix } from '../../graph/fixes.js';
import { components, isTraffic } from '../../graph/query.js';
import { articulationPoints } from '../articulation-points.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'spof-articulation-point',
  title: 'Single point of failure: a non-redundant component every path goes through',
  severity: 'high',
  pillar: 'reliability',
  why: 'The component is a cut vertex of the traffic graph (removing it disconnects the system) and runs as a single copy in a single AZ, so its failure splits the architecture in two.',
  helpUri:
    'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_network_topology_ha_conn_users.html',
  check: ({ graph }) => {
    const ids = new Set(components(graph).map((n) => n.id));
    const cut = articulationPoints(
      graph,
      (id) => ids.has(id),
      (e) => isTraffic(e as never),
    );
    return cut
      .map((id) => graph.node(id)!)
      .filter((n) => isSingleAz(graph, n))
      .map((n) => ({
        nodes: [n.id],
        message: `${n.id} is an articulation point of the traffic graph and is not redundant`,
        fix: multiAzFix(graph, n),
      }));
  },
});
