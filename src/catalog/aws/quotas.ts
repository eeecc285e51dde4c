// Capacity and quota figures for the capacity model, keyed by Terraform type; every figure names its source.
// Figures are AWS defaults (per account and Region unless `scope` says otherwise); `archmap default` marks a
// planning assumption that AWS does not document, always with a note saying so.
import type { CapacityFigure } from '../types.js';

const LAMBDA_QUOTAS = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';
const LAMBDA_SCALING = 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html';
const APIGW_QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html';
const ELB_PRICING = 'https://aws.amazon.com/elasticloadbalancing/pricing/';
const SQS_MESSAGE_QUOTAS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html';
const SNS_QUOTAS = 'https://docs.aws.amazon.com/general/latest/gr/sns.html';
const KINESIS_QUOTAS = 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html';
const DYNAMODB_QUOTAS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html';
const DYNAMODB_PARTITIONS =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html';
const DYNAMODB_ON_DEMAND =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html';
const RDS_CONNECTIONS =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections';
const CLOUDFRONT_QUOTAS =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html';
const ROUTE53_QUOTAS = 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html';
const SFN_QUOTAS = 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html';
const EVENTBRIDGE_QUOTAS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html';
const ARCHMAP_DEFAULT = 'archmap default';
const PLANNING = 'planning assumption, not an AWS quota';

const apiGatewayAccountRps: CapacityFigure[] = [
  {
    metric: 'rps',
    value: 10_000,
    unit: 'requests/s',
    scope: 'account-region',
    source: APIGW_QUOTAS,
    adjustable: true,
    note: 'shared by all REST, HTTP and WebSocket APIs of the account in the Region; 2,500 rps in some newer Regions',
  },
  {
    metric: 'burst',
    value: 5_000,
    unit: 'requests',
    scope: 'account-region',
    source: APIGW_QUOTAS,
    adjustable: false,
    note: 'token-bucket capacity on top of the steady rate; 1,250 in the Regions with the 2,500 rps default',
  },
];

const albLcu: CapacityFigure[] = [
  {
    metric: 'new_connections_per_second',
    value: 25,
    unit: 'new connections/s per LCU',
    scope: 'LCU',
    source: ELB_PRICING,
    unbounded: true,
    variant: 'application',
    note: 'an ALB scales out by adding LCUs and has no documented request ceiling; these are the LCU dimensions (also 3,000 active connections/min, 1 GB/h to EC2/IP targets, 1,000 rule evaluations/s). Pre-warm or reserve LCUs for sudden 10x spikes',
  },
  {
    metric: 'active_connections',
    value: 3_000,
    unit: 'active connections/min per LCU',
    scope: 'LCU',
    source: ELB_PRICING,
    unbounded: true,
    variant: 'application',
    note: 'ALB LCU dimension; the load balancer scales out by adding LCUs',
  },
  {
    metric: 'rule_evaluations_per_second',
    value: 1_000,
    unit: 'rule evaluations/s per LCU',
    scope: 'LCU',
    source: ELB_PRICING,
    unbounded: true,
    variant: 'application',
    note: 'ALB LCU dimension; the first 10 rules are free',
  },
];

const nlbNlcu: CapacityFigure[] = [
  {
    metric: 'new_connections_per_second',
    value: 800,
    unit: 'new TCP connections/s per NLCU',
    scope: 'NLCU',
    source: ELB_PRICING,
    unbounded: true,
    variant: 'network',
    note: 'an NLB scales out by adding NLCUs; TCP NLCU dimensions (also 100,000 active connections, 1 GB/h)',
  },
  {
    metric: 'active_connections',
    value: 100_000,
    unit: 'active TCP connections per NLCU',
    scope: 'NLCU',
    source: ELB_PRICING,
    unbounded: true,
    variant: 'network',
    note: 'NLB NLCU dimension; the load balancer scales out by adding NLCUs',
  },
];

const rdsConnections = (engines: string): CapacityFigure => ({
  metric: 'connections',
  value: 5_000,
  unit: 'connections',
  scope: 'instance',
  source: RDS_CONNECTIONS,
  adjustable: true,
  byAttribute: { tf: 'instance_class', cfn: 'DBInstanceClass' },
  note: `${engines}: default max_connections follows the instance class (PostgreSQL LEAST(DBInstanceClassMemory/9531392, 5000)); look the class up with defaultMaxConnections(); 5,000 is the PostgreSQL cap`,
});

/** Capacity figures per Terraform type. Keys must be catalog types (a test checks this). */
export const capacityByTfType: Readonly<Record<string, readonly CapacityFigure[]>> = {
  aws_lambda_function: [
    {
      metric: 'concurrency',
      value: 1_000,
      unit: 'concurrent executions',
      scope: 'account-region',
      source: LAMBDA_QUOTAS,
      adjustable: true,
      note: 'shared by every function in the account and Region; reserved concurrency on a function carves out of it',
    },
    {
      metric: 'scaling_rate',
      value: 1_000,
      unit: 'execution environments per 10 s',
      scope: 'function',
      source: LAMBDA_SCALING,
      adjustable: false,
      note: 'each function can add at most 1,000 execution environments (about 10,000 rps) every 10 seconds',
    },
  ],
  aws_api_gateway_rest_api: apiGatewayAccountRps,
  aws_apigatewayv2_api: apiGatewayAccountRps,
  aws_lb: [...albLcu, ...nlbNlcu],
  aws_alb: albLcu,
  aws_sqs_queue: [
    {
      metric: 'messages_per_second',
      value: 1_000_000,
      unit: 'API calls/s per action',
      scope: 'queue',
      source: SQS_MESSAGE_QUOTAS,
      unbounded: true,
      variant: 'standard',
      note: 'standard queues support a nearly unlimited number of API calls per second; 1,000,000 is a planning ceiling only',
    },
    {
      metric: 'messages_per_second',
      value: 300,
      unit: 'transactions/s per API action',
      scope: 'queue',
      source: SQS_MESSAGE_QUOTAS,
      adjustable: false,
      variant: 'fifo',
      note: 'FIFO without batching and without high-throughput mode (SendMessage, ReceiveMessage, DeleteMessage each)',
    },
    {
      metric: 'messages_per_second',
      value: 3_000,
      unit: 'messages/s per API action',
      scope: 'queue',
      source: SQS_MESSAGE_QUOTAS,
      adjustable: false,
      variant: 'fifo-batched',
      note: 'FIFO with batches of 10 (300 calls/s × 10); high-throughput mode raises it further',
    },
  ],
  aws_sns_topic: [
    {
      metric: 'messages_per_second',
      value: 30_000,
      unit: 'Publish messages/s',
      scope: 'account-region',
      source: SNS_QUOTAS,
      adjustable: true,
      note: 'us-east-1 default for standard topics; the Publish quota is Region-dependent and lower in most other Regions — check the quota table for the target Region',
    },
  ],
  aws_kinesis_stream: [
    {
      metric: 'write_mb_per_second',
      value: 1,
      unit: 'MB/s',
      scope: 'shard',
      source: KINESIS_QUOTAS,
      adjustable: false,
    },
    {
      metric: 'write_records_per_second',
      value: 1_000,
      unit: 'records/s',
      scope: 'shard',
      source: KINESIS_QUOTAS,
      adjustable: false,
    },
    {
      metric: 'read_mb_per_second',
      value: 2,
      unit: 'MB/s',
      scope: 'shard',
      source: KINESIS_QUOTAS,
      adjustable: false,
      note: 'shared by all standard consumers of the shard; enhanced fan-out gives each consumer its own 2 MB/s',
    },
  ],
  aws_dynamodb_table: [
    {
      metric: 'read_capacity_units',
      value: 3_000,
      unit: 'RCU',
      scope: 'partition',
      source: DYNAMODB_PARTITIONS,
      adjustable: false,
      note: 'a hot partition key saturates here whatever the table capacity; a linear mix with writes shares the partition',
    },
    {
      metric: 'write_capacity_units',
      value: 1_000,
      unit: 'WCU',
      scope: 'partition',
      source: DYNAMODB_PARTITIONS,
      adjustable: false,
    },
    {
      metric: 'read_request_units',
      value: 40_000,
      unit: 'RRU/s',
      scope: 'table',
      source: DYNAMODB_QUOTAS,
      adjustable: true,
      variant: 'on-demand',
      note: 'default per-table throughput quota',
    },
    {
      metric: 'write_request_units',
      value: 40_000,
      unit: 'WRU/s',
      scope: 'table',
      source: DYNAMODB_QUOTAS,
      adjustable: true,
      variant: 'on-demand',
      note: 'default per-table throughput quota',
    },
    {
      metric: 'initial_write_request_units',
      value: 4_000,
      unit: 'WRU/s',
      scope: 'table',
      source: DYNAMODB_ON_DEMAND,
      adjustable: false,
      variant: 'on-demand',
      note: 'a new on-demand table serves 4,000 WRU or 12,000 RRU at once; above twice the previous peak within 30 minutes it may throttle',
    },
  ],
  aws_db_instance: [rdsConnections('RDS')],
  aws_rds_cluster_instance: [rdsConnections('Aurora')],
  aws_elasticache_replication_group: [
    {
      metric: 'ops_per_second',
      value: 100_000,
      unit: 'simple GET/SET ops/s',
      scope: 'node',
      source: ARCHMAP_DEFAULT,
      note: `${PLANNING}: an estimate for one Redis/Valkey primary on a mid-size node; real throughput depends on node type, TLS, command mix and value size — benchmark before relying on it`,
    },
  ],
  aws_elasticache_cluster: [
    {
      metric: 'ops_per_second',
      value: 100_000,
      unit: 'simple GET/SET ops/s',
      scope: 'node',
      source: ARCHMAP_DEFAULT,
      note: `${PLANNING}: an estimate for one node; depends on node type, engine, TLS and command mix`,
    },
  ],
  aws_ecs_service: [
    {
      metric: 'rps',
      value: 200,
      unit: 'requests/s',
      scope: 'task',
      source: ARCHMAP_DEFAULT,
      note: `${PLANNING}: AWS documents no per-task request rate; 200 rps is a conservative figure for a 0.5–1 vCPU web task. Measure yours and set it in archmap.config.json`,
    },
  ],
  aws_cloudfront_distribution: [
    {
      metric: 'rps',
      value: 250_000,
      unit: 'requests/s',
      scope: 'distribution',
      source: CLOUDFRONT_QUOTAS,
      adjustable: true,
    },
    {
      metric: 'throughput_gbps',
      value: 150,
      unit: 'Gbps',
      scope: 'distribution',
      source: CLOUDFRONT_QUOTAS,
      adjustable: true,
    },
  ],
  aws_route53_record: [
    {
      metric: 'queries_per_second',
      value: 1_000_000,
      unit: 'DNS queries/s',
      scope: 'hosted-zone',
      source: ROUTE53_QUOTAS,
      unbounded: true,
      note: 'Route 53 documents no quota on DNS queries answered (only on API calls and resource counts); effectively unlimited, 1,000,000 is a planning ceiling only',
    },
  ],
  aws_sfn_state_machine: [
    {
      metric: 'start_executions_per_second',
      value: 300,
      unit: 'StartExecution calls/s (refill rate)',
      scope: 'account-region',
      source: SFN_QUOTAS,
      adjustable: true,
      variant: 'standard',
      note: 'us-east-1, us-west-2 and eu-west-1: bucket 1,300, refill 300/s; other Regions: bucket 800, refill 150/s',
    },
  ],
  aws_cloudwatch_event_bus: [
    {
      metric: 'put_events_per_second',
      value: 10_000,
      unit: 'PutEvents transactions/s',
      scope: 'account-region',
      source: EVENTBRIDGE_QUOTAS,
      adjustable: true,
      note: 'us-east-1 default, shared by all buses of the account; lower in most other Regions',
    },
    {
      metric: 'invocations_per_second',
      value: 18_750,
      unit: 'target invocations/s',
      scope: 'account-region',
      source: EVENTBRIDGE_QUOTAS,
      adjustable: true,
      note: 'us-east-1 default; over it invocations are delayed, not dropped',
    },
  ],
};
