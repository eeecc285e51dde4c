import { readReplicaFix } from '../../graph/fixes.js';
import { byService } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-read-replica',
  title: 'Read-heavy relational database has no read replica',
  severity: 'medium',
  pillar: 'performance-efficiency',
  why: 'When most traffic to a database is reads, every read competes with writes for the primary’s CPU, memory and IOPS; a replica (or reader) scales reads out and is a warm standby for promotion.',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html',
  check: ({ graph }) =>
    byService(graph, 'aws_db_instance', 'aws_rds_cluster')
      .filter((db) => !db.props.replicate_source_db)
      .filter((db) => !graph.outEdges(db.id).some((e) => e.kind === 'replicates'))
      .flatMap((db) => {
        const inbound = graph.inEdges(db.id);
        const readers = inbound.filter((e) => e.kind === 'reads').map((e) => graph.node(e.from)!);
        const writes = inbound.filter((e) => e.kind === 'writes').length;
        const declared =
          typeof db.props.read_ratio === 'number' ? (db.props.read_ratio as number) : undefined;
        const readHeavy =
          declared !== undefined ? declared >= 0.7 : readers.length > writes && readers.length > 0;
        if (!readHeavy) return [];
        return [
          {
            nodes: [db.id],
            message: `${db.id} has ${readers.length} reading and ${writes} writing clients and no replica`,
            fix: readReplicaFix(graph, db, readers),
          },
        ];
      }),
});
