import { setProps } from '../../graph/ops.js';
import { byService, flag } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'dynamodb-no-pitr',
  title: 'DynamoDB table has no point-in-time recovery',
  severity: 'medium',
  pillar: 'reliability',
  why: 'Without PITR an accidental write or delete cannot be rolled back; PITR restores the table to any second of the last 35 days.',
  helpUri: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
  check: ({ graph }) =>
    byService(graph, 'aws_dynamodb_table')
      .filter((t) => flag(t, 'point_in_time_recovery') !== true)
      .map((t) => ({
        nodes: [t.id],
        message: `${t.id} does not enable point_in_time_recovery`,
        fix: [
          setProps(t.id, { point_in_time_recovery: { enabled: true } }, 'continuous backups, 35-day window'),
        ],
      })),
});
