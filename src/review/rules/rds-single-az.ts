import { isSingleAz, multiAzFix } from '../../graph/fixes.js';
import { byService } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'rds-single-az',
  title: 'Database runs in a single Availability Zone',
  severity: 'high',
  pillar: 'reliability',
  why: 'A single-AZ RDS instance is down for the whole of an AZ outage or a host failure, and every maintenance reboot is an outage.',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
  check: ({ graph }) =>
    byService(graph, 'aws_db_instance')
      .filter((n) => isSingleAz(graph, n))
      .map((n) => ({
        nodes: [n.id],
        message: `${n.id} is single-AZ (multi_az is not true)`,
        fix: multiAzFix(graph, n),
      })),
});
