import { setProps } from '../../graph/ops.js';
import { byService, num } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'rds-no-backups',
  title: 'Database has automated backups turned off',
  severity: 'high',
  pillar: 'reliability',
  why: 'backup_retention_period = 0 disables automated backups and point-in-time restore: a bad migration or a deleted table cannot be undone.',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  check: ({ graph }) =>
    byService(graph, 'aws_db_instance', 'aws_rds_cluster')
      .filter((db) => num(db, 'backup_retention_period') === 0)
      .map((db) => ({
        nodes: [db.id],
        message: `${db.id} has backup_retention_period = 0`,
        fix: [setProps(db.id, { backup_retention_period: 7 }, '7 days of automated backups and PITR')],
      })),
});
