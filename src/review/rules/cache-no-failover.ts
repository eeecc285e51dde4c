import { isSingleAz, multiAzFix } from '../../graph/fixes.js';
import { byService } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'cache-no-failover',
  title: 'Cache has a single node or no automatic failover',
  severity: 'medium',
  pillar: 'reliability',
  why: 'When the only cache node fails, every request falls through to the database at once (a thundering herd) until a new node is built and warmed.',
  helpUri: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html',
  check: ({ graph }) =>
    byService(graph, 'aws_elasticache_replication_group', 'aws_elasticache_cluster')
      .filter((c) => isSingleAz(graph, c))
      .map((c) => ({
        nodes: [c.id],
        message: `${c.id} has no replica with automatic failover`,
        fix: multiAzFix(graph, c),
      })),
});
