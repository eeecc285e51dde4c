// Catalog: messaging and streaming — SQS, SNS, EventBridge, Kinesis, Firehose.
import type { CatalogEntry } from '../types.js';

export const messaging: CatalogEntry[] = [
  {
    tfType: 'aws_sqs_queue',
    cfnType: 'AWS::SQS::Queue',
    arn: { service: 'sqs' },
    kind: 'queue',
    displayName: 'SQS',
    icon: 'architecture-service/AmazonSimpleQueueService.svg',
    nameAttr: { tf: 'name', cfn: 'QueueName' },
    edges: [
      {
        // A JSON string in Terraform (`jsonencode({ deadLetterTargetArn = … })`): the reference is inside it.
        tf: 'redrive_policy',
        cfn: 'RedrivePolicy.deadLetterTargetArn',
        kind: 'publishes',
        direction: 'out',
        label: 'DLQ',
      },
    ],
    significant: true,
  },
  {
    tfType: 'aws_sqs_queue_policy',
    cfnType: 'AWS::SQS::QueuePolicy',
    kind: 'identity',
    displayName: 'SQS queue policy',
    icon: 'resource/AWSIdentityAccessManagementPermissions.svg',
    plumbing: true,
    edges: [{ tf: 'queue_url', cfn: 'Queues', kind: 'depends_on', direction: 'out', label: 'queue' }],
  },
  {
    tfType: 'aws_sqs_queue_redrive_policy',
    kind: 'generic',
    displayName: 'SQS redrive policy',
    icon: 'resource/AmazonSimpleQueueServiceQueue.svg',
    plumbing: true,
    links: [{ from: { tf: 'queue_url' }, to: { tf: 'redrive_policy' }, kind: 'publishes', label: 'DLQ' }],
  },
  {
    tfType: 'aws_sns_topic',
    cfnType: 'AWS::SNS::Topic',
    // `arn:aws:sns:region:account:name`: no resource type; a subscription adds `:uuid`.
    arn: { service: 'sns', pattern: '^[^:/]+$' },
    kind: 'topic',
    displayName: 'SNS',
    icon: 'architecture-service/AmazonSimpleNotificationService.svg',
    nameAttr: { tf: 'name', cfn: 'TopicName' },
    edges: [
      {
        cfn: 'Subscription.Endpoint',
        kind: 'publishes',
        direction: 'out',
      },
    ],
    significant: true,
  },
  {
    tfType: 'aws_sns_topic_subscription',
    cfnType: 'AWS::SNS::Subscription',
    arn: { service: 'sns', pattern: '^[^:/]+:[0-9a-f-]{36}$' },
    kind: 'generic',
    displayName: 'SNS subscription',
    icon: 'resource/AmazonSimpleNotificationServiceTopic.svg',
    plumbing: true,
    links: [
      {
        from: { tf: 'topic_arn', cfn: 'TopicArn' },
        to: { tf: 'endpoint', cfn: 'Endpoint' },
        kind: 'publishes',
      },
    ],
  },
  {
    tfType: 'aws_sns_topic_policy',
    cfnType: 'AWS::SNS::TopicPolicy',
    kind: 'identity',
    displayName: 'SNS topic policy',
    icon: 'resource/AWSIdentityAccessManagementPermissions.svg',
    plumbing: true,
    edges: [{ tf: 'arn', cfn: 'Topics', kind: 'depends_on', direction: 'out', label: 'topic' }],
  },
  {
    tfType: 'aws_cloudwatch_event_bus',
    cfnType: 'AWS::Events::EventBus',
    arn: { service: 'events', resourceType: 'event-bus' },
    kind: 'topic',
    displayName: 'EventBridge bus',
    icon: 'resource/AmazonEventBridgeCustomEventBus.svg',
    significant: true,
  },
  {
    tfType: 'aws_cloudwatch_event_rule',
    cfnType: 'AWS::Events::Rule',
    arn: { service: 'events', resourceType: 'rule' },
    kind: 'topic',
    displayName: 'EventBridge rule',
    icon: 'resource/AmazonEventBridgeRule.svg',
    edges: [
      { tf: 'event_bus_name', cfn: 'EventBusName', kind: 'routes', direction: 'in' },
      // CloudFormation keeps targets on the rule; Terraform has aws_cloudwatch_event_target.
      { cfn: 'Targets.Arn', kind: 'triggers', direction: 'out' },
    ],
  },
  {
    tfType: 'aws_cloudwatch_event_target',
    kind: 'generic',
    displayName: 'EventBridge target',
    icon: 'resource/AmazonEventBridgeRule.svg',
    plumbing: true,
    links: [
      { from: { tf: 'rule' }, to: { tf: 'arn' }, kind: 'triggers' },
      { from: { tf: 'rule' }, to: { tf: 'dead_letter_config.arn' }, kind: 'publishes', label: 'DLQ' },
    ],
  },
  {
    tfType: 'aws_scheduler_schedule',
    cfnType: 'AWS::Scheduler::Schedule',
    arn: { service: 'scheduler', resourceType: 'schedule' },
    kind: 'topic',
    displayName: 'EventBridge Scheduler',
    icon: 'resource/AmazonEventBridgeScheduler.svg',
    edges: [{ tf: 'target.arn', cfn: 'Target.Arn', kind: 'triggers', direction: 'out' }],
  },
  {
    tfType: 'aws_pipes_pipe',
    cfnType: 'AWS::Pipes::Pipe',
    arn: { service: 'pipes', resourceType: 'pipe' },
    kind: 'generic',
    displayName: 'EventBridge Pipe',
    icon: 'resource/AmazonEventBridgePipes.svg',
    links: [
      { from: { tf: 'source', cfn: 'Source' }, to: { tf: 'target', cfn: 'Target' }, kind: 'consumes' },
      // The enrichment step receives every batch from the source before the target does.
      {
        from: { tf: 'source', cfn: 'Source' },
        to: { tf: 'enrichment', cfn: 'Enrichment' },
        kind: 'consumes',
        label: 'enrichment',
      },
    ],
  },
  {
    tfType: 'aws_kinesis_stream',
    cfnType: 'AWS::Kinesis::Stream',
    arn: { service: 'kinesis', resourceType: 'stream' },
    kind: 'stream',
    displayName: 'Kinesis Data Streams',
    icon: 'architecture-service/AmazonKinesisDataStreams.svg',
    nameAttr: { tf: 'name', cfn: 'Name' },
  },
  {
    tfType: 'aws_kinesis_firehose_delivery_stream',
    cfnType: 'AWS::KinesisFirehose::DeliveryStream',
    arn: { service: 'firehose', resourceType: 'deliverystream' },
    kind: 'stream',
    displayName: 'Data Firehose',
    icon: 'architecture-service/AmazonDataFirehose.svg',
    nameAttr: { tf: 'name', cfn: 'DeliveryStreamName' },
    edges: [
      {
        tf: 'kinesis_source_configuration.kinesis_stream_arn',
        cfn: 'KinesisStreamSourceConfiguration.KinesisStreamARN',
        kind: 'consumes',
        direction: 'in',
      },
      {
        tf: 'extended_s3_configuration.bucket_arn',
        cfn: 'ExtendedS3DestinationConfiguration.BucketARN',
        kind: 'writes',
        direction: 'out',
      },
      {
        tf: 'opensearch_configuration.domain_arn',
        cfn: 'AmazonopensearchserviceDestinationConfiguration.DomainARN',
        kind: 'writes',
        direction: 'out',
      },
      {
        tf: 'redshift_configuration.cluster_jdbcurl',
        cfn: 'RedshiftDestinationConfiguration.ClusterJDBCURL',
        kind: 'writes',
        direction: 'out',
      },
    ],
  },
];
