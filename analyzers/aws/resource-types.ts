// How the aws analyzer reads each CloudFormation type through Cloud Control: its identifier, its ARN and the
// underlying read permissions. The catalog (src/catalog) says what a type *is*; this table says how to *read* it.
import type { ParsedArn } from '../../src/catalog/index.js';

export interface ArnContext {
  partition: string;
  region: string;
  account: string;
}

export interface ResourceTypeSpec {
  cfnType: string;
  /**
   * The Cloud Control primary identifier from an ARN (GetResource on a tagged resource). Composite identifiers
   * are joined with `|`, as Cloud Control expects.
   * https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-identifier.html
   */
  identifier(arn: ParsedArn): string | undefined;
  /** The ARN of a resource from its Cloud Control identifier and properties (types whose props hold no ARN). */
  arn(identifier: string, props: Record<string, unknown>, ctx: ArnContext): string | undefined;
  /** ListResources needs the parent in ResourceModel (e.g. listeners need their load balancer ARN). */
  listParent?: { cfnType: string; property: string };
  /**
   * Properties holding the Cloud Control identifier of another resource that is read even though it is never
   * listed: an ECS service's task definition, a database's subnet group.
   */
  follow?: { property: string; cfnType: string }[];
  /** Listed by default even when the catalog does not mark the type significant: connectors that carry edges. */
  connector?: boolean;
  /** Global service: its resources are read once, in us-east-1, and have no region in their ARN. */
  global?: boolean;
  /**
   * The IAM actions the type's Cloud Control read and list handlers call (the `handlers.read/list.permissions`
   * of its resource type schema: `aws cloudformation describe-type --type RESOURCE --type-name <type>`).
   */
  permissions: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const prefix = (c: ArnContext, service: string, region = c.region) =>
  `arn:${c.partition}:${service}:${region}:${c.account}`;
/** The last segment of an ARN's resource part: `function:worker` → `worker`, `loadbalancer/app/web/1` → `app/web/1`. */
const name = (a: ParsedArn) => a.resourceName;

export const RESOURCE_TYPES: readonly ResourceTypeSpec[] = [
  {
    cfnType: 'AWS::Lambda::Function',
    identifier: (a) => name(a).split(':')[0],
    arn: (id, p, c) => str(p.Arn) ?? `${prefix(c, 'lambda')}:function:${id}`,
    permissions: ['lambda:GetFunction', 'lambda:GetFunctionCodeSigningConfig', 'lambda:ListFunctions'],
  },
  {
    cfnType: 'AWS::Lambda::EventSourceMapping',
    identifier: name,
    arn: (id, p, c) => str(p.EventSourceMappingArn) ?? `${prefix(c, 'lambda')}:event-source-mapping:${id}`,
    connector: true,
    permissions: ['lambda:GetEventSourceMapping', 'lambda:ListEventSourceMappings'],
  },
  {
    cfnType: 'AWS::SQS::Queue',
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html
    identifier: (a) => `https://sqs.${a.region}.amazonaws.com/${a.account}/${a.resource}`,
    arn: (id, p, c) => str(p.Arn) ?? `${prefix(c, 'sqs')}:${id.split('/').pop()}`,
    permissions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags', 'sqs:ListQueues'],
  },
  {
    cfnType: 'AWS::SNS::Topic',
    identifier: (a) => `arn:${a.partition}:sns:${a.region}:${a.account}:${a.resource}`,
    arn: (id) => id,
    permissions: [
      'sns:GetTopicAttributes',
      'sns:GetDataProtectionPolicy',
      'sns:ListSubscriptionsByTopic',
      'sns:ListTagsForResource',
      'sns:ListTopics',
    ],
  },
  {
    cfnType: 'AWS::Events::Rule',
    identifier: (a) => `arn:${a.partition}:events:${a.region}:${a.account}:${a.resource}`,
    arn: (id, p) => str(p.Arn) ?? id,
    connector: true,
    permissions: ['events:DescribeRule', 'events:ListRules', 'events:ListTargetsByRule'],
  },
  {
    cfnType: 'AWS::DynamoDB::Table',
    identifier: name,
    arn: (id, p, c) => str(p.Arn) ?? `${prefix(c, 'dynamodb')}:table/${id}`,
    permissions: [
      'dynamodb:DescribeTable',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:DescribeContributorInsights',
      'dynamodb:DescribeKinesisStreamingDestination',
      'dynamodb:DescribeTimeToLive',
      'dynamodb:GetResourcePolicy',
      'dynamodb:ListTables',
      'dynamodb:ListTagsOfResource',
    ],
  },
  {
    cfnType: 'AWS::RDS::DBInstance',
    identifier: name,
    arn: (id, p, c) => str(p.DBInstanceArn) ?? `${prefix(c, 'rds')}:db:${id}`,
    follow: [{ property: 'DBSubnetGroupName', cfnType: 'AWS::RDS::DBSubnetGroup' }],
    permissions: ['rds:DescribeDBInstances'],
  },
  {
    cfnType: 'AWS::RDS::DBSubnetGroup',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'rds')}:subgrp:${id}`,
    permissions: ['rds:DescribeDBSubnetGroups'],
  },
  {
    cfnType: 'AWS::RDS::DBCluster',
    identifier: name,
    arn: (id, p, c) => str(p.DBClusterArn) ?? `${prefix(c, 'rds')}:cluster:${id}`,
    follow: [{ property: 'DBSubnetGroupName', cfnType: 'AWS::RDS::DBSubnetGroup' }],
    permissions: ['rds:DescribeDBClusters'],
  },
  {
    cfnType: 'AWS::ElastiCache::ReplicationGroup',
    identifier: name,
    arn: (id, p, c) => str(p.ARN) ?? `${prefix(c, 'elasticache')}:replicationgroup:${id}`,
    follow: [{ property: 'CacheSubnetGroupName', cfnType: 'AWS::ElastiCache::SubnetGroup' }],
    permissions: ['elasticache:DescribeReplicationGroups', 'elasticache:ListTagsForResource'],
  },
  {
    cfnType: 'AWS::ElastiCache::SubnetGroup',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'elasticache')}:subnetgroup:${id}`,
    permissions: ['elasticache:DescribeCacheSubnetGroups', 'elasticache:ListTagsForResource'],
  },
  {
    cfnType: 'AWS::ECS::Cluster',
    identifier: name,
    arn: (id, p, c) => str(p.Arn) ?? `${prefix(c, 'ecs')}:cluster/${id}`,
    permissions: ['ecs:DescribeClusters', 'ecs:ListClusters'],
  },
  {
    cfnType: 'AWS::ECS::Service',
    // Primary identifier [ServiceArn, Cluster]; the cluster is the ARN's middle segment.
    identifier: (a) => {
      const [cluster] = name(a).split('/');
      const arn = `arn:${a.partition}:ecs:${a.region}:${a.account}:${a.resource}`;
      return cluster ? `${arn}|${cluster}` : undefined;
    },
    arn: (id, p) => str(p.ServiceArn) ?? id.split('|')[0],
    listParent: { cfnType: 'AWS::ECS::Cluster', property: 'Cluster' },
    follow: [{ property: 'TaskDefinition', cfnType: 'AWS::ECS::TaskDefinition' }],
    permissions: ['ecs:DescribeServices', 'ecs:ListClusters', 'ecs:ListServices'],
  },
  {
    cfnType: 'AWS::ECS::TaskDefinition',
    identifier: (a) => `arn:${a.partition}:ecs:${a.region}:${a.account}:${a.resource}`,
    arn: (id, p) => str(p.TaskDefinitionArn) ?? id,
    permissions: ['ecs:DescribeTaskDefinition'],
  },
  {
    cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    identifier: (a) => `arn:${a.partition}:elasticloadbalancing:${a.region}:${a.account}:${a.resource}`,
    arn: (id, p) => str(p.LoadBalancerArn) ?? id,
    permissions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeTags',
    ],
  },
  {
    cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    identifier: (a) => `arn:${a.partition}:elasticloadbalancing:${a.region}:${a.account}:${a.resource}`,
    arn: (id, p) => str(p.TargetGroupArn) ?? id,
    connector: true,
    permissions: [
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetGroupAttributes',
      'elasticloadbalancing:DescribeTags',
    ],
  },
  {
    cfnType: 'AWS::ElasticLoadBalancingV2::Listener',
    identifier: (a) => `arn:${a.partition}:elasticloadbalancing:${a.region}:${a.account}:${a.resource}`,
    arn: (id, p) => str(p.ListenerArn) ?? id,
    listParent: { cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', property: 'LoadBalancerArn' },
    connector: true,
    permissions: [
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeListenerAttributes',
    ],
  },
  {
    cfnType: 'AWS::EC2::VPC',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'ec2')}:vpc/${id}`,
    permissions: ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:DescribeSecurityGroups'],
  },
  {
    cfnType: 'AWS::EC2::Subnet',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'ec2')}:subnet/${id}`,
    permissions: ['ec2:DescribeSubnets', 'ec2:DescribeNetworkAcls'],
  },
  {
    cfnType: 'AWS::EC2::SecurityGroup',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'ec2')}:security-group/${id}`,
    permissions: ['ec2:DescribeSecurityGroups'],
  },
  {
    cfnType: 'AWS::EC2::RouteTable',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'ec2')}:route-table/${id}`,
    permissions: ['ec2:DescribeRouteTables'],
  },
  {
    cfnType: 'AWS::EC2::NatGateway',
    identifier: name,
    arn: (id, _p, c) => `${prefix(c, 'ec2')}:natgateway/${id}`,
    permissions: ['ec2:DescribeNatGateways'],
  },
  {
    cfnType: 'AWS::ApiGateway::RestApi',
    identifier: (a) => a.resource.split('/')[2],
    arn: (id, _p, c) => `arn:${c.partition}:apigateway:${c.region}::/restapis/${id}`,
    permissions: ['apigateway:GET'],
  },
  {
    cfnType: 'AWS::ApiGatewayV2::Api',
    identifier: (a) => a.resource.split('/')[2],
    arn: (id, _p, c) => `arn:${c.partition}:apigateway:${c.region}::/apis/${id}`,
    permissions: ['apigateway:GET'],
  },
  {
    cfnType: 'AWS::CloudFront::Distribution',
    identifier: (a) => name(a),
    arn: (id, _p, c) => `arn:${c.partition}:cloudfront::${c.account}:distribution/${id}`,
    global: true,
    permissions: [
      'cloudfront:GetDistribution',
      'cloudfront:GetDistributionConfig',
      'cloudfront:ListDistributions',
      'cloudfront:ListTagsForResource',
    ],
  },
];

const byCfn = new Map(RESOURCE_TYPES.map((t) => [t.cfnType, t]));

export function resourceTypeSpec(cfnType: string): ResourceTypeSpec | undefined {
  return byCfn.get(cfnType);
}

/** The default regions for `--regions all`: every commercial region enabled by default (no opt-in needed). */
export const DEFAULT_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

/** Global services (CloudFront, Route 53) answer through this region. */
export const GLOBAL_REGION = 'us-east-1';
