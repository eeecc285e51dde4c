import { setProps } from '../../graph/ops.js';
import { byService, flag, str } from '../../graph/query.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'public-bucket',
  title: 'S3 bucket is public',
  severity: 'critical',
  pillar: 'security',
  why: 'A public ACL or a disabled public access block lets anyone list or read the objects; most S3 data leaks start this way.',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  check: ({ graph }) =>
    byService(graph, 'aws_s3_bucket')
      .filter((b) => /^public-read/.test(str(b, 'acl') ?? '') || flag(b, 'public_access_block') === false)
      .map((b) => ({
        nodes: [b.id],
        message: `${b.id} is public (${str(b, 'acl') ?? 'public access block disabled'})`,
        fix: [
          setProps(
            b.id,
            { acl: 'private', public_access_block: true },
            'block public ACLs and policies; serve public content through CloudFront with OAC instead',
          ),
        ],
      })),
});
