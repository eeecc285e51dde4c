// Templates for S3 buckets and their settings resources.
import { attr, blank, block, bool, call, list, map, num, ref, str } from '../hcl.js';
import { byName, companionRole, ownBucket, type Template } from './shared.js';

export const storageTemplates: Record<string, Template> = {
  aws_s3_bucket: {
    concern: 'data',
    envAttr: 'bucket',
    importId: byName,
    // Versioning and replication are their own resources since provider v4: the companions below carry them.
    handles: ['versioning', 'replication_configuration'],
    build(ctx) {
      const bucket = ctx.address;
      const id = ref(bucket, 'id');
      ctx.companion('aws_s3_bucket_public_access_block', '', [
        attr('bucket', id),
        attr('block_public_acls', bool(true)),
        attr('block_public_policy', bool(true)),
        attr('ignore_public_acls', bool(true)),
        attr('restrict_public_buckets', bool(true)),
      ]);
      ctx.companion('aws_s3_bucket_server_side_encryption_configuration', '', [
        attr('bucket', id),
        blank,
        block(
          'rule',
          [block('apply_server_side_encryption_by_default', [attr('sse_algorithm', str('aws:kms'))])],
          { repeated: true },
        ),
      ]);
      ctx.companion('aws_s3_bucket_versioning', '', [
        attr('bucket', id),
        blank,
        block('versioning_configuration', [attr('status', str('Enabled'))]),
      ]);
      const replicaTo = ctx.neighbours('out', ['replicates']).filter((n) => n.service === 'aws_s3_bucket');
      if (replicaTo.length) {
        const role = companionRole(ctx, 's3.amazonaws.com', 'replication');
        ctx.companion('aws_s3_bucket_replication_configuration', '', [
          attr('bucket', id),
          attr('role', role),
          ...replicaTo.flatMap((target, i) => [
            blank,
            block(
              'rule',
              [
                attr('id', str(`to-${ctx.state.regionOf.get(target.id) ?? target.name}`)),
                attr('status', str('Enabled')),
                ...(replicaTo.length > 1 ? [attr('priority', num(i + 1))] : []),
                blank,
                block('filter', []),
                blank,
                block('delete_marker_replication', [attr('status', str('Enabled'))]),
                blank,
                block('destination', [attr('bucket', ctx.ref(target.id, 'arn'))]),
              ],
              { repeated: true },
            ),
          ]),
        ]);
      }
      return [attr('bucket', ctx.physicalName('bucket', 'BucketName')), attr('force_destroy', bool(false))];
    },
  },
  aws_s3_bucket_public_access_block: {
    concern: 'data',
    build(ctx) {
      return [
        attr('bucket', ownBucket(ctx)),
        attr('block_public_acls', bool(true)),
        attr('block_public_policy', bool(true)),
        attr('ignore_public_acls', bool(true)),
        attr('restrict_public_buckets', bool(true)),
      ];
    },
  },
  aws_s3_bucket_policy: {
    concern: 'data',
    build(ctx) {
      return [
        attr('bucket', ownBucket(ctx)),
        ctx.todo(
          'the bucket policy (for a CloudFront origin: allow s3:GetObject to cloudfront.amazonaws.com for this distribution only).',
        ),
        attr(
          'policy',
          call(
            'jsonencode',
            map([
              ['Version', str('2012-10-17')],
              ['Statement', list([])],
            ]),
          ),
        ),
      ];
    },
  },
  aws_s3_bucket_versioning: {
    concern: 'data',
    build: (ctx) => [
      attr('bucket', ownBucket(ctx)),
      blank,
      block('versioning_configuration', [attr('status', str('Enabled'))]),
    ],
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    concern: 'data',
    build: (ctx) => [
      attr('bucket', ownBucket(ctx)),
      blank,
      block(
        'rule',
        [block('apply_server_side_encryption_by_default', [attr('sse_algorithm', str('aws:kms'))])],
        {
          repeated: true,
        },
      ),
    ],
  },
};
