// The terraform-aws-modules family (registry.terraform.io/namespaces/terraform-aws-modules): input shapes as
// documented in each module's variables.tf and examples (lambda v7, alb v9, ecs v5–v6, apigateway-v2 v5, …).
import type { ModuleInputRule, RegistryModuleEntry } from '../types.js';

const ecsService = (p: string): ModuleInputRule[] => [
  { input: `${p}load_balancer.*.target_group_arn`, kind: 'routes', direction: 'in' },
  // v6 `security_group_ingress_rules`, v5 `security_group_rules`: the ALB's group may reach the service.
  {
    input: `${p}security_group_ingress_rules.*.referenced_security_group_id`,
    kind: 'calls',
    direction: 'in',
  },
  { input: `${p}security_group_rules.*.source_security_group_id`, kind: 'calls', direction: 'in' },
];

const ecsEnv = (p: string) => [`${p}container_definitions.*.environment`];
const ecsPolicies = (p: string) => [`${p}tasks_iam_role_statements`, `${p}tasks_iam_role_policies`];

export const terraformAwsModules: RegistryModuleEntry[] = [
  {
    source: 'terraform-aws-modules/lambda/aws',
    tfType: 'aws_lambda_function',
    nameInput: 'function_name',
    edges: [
      { input: 'event_source_mapping.*.event_source_arn', kind: 'consumes', direction: 'in' },
      { input: 'allowed_triggers.*.source_arn', kind: 'triggers', direction: 'in' },
      { input: 'dead_letter_target_arn', kind: 'publishes', direction: 'out', label: 'DLQ' },
      { input: 'destination_on_failure', kind: 'infer', direction: 'out', label: 'on failure' },
      { input: 'destination_on_success', kind: 'infer', direction: 'out', label: 'on success' },
    ],
    env: ['environment_variables'],
    policies: ['policy_statements', 'policy_json', 'policy_jsons'],
    securityGroups: ['vpc_security_group_ids'],
    network: ['vpc_subnet_ids'],
  },
  {
    source: 'terraform-aws-modules/alb/aws',
    tfType: 'aws_lb',
    nameInput: 'name',
    edges: [
      // v9: target_groups = { x = { target_id = … } }; v8: target_groups = [{ targets = { t = { target_id } } }].
      { input: 'target_groups.*.target_id', kind: 'routes', direction: 'out' },
      { input: 'target_groups.*.targets.*.target_id', kind: 'routes', direction: 'out' },
      { input: 'additional_target_group_attachments.*.target_id', kind: 'routes', direction: 'out' },
    ],
    securityGroups: ['security_groups'],
    network: ['subnets', 'vpc_id'],
  },
  {
    source: 'terraform-aws-modules/elb/aws',
    tfType: 'aws_elb',
    edges: [{ input: 'instances', kind: 'routes', direction: 'out' }],
    securityGroups: ['security_groups'],
    network: ['subnets'],
  },
  {
    source: 'terraform-aws-modules/ecs/aws',
    tfType: 'aws_ecs_service',
    kind: 'container',
    nameInput: 'cluster_name',
    edges: ecsService('services.*.'),
    env: ecsEnv('services.*.'),
    policies: ecsPolicies('services.*.'),
    network: ['services.*.subnet_ids'],
  },
  {
    source: 'terraform-aws-modules/ecs/aws//modules/service',
    tfType: 'aws_ecs_service',
    nameInput: 'name',
    edges: ecsService(''),
    env: ecsEnv(''),
    policies: ecsPolicies(''),
    securityGroups: ['security_group_ids'],
    network: ['subnet_ids'],
  },
  { source: 'terraform-aws-modules/ecs/aws//modules/cluster', tfType: 'aws_ecs_cluster', plumbing: true },
  {
    source: 'terraform-aws-modules/ecs/aws//modules/container-definition',
    tfType: 'aws_ecs_task_definition',
    plumbing: true,
  },
  {
    source: 'terraform-aws-modules/rds/aws',
    tfType: 'aws_db_instance',
    nameInput: 'identifier',
    securityGroups: ['vpc_security_group_ids'],
    network: ['subnet_ids', 'db_subnet_group_name'],
  },
  {
    source: 'terraform-aws-modules/rds-aurora/aws',
    tfType: 'aws_rds_cluster',
    nameInput: 'name',
    edges: [
      { input: 'security_group_rules.*.source_security_group_id', kind: 'calls', direction: 'in' },
      {
        input: 'security_group_ingress_rules.*.referenced_security_group_id',
        kind: 'calls',
        direction: 'in',
      },
    ],
    securityGroups: ['vpc_security_group_ids'],
    network: ['subnets', 'vpc_id', 'db_subnet_group_name'],
  },
  { source: 'terraform-aws-modules/dynamodb-table/aws', tfType: 'aws_dynamodb_table', nameInput: 'name' },
  {
    source: 'terraform-aws-modules/elasticache/aws',
    tfType: 'aws_elasticache_replication_group',
    nameInput: 'replication_group_id',
    edges: [{ input: 'security_group_rules.*.referenced_security_group_id', kind: 'calls', direction: 'in' }],
    securityGroups: ['security_group_ids'],
    network: ['subnet_ids', 'vpc_id'],
  },
  {
    source: 'terraform-aws-modules/memory-db/aws',
    tfType: 'aws_memorydb_cluster',
    securityGroups: ['security_group_ids'],
    network: ['subnet_ids'],
  },
  { source: 'terraform-aws-modules/s3-bucket/aws', tfType: 'aws_s3_bucket', nameInput: 'bucket' },
  {
    source: 'terraform-aws-modules/s3-bucket/aws//modules/notification',
    tfType: 'aws_s3_bucket_notification',
    plumbing: true,
    links: [
      { from: 'bucket', to: 'lambda_notifications.*.function_arn', kind: 'triggers' },
      { from: 'bucket', to: 'sqs_notifications.*.queue_arn', kind: 'publishes' },
      { from: 'bucket', to: 'sns_notifications.*.topic_arn', kind: 'publishes' },
      { from: 'bucket', to: 'eventbridge', kind: 'publishes' },
    ],
  },
  {
    source: 'terraform-aws-modules/sqs/aws',
    tfType: 'aws_sqs_queue',
    nameInput: 'name',
    edges: [
      { input: 'redrive_policy.deadLetterTargetArn', kind: 'publishes', direction: 'out', label: 'DLQ' },
    ],
  },
  {
    source: 'terraform-aws-modules/sns/aws',
    tfType: 'aws_sns_topic',
    nameInput: 'name',
    edges: [{ input: 'subscriptions.*.endpoint', kind: 'publishes', direction: 'out' }],
  },
  {
    source: 'terraform-aws-modules/eventbridge/aws',
    tfType: 'aws_cloudwatch_event_bus',
    nameInput: 'bus_name',
    edges: [
      // targets = { rule = [{ name, arn }] }
      { input: 'targets.*.*.arn', kind: 'triggers', direction: 'out' },
      { input: 'schedules.*.arn', kind: 'triggers', direction: 'out' },
      { input: 'pipes.*.source', kind: 'consumes', direction: 'in' },
      { input: 'pipes.*.target', kind: 'infer', direction: 'out' },
      { input: 'pipes.*.enrichment', kind: 'calls', direction: 'out' },
    ],
  },
  {
    source: 'terraform-aws-modules/apigateway-v2/aws',
    tfType: 'aws_apigatewayv2_api',
    nameInput: 'name',
    edges: [
      // v5: routes = { "GET /" = { integration = { uri } } }; v4: integrations = { "GET /" = { lambda_arn } }.
      { input: 'routes.*.integration.uri', kind: 'calls', direction: 'out', label: 'integration' },
      { input: 'integrations.*.lambda_arn', kind: 'calls', direction: 'out', label: 'integration' },
      { input: 'integrations.*.integration_uri', kind: 'calls', direction: 'out', label: 'integration' },
      { input: 'body', kind: 'infer', direction: 'out', label: 'integration' },
    ],
  },
  {
    source: 'terraform-aws-modules/appsync/aws',
    tfType: 'aws_appsync_graphql_api',
    edges: [
      { input: 'datasources.*.function_arn', kind: 'calls', direction: 'out' },
      { input: 'datasources.*.table_name', kind: 'infer', direction: 'out' },
      { input: 'datasources.*.endpoint', kind: 'calls', direction: 'out' },
    ],
  },
  {
    source: 'terraform-aws-modules/cloudfront/aws',
    tfType: 'aws_cloudfront_distribution',
    edges: [{ input: 'origin.*.domain_name', kind: 'routes', direction: 'out' }],
  },
  {
    source: 'terraform-aws-modules/eks/aws',
    tfType: 'aws_eks_cluster',
    nameInput: 'cluster_name',
    network: ['subnet_ids', 'vpc_id', 'control_plane_subnet_ids'],
  },
  {
    source: 'terraform-aws-modules/step-functions/aws',
    tfType: 'aws_sfn_state_machine',
    nameInput: 'name',
    edges: [
      // Task states name their Lambda, queue, topic or table; service_integrations lists the same ARNs.
      { input: 'definition', kind: 'infer', direction: 'out' },
      { input: 'service_integrations.*.*', kind: 'infer', direction: 'out' },
    ],
    policies: ['policy_statements', 'policy_json'],
  },
  {
    source: 'terraform-aws-modules/autoscaling/aws',
    tfType: 'aws_autoscaling_group',
    edges: [
      { input: 'target_group_arns', kind: 'routes', direction: 'in' },
      { input: 'traffic_source_attachments.*.traffic_source_identifier', kind: 'routes', direction: 'in' },
    ],
    securityGroups: ['security_groups'],
    network: ['vpc_zone_identifier'],
  },
  {
    source: 'terraform-aws-modules/ec2-instance/aws',
    tfType: 'aws_instance',
    securityGroups: ['vpc_security_group_ids'],
    network: ['subnet_id'],
  },
  {
    source: 'terraform-aws-modules/security-group/aws',
    tfType: 'aws_security_group',
    plumbing: true,
    ingressFrom: [
      'ingress_with_source_security_group_id.*.source_security_group_id',
      'computed_ingress_with_source_security_group_id.*.source_security_group_id',
      'ingress_with_self',
    ],
    network: ['vpc_id'],
  },
  { source: 'terraform-aws-modules/vpc/aws', tfType: 'aws_vpc', kind: 'network' },
  {
    source: 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints',
    tfType: 'aws_vpc_endpoint',
    plumbing: true,
  },
  {
    source: 'terraform-aws-modules/route53/aws//modules/records',
    tfType: 'aws_route53_record',
    edges: [{ input: 'records.*.alias.name', kind: 'routes', direction: 'out' }],
  },
  { source: 'terraform-aws-modules/route53/aws//modules/zones', tfType: 'aws_route53_zone' },
  { source: 'terraform-aws-modules/route53/aws', tfType: 'aws_route53_zone' },
  { source: 'terraform-aws-modules/acm/aws', tfType: 'aws_acm_certificate', plumbing: true },
  { source: 'terraform-aws-modules/kms/aws', tfType: 'aws_kms_key', plumbing: true },
  { source: 'terraform-aws-modules/iam/aws', tfType: 'aws_iam_role', plumbing: true },
  { source: 'terraform-aws-modules/secrets-manager/aws', tfType: 'aws_secretsmanager_secret' },
  { source: 'terraform-aws-modules/ssm-parameter/aws', tfType: 'aws_ssm_parameter' },
  { source: 'terraform-aws-modules/ecr/aws', tfType: 'aws_ecr_repository' },
  { source: 'terraform-aws-modules/efs/aws', tfType: 'aws_efs_file_system' },
  { source: 'terraform-aws-modules/opensearch/aws', tfType: 'aws_opensearch_domain' },
  { source: 'terraform-aws-modules/redshift/aws', tfType: 'aws_redshift_cluster' },
  { source: 'terraform-aws-modules/msk-kafka-cluster/aws', tfType: 'aws_msk_cluster' },
  { source: 'terraform-aws-modules/kinesis/aws', tfType: 'aws_kinesis_stream' },
  { source: 'terraform-aws-modules/batch/aws', tfType: 'aws_batch_job_queue' },
  { source: 'terraform-aws-modules/cloudwatch/aws', tfType: 'aws_cloudwatch_metric_alarm', plumbing: true },
  { source: 'terraform-aws-modules/global-accelerator/aws', tfType: 'aws_globalaccelerator_accelerator' },
];
