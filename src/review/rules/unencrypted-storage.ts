import { setProps } from '../../graph/ops.js';
import { byService, flag } from '../../graph/query.js';
import { defineRule } from '../types.js';

/** Attribute that turns on encryption at rest, and whether AWS encrypts when it is absent. */
const ENCRYPTION: Record<string, { attr: string; defaultOn: boolean }> = {
  aws_db_instance: { attr: 'storage_encrypted', defaultOn: false },
  aws_rds_cluster: { attr: 'storage_encrypted', defaultOn: false },
  aws_elasticache_replication_group: { attr: 'at_rest_encryption_enabled', defaultOn: false },
  aws_ebs_volume: { attr: 'encrypted', defaultOn: false },
  aws_efs_file_system: { attr: 'encrypted', defaultOn: false },
  aws_sqs_queue: { attr: 'sqs_managed_sse_enabled', defaultOn: true },
  aws_sns_topic: { attr: 'kms_master_key_id', defaultOn: false },
  aws_kinesis_stream: { attr: 'encryption_type', defaultOn: false },
};

export default defineRule({
  id: 'unencrypted-storage',
  title: 'Data at rest is not encrypted',
  severity: 'high',
  pillar: 'security',
  why: 'Unencrypted volumes, snapshots and queues expose data to anyone who gets a copy of the storage, and most compliance regimes require encryption at rest (it cannot be turned on in place for RDS).',
  helpUri: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/protecting-data-at-rest.html',
  check: ({ graph }) =>
    byService(graph, ...Object.keys(ENCRYPTION)).flatMap((n) => {
      const { attr, defaultOn } = ENCRYPTION[n.service!]!;
      const raw = n.props[attr];
      const on =
        attr === 'encryption_type'
          ? raw === 'KMS'
          : attr === 'kms_master_key_id'
            ? Boolean(raw)
            : flag(n, attr);
      if (on === true || (on === undefined && defaultOn)) return [];
      if (n.service === 'aws_sqs_queue' && n.props.kms_master_key_id) return [];
      const value =
        attr === 'encryption_type' ? 'KMS' : attr === 'kms_master_key_id' ? 'alias/aws/sns' : true;
      return [
        {
          nodes: [n.id],
          message: `${n.id} does not set ${attr}`,
          fix: [
            setProps(
              n.id,
              { [attr]: value },
              n.service === 'aws_db_instance' || n.service === 'aws_rds_cluster'
                ? 'encrypt at rest (an existing instance needs snapshot → encrypted copy → restore)'
                : 'encrypt at rest',
            ),
          ],
        },
      ];
    }),
});
