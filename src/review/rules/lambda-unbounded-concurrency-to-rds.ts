import { rdsProxyFix, reservedConcurrencyFix } from '../../graph/fixes.js';
import { byService, num } from '../../graph/query.js';
import { defineRule } from '../types.js';

const RELATIONAL = ['aws_db_instance', 'aws_rds_cluster'];

export default defineRule({
  id: 'lambda-unbounded-concurrency-to-rds',
  title: 'Lambda without reserved concurrency opens connections to RDS',
  severity: 'high',
  pillar: 'reliability',
  why: 'Each concurrent Lambda execution holds its own database connection; a burst can scale to the account concurrency limit (1,000 by default) and exhaust max_connections, taking the database down for every client.',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
  check: ({ graph }) =>
    byService(graph, 'aws_lambda_function')
      .filter((fn) => {
        const reserved = num(fn, 'reserved_concurrent_executions');
        return reserved === undefined || reserved < 0;
      })
      .flatMap((fn) =>
        graph
          .outEdges(fn.id)
          .filter((e) => e.kind !== 'depends_on' && e.kind !== 'access')
          .map((e) => graph.node(e.to)!)
          .filter((db) => db.service !== undefined && RELATIONAL.includes(db.service))
          .map((db) => ({
            nodes: [fn.id, db.id],
            message: `${fn.id} can scale without limit and connects to ${db.id}`,
            fix: [
              ...reservedConcurrencyFix(
                fn,
                50,
                'cap concurrent executions (and so connections) at 50; raise it with the proxy pool, not past it',
              ),
              ...rdsProxyFix(graph, db, [fn]),
            ],
          })),
      ),
});
