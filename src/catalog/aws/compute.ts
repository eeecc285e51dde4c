import type { CatalogEntry } from '../types.js';

export const compute: CatalogEntry[] = [
  {
    tfType: 'aws_lambda_function',
    cfnType: 'AWS::Lambda::Function',
    arn: { service: 'lambda', resourceType: 'function' },
    kind: 'function',
    displayName: 'Lambda',
    icon: 'architecture-service/AWSLambda.svg',
    nameAttr: { tf: 'function_name', cfn: 'FunctionName' },
    containment: [{ tf: 'vpc_config.subnet_ids', cfn: 'VpcConfig.SubnetIds', group: 'subnet' }],
    edges: [
      {
        tf: 'dead_letter_config.target_arn',
        cfn: 'DeadLetterConfig.TargetArn',
        kind: 'publishes',
        direction: 'out',
        label: 'DLQ',
      },
    ],
    significant: true,
    capacity: [
      {
        metric: 'concurrency',
        value: 1000,
        unit: 'concurrent executions',
        scope: 'account-region',
        source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
        adjustable: true,
      },
    ],
  },
  {
    tfType: 'aws_lambda_event_source_mapping',
    cfnType: 'AWS::Lambda::EventSourceMapping',
    arn: { service: 'lambda', resourceType: 'event-source-mapping' },
    kind: 'generic',
    displayName: 'Event source mapping',
    plumbing: true,
    links: [
      {
        from: { tf: 'event_source_arn', cfn: 'EventSourceArn' },
        to: { tf: 'function_name', cfn: 'FunctionName' },
        kind: 'consumes',
      },
    ],
  },
];
