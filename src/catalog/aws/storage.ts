// Catalog: object, file and image storage — S3 and its plumbing, ECR.
import type { CatalogEntry } from '../types.js';

const bucketRef = { tf: 'bucket', cfn: 'Bucket' };
const s3Plumbing = (tfType: string, displayName: string, cfnType?: string): CatalogEntry => ({
  tfType,
  ...(cfnType ? { cfnType } : {}),
  kind: 'generic',
  displayName,
  icon: 'resource/AmazonSimpleStorageServiceBucket.svg',
  plumbing: true,
  edges: [{ ...bucketRef, kind: 'depends_on', direction: 'out', label: 'bucket' }],
});

export const storage: CatalogEntry[] = [
  {
    tfType: 'aws_s3_bucket',
    cfnType: 'AWS::S3::Bucket',
    // `arn:aws:s3:::name` has neither region nor account nor resource type; object ARNs resolve here too.
    arn: { service: 's3' },
    kind: 'storage',
    displayName: 'S3',
    icon: 'architecture-service/AmazonSimpleStorageService.svg',
    nameAttr: { tf: 'bucket', cfn: 'BucketName' },
    // CloudFormation keeps notifications on the bucket itself; Terraform has aws_s3_bucket_notification.
    edges: [
      {
        cfn: 'NotificationConfiguration.LambdaConfigurations.Function',
        kind: 'triggers',
        direction: 'out',
      },
      { cfn: 'NotificationConfiguration.QueueConfigurations.Queue', kind: 'publishes', direction: 'out' },
      { cfn: 'NotificationConfiguration.TopicConfigurations.Topic', kind: 'publishes', direction: 'out' },
    ],
  },
  {
    tfType: 'aws_s3_bucket_notification',
    kind: 'generic',
    displayName: 'S3 notification',
    icon: 'resource/AmazonSimpleStorageServiceBucket.svg',
    plumbing: true,
    links: [
      { from: { tf: 'bucket' }, to: { tf: 'lambda_function.lambda_function_arn' }, kind: 'triggers' },
      { from: { tf: 'bucket' }, to: { tf: 'queue.queue_arn' }, kind: 'publishes' },
      { from: { tf: 'bucket' }, to: { tf: 'topic.topic_arn' }, kind: 'publishes' },
    ],
  },
  s3Plumbing('aws_s3_bucket_policy', 'S3 bucket policy', 'AWS::S3::BucketPolicy'),
  s3Plumbing('aws_s3_bucket_public_access_block', 'S3 public access block'),
  s3Plumbing('aws_s3_bucket_versioning', 'S3 versioning'),
  s3Plumbing('aws_s3_bucket_server_side_encryption_configuration', 'S3 encryption'),
  s3Plumbing('aws_s3_bucket_lifecycle_configuration', 'S3 lifecycle'),
  s3Plumbing('aws_s3_bucket_cors_configuration', 'S3 CORS'),
  s3Plumbing('aws_s3_bucket_ownership_controls', 'S3 ownership controls'),
  s3Plumbing('aws_s3_bucket_website_configuration', 'S3 website'),
  s3Plumbing('aws_s3_bucket_logging', 'S3 access logging'),
  {
    tfType: 'aws_s3_bucket_replication_configuration',
    kind: 'generic',
    displayName: 'S3 replication',
    icon: 'resource/AmazonSimpleStorageServiceS3Replication.svg',
    plumbing: true,
    links: [{ from: { tf: 'bucket' }, to: { tf: 'rule.destination.bucket' }, kind: 'replicates' }],
  },
  {
    tfType: 'aws_s3_object',
    kind: 'generic',
    displayName: 'S3 object',
    icon: 'resource/AmazonSimpleStorageServiceObject.svg',
    plumbing: true,
    edges: [{ ...bucketRef, kind: 'depends_on', direction: 'out', label: 'bucket' }],
  },
  {
    tfType: 'aws_ecr_repository',
    cfnType: 'AWS::ECR::Repository',
    arn: { service: 'ecr', resourceType: 'repository' },
    kind: 'storage',
    displayName: 'ECR',
    icon: 'architecture-service/AmazonElasticContainerRegistry.svg',
    nameAttr: { tf: 'name', cfn: 'RepositoryName' },
  },
];
