import { setProps } from '../../graph/ops.js';
import { byService, flag } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'rds-no-deletion-protection',
  title: 'Database can be deleted by one API call',
  severity: 'low',
  pillar: 'reliability',
  why: 'Without deletion_protection a mistaken `terraform destroy` or a console click deletes the database; with it, deletion needs a deliberate second change.',
  helpUri:
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
  check: ({ graph }) =>
    byService(graph, 'aws_db_instance', 'aws_rds_cluster', 'aws_dynamodb_table')
      .filter((db) => !db.props.replicate_source_db)
      .filter(
        (db) =>
          flag(
            db,
            db.service === 'aws_dynamodb_table' ? 'deletion_protection_enabled' : 'deletion_protection',
          ) !== true,
      )
      .map((db) => {
        const attr =
          db.service === 'aws_dynamodb_table' ? 'deletion_protection_enabled' : 'deletion_protection';
        return {
          nodes: [db.id],
          message: `${db.id} does not set ${attr}`,
          fix: [
            setProps(db.id, { [attr]: true }, 'refuse deletion until protection is turned off on purpose'),
          ],
        };
      }),
});
