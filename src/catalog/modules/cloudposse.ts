// The most used cloudposse modules (registry.terraform.io/namespaces/cloudposse): input names as in each module's
// variables.tf. `cloudposse/label/null` (and `context = module.this.context`) is naming plumbing, never a connection.
import type { RegistryModuleEntry } from '../types.js';

export const cloudposseModules: RegistryModuleEntry[] = [
  { source: 'cloudposse/label/null', tfType: 'null_resource', kind: 'generic', plumbing: true },
  {
    source: 'cloudposse/lambda-function/aws',
    tfType: 'aws_lambda_function',
    nameInput: 'function_name',
    edges: [{ input: 'dead_letter_config_target_arn', kind: 'publishes', direction: 'out', label: 'DLQ' }],
    env: ['lambda_environment.variables'],
    policies: ['inline_iam_policy'],
    securityGroups: ['vpc_config.security_group_ids'],
    network: ['vpc_config.subnet_ids'],
  },
  {
    source: 'cloudposse/ecs-alb-service-task/aws',
    tfType: 'aws_ecs_service',
    edges: [
      { input: 'ecs_load_balancers.*.target_group_arn', kind: 'routes', direction: 'in' },
      { input: 'alb_security_group', kind: 'calls', direction: 'in' },
    ],
    env: ['container_definition_json'],
    policies: ['task_policy_arns'],
    securityGroups: ['security_group_ids'],
    network: ['subnet_ids', 'vpc_id'],
  },
  {
    source: 'cloudposse/ecs-web-app/aws',
    tfType: 'aws_ecs_service',
    edges: [
      { input: 'alb_ingress_unauthenticated_listener_arns', kind: 'routes', direction: 'in' },
      { input: 'alb_security_group', kind: 'calls', direction: 'in' },
    ],
    env: ['environment', 'map_environment'],
    network: ['ecs_private_subnet_ids', 'vpc_id'],
  },
  {
    source: 'cloudposse/ecs-container-definition/aws',
    tfType: 'aws_ecs_task_definition',
    plumbing: true,
    env: ['environment', 'map_environment'],
  },
  {
    source: 'cloudposse/alb-ingress/aws',
    tfType: 'aws_lb_listener_rule',
    plumbing: true,
    links: [
      { from: 'unauthenticated_listener_arns', to: 'target_group_arn', kind: 'routes' },
      { from: 'authenticated_listener_arns', to: 'target_group_arn', kind: 'routes' },
    ],
  },
  { source: 'cloudposse/ecs-cluster/aws', tfType: 'aws_ecs_cluster', plumbing: true },
  {
    source: 'cloudposse/alb/aws',
    tfType: 'aws_lb',
    securityGroups: ['security_group_ids'],
    network: ['subnet_ids'],
  },
  { source: 'cloudposse/nlb/aws', tfType: 'aws_lb', network: ['subnet_ids'] },
  { source: 'cloudposse/sqs-queue/aws', tfType: 'aws_sqs_queue' },
  {
    source: 'cloudposse/sns-topic/aws',
    tfType: 'aws_sns_topic',
    edges: [{ input: 'subscribers.*.endpoint', kind: 'publishes', direction: 'out' }],
  },
  { source: 'cloudposse/dynamodb/aws', tfType: 'aws_dynamodb_table' },
  {
    source: 'cloudposse/elasticache-redis/aws',
    tfType: 'aws_elasticache_replication_group',
    edges: [
      { input: 'allowed_security_group_ids', kind: 'calls', direction: 'in' },
      { input: 'allowed_security_groups', kind: 'calls', direction: 'in' },
    ],
    securityGroups: ['associated_security_group_ids'],
    network: ['subnets', 'vpc_id'],
  },
  {
    source: 'cloudposse/rds/aws',
    tfType: 'aws_db_instance',
    edges: [{ input: 'security_group_ids', kind: 'calls', direction: 'in' }],
    securityGroups: ['associate_security_group_ids'],
    network: ['subnet_ids', 'vpc_id'],
  },
  {
    source: 'cloudposse/rds-cluster/aws',
    tfType: 'aws_rds_cluster',
    edges: [
      { input: 'security_groups', kind: 'calls', direction: 'in' },
      { input: 'allowed_security_groups', kind: 'calls', direction: 'in' },
    ],
    securityGroups: ['associate_security_group_ids'],
    network: ['subnets', 'vpc_id'],
  },
  { source: 'cloudposse/s3-bucket/aws', tfType: 'aws_s3_bucket' },
  {
    source: 'cloudposse/cloudfront-s3-cdn/aws',
    tfType: 'aws_cloudfront_distribution',
    edges: [
      { input: 'origin_bucket', kind: 'routes', direction: 'out' },
      { input: 'custom_origins.*.domain_name', kind: 'routes', direction: 'out' },
    ],
  },
  {
    source: 'cloudposse/cloudfront-cdn/aws',
    tfType: 'aws_cloudfront_distribution',
    edges: [
      { input: 'origin_domain_name', kind: 'routes', direction: 'out' },
      { input: 'custom_origins.*.domain_name', kind: 'routes', direction: 'out' },
    ],
  },
  {
    source: 'cloudposse/api-gateway/aws',
    tfType: 'aws_api_gateway_rest_api',
    edges: [{ input: 'openapi_config', kind: 'infer', direction: 'out', label: 'integration' }],
  },
  { source: 'cloudposse/vpc/aws', tfType: 'aws_vpc', kind: 'network' },
  { source: 'cloudposse/dynamic-subnets/aws', tfType: 'aws_subnet', kind: 'network', plumbing: true },
  { source: 'cloudposse/eks-cluster/aws', tfType: 'aws_eks_cluster', network: ['subnet_ids'] },
  {
    source: 'cloudposse/elasticsearch/aws',
    tfType: 'aws_elasticsearch_domain',
    edges: [{ input: 'allowed_security_groups', kind: 'calls', direction: 'in' }],
    securityGroups: ['security_groups'],
    network: ['subnet_ids', 'vpc_id'],
  },
  {
    source: 'cloudposse/security-group/aws',
    tfType: 'aws_security_group',
    plumbing: true,
    ingressFrom: ['rules.*.source_security_group_id', 'rules_map.*.*.source_security_group_id'],
    network: ['vpc_id'],
  },
  { source: 'cloudposse/ecr/aws', tfType: 'aws_ecr_repository' },
  { source: 'cloudposse/kms-key/aws', tfType: 'aws_kms_key', plumbing: true },
  { source: 'cloudposse/iam-role/aws', tfType: 'aws_iam_role', plumbing: true },
  { source: 'cloudposse/ssm-parameter-store/aws', tfType: 'aws_ssm_parameter' },
];
