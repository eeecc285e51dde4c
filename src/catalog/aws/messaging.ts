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
        tf: 'redrive_policy',
        cfn: 'RedrivePolicy.deadLetterTargetArn',
        kind: 'publishes',
        direction: 'out',
        label: 'DLQ',
      },
    ],
    significant: true,
  },
];
