import { describe, expect, it } from 'vitest';
import { catalogEntries, lookupArn, lookupTerraformType, parseArn } from '../../src/catalog/index.js';

const A = '123456789012';
const R = 'eu-west-1';
const arn = (service: string, resource: string, region = R, account = A) =>
  `arn:aws:${service}:${region}:${account}:${resource}`;

/**
 * One realistic ARN per catalog entry that has an `arn` shape. When the format is shared with another entry, the
 * third column names the primary entry lookupArn must return instead.
 */
const samples: [tfType: string, sample: string, resolvesTo?: string][] = [
  ['aws_lambda_function', arn('lambda', 'function:shop-worker')],
  ['aws_lambda_alias', arn('lambda', 'function:shop-worker:live'), 'aws_lambda_function'],
  [
    'aws_lambda_event_source_mapping',
    arn('lambda', 'event-source-mapping:a1b2c3d4-5678-90ab-cdef-11111EXAMPLE'),
  ],
  ['aws_lambda_layer_version', arn('lambda', 'layer:shared-utils:3')],
  ['aws_ecs_cluster', arn('ecs', 'cluster/shop')],
  ['aws_ecs_service', arn('ecs', 'service/shop/api')],
  ['aws_ecs_task_definition', arn('ecs', 'task-definition/api:7')],
  ['aws_ecs_capacity_provider', arn('ecs', 'capacity-provider/spot')],
  ['aws_instance', arn('ec2', 'instance/i-0abcd1234efgh5678')],
  [
    'aws_autoscaling_group',
    arn('autoscaling', 'autoScalingGroup:8a7b6c5d-1234-4e5f-9a8b-7c6d5e4f3a2b:autoScalingGroupName/web'),
  ],
  [
    'aws_autoscaling_policy',
    arn(
      'autoscaling',
      'scalingPolicy:2f1e3d4c-5b6a-4789-8765-43210fedcba9:autoScalingGroupName/web:policyName/scale-out',
    ),
  ],
  ['aws_launch_template', arn('ec2', 'launch-template/lt-0abcd1234efgh5678')],
  ['aws_key_pair', arn('ec2', 'key-pair/key-0abcd1234efgh5678')],
  ['aws_ebs_volume', arn('ec2', 'volume/vol-0abcd1234efgh5678')],
  ['aws_eks_cluster', arn('eks', 'cluster/prod')],
  ['aws_eks_node_group', arn('eks', 'nodegroup/prod/default/2ec5f7a1-3c9e-4d2b-8f6a-1a2b3c4d5e6f')],
  ['aws_batch_compute_environment', arn('batch', 'compute-environment/spot-ce')],
  ['aws_batch_job_queue', arn('batch', 'job-queue/nightly')],
  ['aws_batch_job_definition', arn('batch', 'job-definition/report:3')],
  ['aws_apprunner_service', arn('apprunner', 'service/web/8fe1e10304f84fd2b0df550fe98a71fa')],
  [
    'aws_apprunner_vpc_connector',
    arn('apprunner', 'vpcconnector/private/1/3f2f5a1d4e6b4c1d9e8f7a6b5c4d3e2f'),
  ],
  ['aws_elastic_beanstalk_application', arn('elasticbeanstalk', 'application/shop')],
  ['aws_elastic_beanstalk_environment', arn('elasticbeanstalk', 'environment/shop/shop-prod')],
  ['aws_lightsail_instance', arn('lightsail', 'Instance/244ad76f-8aad-4741-809f-12345EXAMPLE')],
  ['aws_emr_cluster', arn('elasticmapreduce', 'cluster/j-3KVTXXXXXX7UG')],
  // RDS: `db:` instances vs `cluster:` clusters; DocumentDB, Neptune and Aurora instances reuse both.
  ['aws_db_instance', arn('rds', 'db:shop-orders')],
  ['aws_rds_cluster_instance', arn('rds', 'db:shop-aurora-1'), 'aws_db_instance'],
  ['aws_docdb_cluster_instance', arn('rds', 'db:docs-1'), 'aws_db_instance'],
  ['aws_neptune_cluster_instance', arn('rds', 'db:graph-1'), 'aws_db_instance'],
  ['aws_rds_cluster', arn('rds', 'cluster:shop-aurora')],
  ['aws_docdb_cluster', arn('rds', 'cluster:docs'), 'aws_rds_cluster'],
  ['aws_neptune_cluster', arn('rds', 'cluster:graph'), 'aws_rds_cluster'],
  ['aws_rds_global_cluster', `arn:aws:rds::${A}:global-cluster:orders-global`],
  ['aws_db_subnet_group', arn('rds', 'subgrp:shop-db')],
  ['aws_db_parameter_group', arn('rds', 'pg:shop-postgres16')],
  ['aws_db_proxy', arn('rds', 'db-proxy:prx-0123456789abcdef0')],
  ['aws_dynamodb_table', arn('dynamodb', 'table/orders')],
  ['aws_dynamodb_global_table', `arn:aws:dynamodb::${A}:global-table/orders`],
  ['aws_elasticache_replication_group', arn('elasticache', 'replicationgroup:shop-cache')],
  ['aws_elasticache_cluster', arn('elasticache', 'cluster:shop-cache-001')],
  ['aws_elasticache_subnet_group', arn('elasticache', 'subnetgroup:shop-cache')],
  ['aws_elasticache_serverless_cache', arn('elasticache', 'serverlesscache:sessions')],
  ['aws_opensearch_domain', arn('es', 'domain/search')],
  ['aws_elasticsearch_domain', arn('es', 'domain/legacy-search'), 'aws_opensearch_domain'],
  ['aws_opensearchserverless_collection', arn('aoss', 'collection/0a1b2c3d4e5f6g7h8i9j')],
  ['aws_dax_cluster', arn('dax', 'cache/orders-dax')],
  ['aws_memorydb_cluster', arn('memorydb', 'cluster/sessions')],
  ['aws_memorydb_subnet_group', arn('memorydb', 'subnetgroup/sessions')],
  ['aws_keyspaces_keyspace', arn('cassandra', '/keyspace/orders/')],
  ['aws_keyspaces_table', arn('cassandra', '/keyspace/orders/table/events')],
  ['aws_timestreamwrite_database', arn('timestream', 'database/metrics')],
  ['aws_timestreamwrite_table', arn('timestream', 'database/metrics/table/cpu')],
  ['aws_redshift_cluster', arn('redshift', 'cluster:analytics')],
  ['aws_redshift_subnet_group', arn('redshift', 'subnetgroup:analytics')],
  [
    'aws_redshiftserverless_workgroup',
    arn('redshift-serverless', 'workgroup/2b8e4c3a-1d5f-4e6a-9b7c-8d9e0f1a2b3c'),
  ],
  [
    'aws_redshiftserverless_namespace',
    arn('redshift-serverless', 'namespace/7c6b5a4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d'),
  ],
  // S3 bucket ARNs have neither Region nor account.
  ['aws_s3_bucket', 'arn:aws:s3:::shop-receipts'],
  ['aws_s3_access_point', arn('s3', 'accesspoint/reports')],
  ['aws_ecr_repository', arn('ecr', 'repository/shop/api')],
  ['aws_efs_file_system', arn('elasticfilesystem', 'file-system/fs-0123456789abcdef0')],
  ['aws_efs_access_point', arn('elasticfilesystem', 'access-point/fsap-0123456789abcdef0')],
  ['aws_fsx_lustre_file_system', arn('fsx', 'file-system/fs-0123456789abcdef0')],
  [
    'aws_fsx_windows_file_system',
    arn('fsx', 'file-system/fs-0fedcba9876543210'),
    'aws_fsx_lustre_file_system',
  ],
  ['aws_fsx_ontap_file_system', arn('fsx', 'file-system/fs-0aaaabbbbccccdddd'), 'aws_fsx_lustre_file_system'],
  [
    'aws_fsx_openzfs_file_system',
    arn('fsx', 'file-system/fs-0eeeeffff00001111'),
    'aws_fsx_lustre_file_system',
  ],
  ['aws_backup_vault', arn('backup', 'backup-vault:Default')],
  ['aws_backup_plan', arn('backup', 'backup-plan:8f6e5d4c-3b2a-4190-8e7d-6c5b4a392817')],
  ['aws_glacier_vault', arn('glacier', 'vaults/archive')],
  // SQS and SNS topics have no resource type; an SNS subscription adds `:<uuid>`.
  ['aws_sqs_queue', arn('sqs', 'shop-orders')],
  ['aws_sns_topic', arn('sns', 'order-events')],
  ['aws_sns_topic_subscription', arn('sns', 'order-events:0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e')],
  ['aws_cloudwatch_event_bus', arn('events', 'event-bus/shop')],
  ['aws_cloudwatch_event_rule', arn('events', 'rule/shop/order-placed')],
  ['aws_scheduler_schedule', arn('scheduler', 'schedule/default/nightly-report')],
  ['aws_pipes_pipe', arn('pipes', 'pipe/orders-to-stepfunctions')],
  ['aws_kinesis_stream', arn('kinesis', 'stream/clickstream')],
  ['aws_kinesis_firehose_delivery_stream', arn('firehose', 'deliverystream/clicks-to-s3')],
  ['aws_sfn_state_machine', arn('states', 'stateMachine:checkout')],
  ['aws_sfn_activity', arn('states', 'activity:manual-approval')],
  ['aws_mq_broker', arn('mq', 'broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9')],
  ['aws_msk_cluster', arn('kafka', 'cluster/events/5f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f-2')],
  [
    'aws_msk_serverless_cluster',
    arn('kafka', 'cluster/serverless-events/6a7b8c9d-0e1f-2a3b-4c5d-6e7f8a9b0c1d-s1'),
    'aws_msk_cluster',
  ],
  ['aws_kinesisanalyticsv2_application', arn('kinesisanalytics', 'application/clickstream-agg')],
  ['aws_appsync_graphql_api', arn('appsync', 'apis/abcdefghijklmnopqrstuvwxyz')],
  ['aws_appsync_datasource', arn('appsync', 'apis/abcdefghijklmnopqrstuvwxyz/datasources/orders')],
  ['aws_sesv2_email_identity', arn('ses', 'identity/example.com')],
  ['aws_ses_domain_identity', arn('ses', 'identity/mail.example.com'), 'aws_sesv2_email_identity'],
  ['aws_sesv2_configuration_set', arn('ses', 'configuration-set/transactional')],
  ['aws_pinpoint_app', arn('mobiletargeting', 'apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6')],
  ['aws_iot_topic_rule', arn('iot', 'rule/telemetry_to_kinesis')],
  ['aws_iot_thing', arn('iot', 'thing/sensor-0001')],
  ['aws_iot_policy', arn('iot', 'policy/DevicePolicy')],
  ['aws_glue_job', arn('glue', 'job/orders-etl')],
  ['aws_glue_crawler', arn('glue', 'crawler/orders-raw')],
  ['aws_glue_catalog_database', arn('glue', 'database/analytics')],
  ['aws_glue_catalog_table', arn('glue', 'table/analytics/orders')],
  ['aws_athena_workgroup', arn('athena', 'workgroup/analysts')],
  ['aws_mwaa_environment', arn('airflow', 'environment/shop-pipelines')],
  ['aws_transfer_server', arn('transfer', 'server/s-0123456789abcdef0')],
  ['aws_service_discovery_private_dns_namespace', arn('servicediscovery', 'namespace/ns-abcdefgh12345678')],
  ['aws_service_discovery_service', arn('servicediscovery', 'service/srv-abcdefgh12345678')],
  // ELB: ALB vs NLB vs classic load balancers, target groups, listeners and rules.
  ['aws_lb', arn('elasticloadbalancing', 'loadbalancer/app/shop-web/50dc6c495c0c9188')],
  ['aws_alb', arn('elasticloadbalancing', 'loadbalancer/app/legacy-web/1234567890abcdef'), 'aws_lb'],
  ['aws_elb', arn('elasticloadbalancing', 'loadbalancer/classic-web')],
  ['aws_lb_target_group', arn('elasticloadbalancing', 'targetgroup/shop-api/73e2d6bc24d8a067')],
  ['aws_lb_listener', arn('elasticloadbalancing', 'listener/app/shop-web/50dc6c495c0c9188/f2f7dc8efc522ab2')],
  [
    'aws_lb_listener_rule',
    arn(
      'elasticloadbalancing',
      'listener-rule/app/shop-web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
    ),
  ],
  // CloudFront and Route 53 are global: no Region (and no account for Route 53).
  ['aws_cloudfront_distribution', `arn:aws:cloudfront::${A}:distribution/E2QWRUHAPOMQZL`],
  ['aws_cloudfront_origin_access_control', `arn:aws:cloudfront::${A}:origin-access-control/E1ABCDEFGHIJKL`],
  ['aws_cloudfront_function', `arn:aws:cloudfront::${A}:function/url-rewrite`],
  ['aws_route53_zone', 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'],
  ['aws_route53_health_check', 'arn:aws:route53:::healthcheck/abcdef11-2222-3333-4444-555555fedcba'],
  // API Gateway: no account, and the resource part is a path that starts with '/'.
  ['aws_api_gateway_rest_api', `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5`],
  ['aws_api_gateway_resource', `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7`],
  ['aws_api_gateway_method', `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7/methods/POST`],
  [
    'aws_api_gateway_integration',
    `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7/methods/POST/integration`,
  ],
  ['aws_api_gateway_deployment', `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/deployments/d3pl0y`],
  ['aws_api_gateway_stage', `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/stages/prod`],
  ['aws_apigatewayv2_api', `arn:aws:apigateway:${R}::/apis/k7l8m9n0p1`],
  ['aws_apigatewayv2_route', `arn:aws:apigateway:${R}::/apis/k7l8m9n0p1/routes/r0ut3id`],
  ['aws_apigatewayv2_integration', `arn:aws:apigateway:${R}::/apis/k7l8m9n0p1/integrations/1nt3gr`],
  ['aws_apigatewayv2_stage', `arn:aws:apigateway:${R}::/apis/k7l8m9n0p1/stages/$default`],
  ['aws_wafv2_web_acl', arn('wafv2', 'regional/webacl/shop-alb/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111')],
  ['aws_wafv2_ip_set', arn('wafv2', 'regional/ipset/blocked/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222')],
  [
    'aws_wafv2_rule_group',
    arn('wafv2', 'global/rulegroup/edge-rules/a1b2c3d4-5678-90ab-cdef-EXAMPLE33333', 'us-east-1'),
  ],
  // EC2 networking.
  ['aws_vpc', arn('ec2', 'vpc/vpc-0a1b2c3d4e5f67890')],
  ['aws_subnet', arn('ec2', 'subnet/subnet-0a1b2c3d4e5f67890')],
  ['aws_internet_gateway', arn('ec2', 'internet-gateway/igw-0a1b2c3d4e5f67890')],
  ['aws_nat_gateway', arn('ec2', 'natgateway/nat-0a1b2c3d4e5f67890')],
  ['aws_eip', arn('ec2', 'elastic-ip/eipalloc-0a1b2c3d4e5f67890')],
  ['aws_egress_only_internet_gateway', arn('ec2', 'egress-only-internet-gateway/eigw-0a1b2c3d4e5f67890')],
  ['aws_route_table', arn('ec2', 'route-table/rtb-0a1b2c3d4e5f67890')],
  ['aws_network_acl', arn('ec2', 'network-acl/acl-0a1b2c3d4e5f67890')],
  ['aws_network_interface', arn('ec2', 'network-interface/eni-0a1b2c3d4e5f67890')],
  ['aws_security_group', arn('ec2', 'security-group/sg-0a1b2c3d4e5f67890')],
  ['aws_vpc_security_group_ingress_rule', arn('ec2', 'security-group-rule/sgr-0a1b2c3d4e5f67890')],
  [
    'aws_vpc_security_group_egress_rule',
    arn('ec2', 'security-group-rule/sgr-0f9e8d7c6b5a43210'),
    'aws_vpc_security_group_ingress_rule',
  ],
  ['aws_vpc_endpoint', arn('ec2', 'vpc-endpoint/vpce-0a1b2c3d4e5f67890')],
  ['aws_vpc_endpoint_service', arn('ec2', 'vpc-endpoint-service/vpce-svc-0a1b2c3d4e5f67890')],
  ['aws_vpc_peering_connection', arn('ec2', 'vpc-peering-connection/pcx-0a1b2c3d4e5f67890')],
  ['aws_flow_log', arn('ec2', 'vpc-flow-log/fl-0a1b2c3d4e5f67890')],
  ['aws_vpn_gateway', arn('ec2', 'vpn-gateway/vgw-0a1b2c3d4e5f67890')],
  ['aws_customer_gateway', arn('ec2', 'customer-gateway/cgw-0a1b2c3d4e5f67890')],
  ['aws_vpn_connection', arn('ec2', 'vpn-connection/vpn-0a1b2c3d4e5f67890')],
  ['aws_ec2_transit_gateway', arn('ec2', 'transit-gateway/tgw-0a1b2c3d4e5f67890')],
  [
    'aws_ec2_transit_gateway_vpc_attachment',
    arn('ec2', 'transit-gateway-attachment/tgw-attach-0a1b2c3d4e5f67890'),
  ],
  [
    'aws_globalaccelerator_accelerator',
    `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh`,
  ],
  [
    'aws_globalaccelerator_listener',
    `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh/listener/0123vxyz`,
  ],
  [
    'aws_globalaccelerator_endpoint_group',
    `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh/listener/0123vxyz/endpoint-group/098765zyxwvu`,
  ],
  ['aws_dx_connection', arn('directconnect', 'dxcon/dxcon-fgabc123')],
  ['aws_dx_gateway', `arn:aws:directconnect::${A}:dx-gateway/5f0e4a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b`],
  ['aws_dx_private_virtual_interface', arn('directconnect', 'dxvif/dxvif-ffabc123')],
  ['aws_networkfirewall_firewall', arn('network-firewall', 'firewall/egress')],
  ['aws_networkfirewall_firewall_policy', arn('network-firewall', 'firewall-policy/egress')],
  ['aws_networkfirewall_rule_group', arn('network-firewall', 'stateful-rulegroup/allowed-domains')],
  ['aws_route53_resolver_endpoint', arn('route53resolver', 'resolver-endpoint/rslvr-in-0123456789abcdef0')],
  // Identity and security.
  ['aws_iam_role', `arn:aws:iam::${A}:role/shop-api-task`],
  ['aws_iam_policy', `arn:aws:iam::${A}:policy/shop-worker-access`],
  ['aws_iam_instance_profile', `arn:aws:iam::${A}:instance-profile/web`],
  ['aws_iam_user', `arn:aws:iam::${A}:user/ci-deployer`],
  ['aws_iam_group', `arn:aws:iam::${A}:group/developers`],
  ['aws_iam_openid_connect_provider', `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`],
  ['aws_kms_key', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')],
  ['aws_kms_alias', arn('kms', 'alias/shop-data')],
  ['aws_secretsmanager_secret', arn('secretsmanager', 'secret:shop/db-password-AbCdEf')],
  ['aws_acm_certificate', arn('acm', 'certificate/12345678-1234-1234-1234-123456789012')],
  [
    'aws_acmpca_certificate_authority',
    arn('acm-pca', 'certificate-authority/12345678-1234-1234-1234-123456789012'),
  ],
  ['aws_cognito_user_pool', arn('cognito-idp', 'userpool/eu-west-1_AbCdEfGhI')],
  [
    'aws_cognito_identity_pool',
    arn('cognito-identity', 'identitypool/eu-west-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d'),
  ],
  ['aws_shield_protection', `arn:aws:shield::${A}:protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE44444`],
  ['aws_guardduty_detector', arn('guardduty', 'detector/12abc34d567e8fa901bc2d34e56789f0')],
  ['aws_securityhub_account', arn('securityhub', 'hub/default')],
  ['aws_config_config_rule', arn('config', 'config-rule/config-rule-ab1cde')],
  // Observability, management, delivery.
  ['aws_cloudwatch_log_group', arn('logs', 'log-group:/aws/lambda/shop-worker:*')],
  ['aws_cloudwatch_metric_alarm', arn('cloudwatch', 'alarm:api-5xx')],
  ['aws_cloudwatch_composite_alarm', arn('cloudwatch', 'alarm:shop-degraded'), 'aws_cloudwatch_metric_alarm'],
  ['aws_cloudwatch_dashboard', `arn:aws:cloudwatch::${A}:dashboard/shop`],
  ['aws_xray_group', arn('xray', 'group/shop/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')],
  ['aws_xray_sampling_rule', arn('xray', 'sampling-rule/checkout')],
  ['aws_cloudtrail', arn('cloudtrail', 'trail/org-trail')],
  ['aws_ssm_parameter', arn('ssm', 'parameter/shop/db/host')],
  ['aws_ssm_document', arn('ssm', 'document/RestartService')],
  ['aws_codebuild_project', arn('codebuild', 'project/shop-build')],
  ['aws_codepipeline', arn('codepipeline', 'shop-release')],
  ['aws_amplify_app', arn('amplify', 'apps/d1a2b3c4d5e6f7')],
  [
    'aws_cloudformation_stack',
    arn('cloudformation', 'stack/shop-legacy/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d'),
  ],
  ['aws_sagemaker_endpoint', arn('sagemaker', 'endpoint/recommendations')],
  ['aws_sagemaker_endpoint_configuration', arn('sagemaker', 'endpoint-config/recommendations-v2')],
  ['aws_sagemaker_model', arn('sagemaker', 'model/recommendations-v2')],
  ['aws_sagemaker_notebook_instance', arn('sagemaker', 'notebook-instance/research')],
  ['aws_sagemaker_domain', arn('sagemaker', 'domain/d-abcdefghijkl')],
  ['aws_bedrockagent_agent', arn('bedrock', 'agent/ABCDEFGHIJ')],
  ['aws_bedrockagent_knowledge_base', arn('bedrock', 'knowledge-base/KB12345678')],
  ['aws_bedrock_guardrail', arn('bedrock', 'guardrail/gr12345abcde')],
];

describe('ARN formats', () => {
  it('has a sample ARN for every catalog entry with an arn shape, and none for others', () => {
    const withArn = catalogEntries()
      .filter((e) => e.arn)
      .map((e) => e.tfType)
      .sort();
    expect(samples.map(([t]) => t).sort()).toEqual(withArn);
  });

  it.each(samples)('%s: %s resolves back through lookupArn', (tfType, sample, resolvesTo) => {
    expect(parseArn(sample), 'parses').toBeDefined();
    expect(lookupArn(sample)?.tfType).toBe(resolvesTo ?? tfType);
    if (resolvesTo) {
      // A shared format must be declared: the entry is secondary, the one returned is not.
      expect(lookupTerraformType(tfType)?.arn?.primary).toBe(false);
      expect(lookupTerraformType(resolvesTo)?.arn?.primary).not.toBe(false);
    }
  });
});

describe('tricky ARN shapes', () => {
  it('tells ALB, NLB, gateway and classic load balancers from target groups and listeners', () => {
    const elb = (r: string) => lookupArn(arn('elasticloadbalancing', r))?.tfType;
    expect(elb('loadbalancer/app/web/50dc6c495c0c9188')).toBe('aws_lb');
    expect(elb('loadbalancer/net/ingress/50dc6c495c0c9188')).toBe('aws_lb');
    expect(elb('loadbalancer/gwy/inspection/50dc6c495c0c9188')).toBe('aws_lb');
    expect(elb('loadbalancer/legacy')).toBe('aws_elb');
    expect(elb('targetgroup/api/73e2d6bc24d8a067')).toBe('aws_lb_target_group');
    expect(elb('listener/net/ingress/50dc6c495c0c9188/f2f7dc8efc522ab2')).toBe('aws_lb_listener');
  });

  it('resolves qualified Lambda ARNs (version or alias) to the function', () => {
    expect(lookupArn(arn('lambda', 'function:shop-worker:$LATEST'))?.tfType).toBe('aws_lambda_function');
    expect(lookupArn(arn('lambda', 'function:shop-worker:12'))?.tfType).toBe('aws_lambda_function');
  });

  it('resolves DynamoDB stream ARNs to their table', () => {
    const stream = arn('dynamodb', 'table/orders/stream/2026-01-15T09:30:00.000');
    expect(lookupArn(stream)?.tfType).toBe('aws_dynamodb_table');
    expect(parseArn(stream)).toMatchObject({
      resourceType: 'table',
      resourceName: 'orders/stream/2026-01-15T09:30:00.000',
    });
  });

  it('keeps a FIFO topic a topic and an S3 object ARN on its bucket', () => {
    expect(lookupArn(arn('sns', 'orders.fifo'))?.tfType).toBe('aws_sns_topic');
    expect(lookupArn(arn('sqs', 'orders.fifo'))?.tfType).toBe('aws_sqs_queue');
    expect(lookupArn('arn:aws:s3:::shop-receipts/2026/01/receipt.pdf')?.tfType).toBe('aws_s3_bucket');
  });

  it('reads the ECS service ARN with its cluster, and the older form without', () => {
    expect(parseArn(arn('ecs', 'service/shop/api'))).toMatchObject({
      resourceType: 'service',
      resourceName: 'shop/api',
    });
    expect(lookupArn(arn('ecs', 'service/api'))?.tfType).toBe('aws_ecs_service');
  });

  it('splits API Gateway paths after the leading slash and keeps the empty account', () => {
    expect(parseArn(`arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5`)).toMatchObject({
      service: 'apigateway',
      region: R,
      account: '',
      resource: '/restapis/a1b2c3d4e5',
      resourceType: 'restapis',
      resourceName: 'a1b2c3d4e5',
    });
  });

  it('works in other partitions', () => {
    expect(lookupArn('arn:aws-cn:sqs:cn-north-1:123456789012:orders')?.tfType).toBe('aws_sqs_queue');
    expect(lookupArn('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:x')?.tfType).toBe(
      'aws_lambda_function',
    );
  });

  it('returns undefined for non-ARNs and for resource types the catalog does not know', () => {
    expect(parseArn('not-an-arn')).toBeUndefined();
    expect(lookupArn('arn:aws:lambda:eu-west-1:123456789012')).toBeUndefined();
    expect(lookupArn(arn('states', 'execution:checkout:4a3b2c1d'))).toBeUndefined();
    expect(lookupArn(arn('notaservice', 'thing/x'))).toBeUndefined();
  });
});
