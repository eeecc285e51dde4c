// Catalog: observability and management — CloudWatch, X-Ray, CloudTrail, Config, SSM.
import type { CatalogEntry } from '../types.js';

export const observability: CatalogEntry[] = [
  {
    tfType: 'aws_cloudwatch_log_group',
    cfnType: 'AWS::Logs::LogGroup',
    // `log-group:<name>` and, as DescribeLogGroups returns it, `log-group:<name>:*`.
    arn: { service: 'logs', resourceType: 'log-group' },
    kind: 'generic',
    displayName: 'CloudWatch Logs',
    icon: 'resource/AmazonCloudWatchLogs.svg',
    nameAttr: { tf: 'name', cfn: 'LogGroupName' },
    plumbing: true,
  },
];
