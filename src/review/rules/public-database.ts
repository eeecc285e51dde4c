import { setProps } from '../../graph/ops.js';
import { components, flag } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'public-database',
  title: 'Database is publicly accessible',
  severity: 'critical',
  pillar: 'security',
  why: 'A publicly accessible database gets an internet-resolvable address; one weak password or security-group slip exposes all of its data.',
  helpUri:
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  check: ({ graph }) =>
    components(graph)
      .filter((n) => n.kind === 'database' || n.kind === 'cache' || n.kind === 'search')
      .filter((n) => flag(n, 'publicly_accessible') === true)
      .map((n) => ({
        nodes: [n.id],
        message: `${n.id} has publicly_accessible = true`,
        fix: [setProps(n.id, { publicly_accessible: false }, 'reachable only from inside the VPC')],
      })),
});
