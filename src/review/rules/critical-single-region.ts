import { multiRegionOps } from '../../graph/multi-region.js';
import { components, regions } from '../../graph/query.js';
import { defineRule } from '../types.js';

const CRITICAL_KEYS = /^(criticality|tier|critical|business[-_]?criticality|sla)$/i;

export default defineRule({
  id: 'critical-single-region',
  title: 'Component tagged critical runs in a single region',
  severity: 'high',
  pillar: 'reliability',
  why: 'A regional event (rare, but it happens every few years) takes down everything in one region; components the business tags critical need a recovery region with a tested failover.',
  helpUri:
    'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html',
  check: ({ graph }) => {
    const spanned = regions(graph);
    if (spanned.length > 1) return [];
    const critical = components(graph).filter((n) =>
      Object.entries(n.tags).some(
        ([k, v]) =>
          CRITICAL_KEYS.test(k) && /^(critical|true|tier-?0|tier-?1|mission[-_ ]critical)$/i.test(v),
      ),
    );
    if (critical.length === 0) return [];
    return [
      {
        nodes: critical.map((n) => n.id),
        message: `${critical.length} component(s) tagged critical all run in ${spanned[0] ?? 'one region'}`,
        fix: multiRegionOps(graph, { mode: 'active-passive' }).ops,
      },
    ];
  },
});
