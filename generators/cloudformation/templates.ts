// Per Terraform type of the IaC core: the CloudFormation type it becomes, its properties, and what its attributes
// read as. Types are those the catalog maps (`cfnType`); the property names follow the CloudFormation resource
// specification, which test/generators/cloudformation checks every generated template against.

import type { FoldRule, Props, TranslateContext, TypeRule } from './types.js';
import { type Body, type CfnValue, pascalKeys } from './values.js';

type X = TranslateContext;

/** Block types each body was asked for, so that the ones a rule never reads are reported. */
export const readBlocks = new WeakMap<Body, Set<string>>();

function all(b: Body, type: string): Body[] {
  const seen = readBlocks.get(b) ?? new Set<string>();
  seen.add(type);
  readBlocks.set(b, seen);
  return b.blocks.get(type) ?? [];
}
const first = (b: Body, type: string): Body | undefined => all(b, type)[0];

/** Numbers CloudFormation types as strings (Auto Scaling sizes, ECS cpu/memory). */
function asString(v: CfnValue | undefined): CfnValue | undefined {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/** A single id where a list is expected (`vpc_security_group_ids = aws_security_group.web.id`). */
function asList(x: X, v: CfnValue | undefined): CfnValue | undefined {
  if (v === undefined || Array.isArray(v) || x.isList(v)) return v;
  return [v];
}

function tags(b: Body, x: X): CfnValue | undefined {
  const v = x.arg(b, 'tags');
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  return Object.entries(v).map(([Key, Value]) => ({ Key, Value }));
}

const idRef: TypeRule['attrs'] = { id: 'ref' };

/** One ingress or egress rule: the same arguments, the peer group under another name. */
function securityGroupRule(cfnType: string, peer: string): TypeRule {
  return {
    cfnType,
    props: (b, x) => ({
      GroupId: x.arg(b, 'security_group_id'),
      IpProtocol: x.arg(b, 'ip_protocol'),
      FromPort: x.arg(b, 'from_port'),
      ToPort: x.arg(b, 'to_port'),
      CidrIp: x.arg(b, 'cidr_ipv4'),
      [peer]: x.arg(b, 'referenced_security_group_id'),
      Description: x.arg(b, 'description'),
    }),
  };
}

export const TYPE_RULES: Record<string, TypeRule> = {
  aws_acm_certificate: {
    cfnType: 'AWS::CertificateManager::Certificate',
    attrs: { arn: 'ref', id: 'ref' },
    props: (b, x) => ({
      DomainName: x.arg(b, 'domain_name'),
      ValidationMethod: x.arg(b, 'validation_method'),
      SubjectAlternativeNames: x.arg(b, 'subject_alternative_names'),
    }),
  },
  aws_apigatewayv2_api: {
    cfnType: 'AWS::ApiGatewayV2::Api',
    attrs: {
      id: 'ref',
      api_endpoint: { getAtt: 'ApiEndpoint' },
      execution_arn: { sub: 'arn:{AWS::Partition}:execute-api:{AWS::Region}:{AWS::AccountId}:{Id}' },
      dns_name: { sub: '{Id}.execute-api.{AWS::Region}.{AWS::URLSuffix}' },
    },
    props: (b, x) => ({ Name: x.arg(b, 'name'), ProtocolType: x.arg(b, 'protocol_type') }),
  },
  aws_apigatewayv2_authorizer: {
    cfnType: 'AWS::ApiGatewayV2::Authorizer',
    attrs: idRef,
    props: (b, x) => {
      const jwt = first(b, 'jwt_configuration');
      return {
        ApiId: x.arg(b, 'api_id'),
        AuthorizerType: x.arg(b, 'authorizer_type'),
        IdentitySource: x.arg(b, 'identity_sources'),
        Name: x.arg(b, 'name'),
        JwtConfiguration: jwt && compact({ Audience: x.arg(jwt, 'audience'), Issuer: x.arg(jwt, 'issuer') }),
      };
    },
  },
  aws_apigatewayv2_integration: {
    cfnType: 'AWS::ApiGatewayV2::Integration',
    attrs: idRef,
    props: (b, x) => ({
      ApiId: x.arg(b, 'api_id'),
      IntegrationType: x.arg(b, 'integration_type'),
      IntegrationUri: x.arg(b, 'integration_uri'),
      PayloadFormatVersion: x.arg(b, 'payload_format_version'),
    }),
  },
  aws_apigatewayv2_route: {
    cfnType: 'AWS::ApiGatewayV2::Route',
    attrs: idRef,
    props: (b, x) => ({
      ApiId: x.arg(b, 'api_id'),
      RouteKey: x.arg(b, 'route_key'),
      Target: x.arg(b, 'target'),
    }),
  },
  aws_apigatewayv2_stage: {
    cfnType: 'AWS::ApiGatewayV2::Stage',
    attrs: idRef,
    props: (b, x) => {
      const s = first(b, 'default_route_settings');
      return {
        ApiId: x.arg(b, 'api_id'),
        StageName: x.arg(b, 'name'),
        AutoDeploy: x.arg(b, 'auto_deploy'),
        DefaultRouteSettings:
          s &&
          compact({
            ThrottlingBurstLimit: x.arg(s, 'throttling_burst_limit'),
            ThrottlingRateLimit: x.arg(s, 'throttling_rate_limit'),
          }),
      };
    },
  },
  aws_appautoscaling_target: {
    cfnType: 'AWS::ApplicationAutoScaling::ScalableTarget',
    attrs: {
      id: 'ref',
      resource_id: { copy: 'resource_id' },
      scalable_dimension: { copy: 'scalable_dimension' },
      service_namespace: { copy: 'service_namespace' },
    },
    props: (b, x) => ({
      MaxCapacity: x.arg(b, 'max_capacity'),
      MinCapacity: x.arg(b, 'min_capacity'),
      ResourceId: x.arg(b, 'resource_id'),
      ScalableDimension: x.arg(b, 'scalable_dimension'),
      ServiceNamespace: x.arg(b, 'service_namespace'),
    }),
  },
  aws_appautoscaling_policy: {
    cfnType: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    consumes: ['scalable_dimension', 'service_namespace'],
    props: (b, x) => {
      const tt = first(b, 'target_tracking_scaling_policy_configuration');
      const pm = tt && first(tt, 'predefined_metric_specification');
      const target = x.targetOf(b.args.get('resource_id'));
      return {
        PolicyName: x.arg(b, 'name'),
        PolicyType: x.arg(b, 'policy_type'),
        // The target's Ref is the id a policy names it by; the three fields otherwise.
        ...(target
          ? { ScalingTargetId: { Ref: target } }
          : {
              ResourceId: x.arg(b, 'resource_id'),
              ScalableDimension: x.arg(b, 'scalable_dimension'),
              ServiceNamespace: x.arg(b, 'service_namespace'),
            }),
        TargetTrackingScalingPolicyConfiguration:
          tt &&
          compact({
            TargetValue: x.arg(tt, 'target_value'),
            PredefinedMetricSpecification:
              pm && compact({ PredefinedMetricType: x.arg(pm, 'predefined_metric_type') }),
          }),
      };
    },
  },
  aws_autoscaling_group: {
    cfnType: 'AWS::AutoScaling::AutoScalingGroup',
    attrs: { id: 'ref', name: 'ref' },
    props: (b, x) => {
      const lt = first(b, 'launch_template');
      return {
        AutoScalingGroupName: x.arg(b, 'name'),
        DesiredCapacity: asString(x.arg(b, 'desired_capacity')),
        MinSize: asString(x.arg(b, 'min_size')),
        MaxSize: asString(x.arg(b, 'max_size')),
        HealthCheckType: x.arg(b, 'health_check_type'),
        TargetGroupARNs: x.arg(b, 'target_group_arns'),
        VPCZoneIdentifier: asList(x, x.arg(b, 'vpc_zone_identifier')),
        LaunchTemplate:
          lt && compact({ LaunchTemplateId: x.arg(lt, 'id'), Version: asString(x.arg(lt, 'version')) }),
      };
    },
  },
  aws_backup_vault: {
    cfnType: 'AWS::Backup::BackupVault',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'BackupVaultArn' } },
    props: (b, x) => ({ BackupVaultName: x.arg(b, 'name') }),
  },
  aws_backup_plan: {
    cfnType: 'AWS::Backup::BackupPlan',
    attrs: { id: 'ref', arn: { getAtt: 'BackupPlanArn' } },
    props: (b, x) => ({
      BackupPlan: {
        BackupPlanName: x.arg(b, 'name') ?? x.self,
        BackupPlanRule: all(b, 'rule').map((r) => {
          const lc = first(r, 'lifecycle');
          return compact({
            RuleName: x.arg(r, 'rule_name'),
            TargetBackupVault: x.arg(r, 'target_vault_name'),
            ScheduleExpression: x.arg(r, 'schedule'),
            Lifecycle: lc && compact({ DeleteAfterDays: x.arg(lc, 'delete_after') }),
            CopyActions: all(r, 'copy_action').map((c) =>
              compact({ DestinationBackupVaultArn: x.arg(c, 'destination_vault_arn') }),
            ),
          });
        }),
      },
    }),
  },
  aws_backup_selection: {
    cfnType: 'AWS::Backup::BackupSelection',
    attrs: idRef,
    props: (b, x) => ({
      BackupPlanId: x.arg(b, 'plan_id'),
      BackupSelection: compact({
        SelectionName: x.arg(b, 'name'),
        IamRoleArn: x.arg(b, 'iam_role_arn'),
        Resources: x.arg(b, 'resources'),
      }),
    }),
  },
  aws_cloudfront_origin_access_control: {
    cfnType: 'AWS::CloudFront::OriginAccessControl',
    attrs: { id: 'ref' },
    props: (b, x) => ({
      OriginAccessControlConfig: compact({
        Name: x.arg(b, 'name'),
        OriginAccessControlOriginType: x.arg(b, 'origin_access_control_origin_type'),
        SigningBehavior: x.arg(b, 'signing_behavior'),
        SigningProtocol: x.arg(b, 'signing_protocol'),
      }),
    }),
  },
  aws_cloudfront_distribution: {
    cfnType: 'AWS::CloudFront::Distribution',
    attrs: {
      id: 'ref',
      domain_name: { getAtt: 'DomainName' },
      // The fixed hosted zone of every CloudFront distribution (Route 53 alias targets).
      hosted_zone_id: { literal: 'Z2FDTNDATAQYW2' },
    },
    props: (b, x) => {
      const dcb = first(b, 'default_cache_behavior');
      const geo = first(first(b, 'restrictions') ?? emptyBody(), 'geo_restriction');
      const vc = first(b, 'viewer_certificate');
      const groups = all(b, 'origin_group');
      return {
        DistributionConfig: compact({
          Enabled: x.arg(b, 'enabled') ?? true,
          Comment: x.arg(b, 'comment'),
          PriceClass: x.arg(b, 'price_class'),
          Aliases: x.arg(b, 'aliases'),
          Origins: all(b, 'origin').map((o) => {
            const custom = first(o, 'custom_origin_config');
            return compact({
              Id: x.arg(o, 'origin_id'),
              DomainName: x.arg(o, 'domain_name'),
              OriginAccessControlId: x.arg(o, 'origin_access_control_id'),
              CustomOriginConfig:
                custom &&
                compact({
                  HTTPPort: x.arg(custom, 'http_port'),
                  HTTPSPort: x.arg(custom, 'https_port'),
                  OriginProtocolPolicy: x.arg(custom, 'origin_protocol_policy'),
                  OriginSSLProtocols: x.arg(custom, 'origin_ssl_protocols'),
                }),
              // An S3 origin without a custom config: CloudFront wants an (empty) S3OriginConfig.
              S3OriginConfig: custom ? undefined : {},
            });
          }),
          OriginGroups: groups.length
            ? {
                Quantity: groups.length,
                Items: groups.map((g) => {
                  const codes = x.arg(g, 'failover_criteria');
                  const members = x.arg(g, 'members');
                  const codeList = Array.isArray(codes) ? codes : [500, 502, 503, 504];
                  const memberList = Array.isArray(members) ? members : [];
                  return compact({
                    Id: x.arg(g, 'origin_id') ?? 'failover',
                    FailoverCriteria: { StatusCodes: { Quantity: codeList.length, Items: codeList } },
                    Members: {
                      Quantity: memberList.length,
                      Items: memberList.map((m) => ({ OriginId: m })),
                    },
                  });
                }),
              }
            : undefined,
          DefaultCacheBehavior:
            dcb &&
            compact({
              TargetOriginId: x.arg(dcb, 'target_origin_id'),
              ViewerProtocolPolicy: x.arg(dcb, 'viewer_protocol_policy'),
              AllowedMethods: x.arg(dcb, 'allowed_methods'),
              CachedMethods: x.arg(dcb, 'cached_methods'),
              CachePolicyId: x.arg(dcb, 'cache_policy_id'),
            }),
          Restrictions: geo && {
            GeoRestriction: compact({ RestrictionType: x.arg(geo, 'restriction_type') }),
          },
          ViewerCertificate:
            vc &&
            compact({
              CloudFrontDefaultCertificate: x.arg(vc, 'cloudfront_default_certificate'),
              AcmCertificateArn: x.arg(vc, 'acm_certificate_arn'),
              SslSupportMethod: x.arg(vc, 'ssl_support_method'),
              MinimumProtocolVersion: x.arg(vc, 'minimum_protocol_version'),
            }),
        }),
      };
    },
  },
  aws_cloudwatch_log_group: {
    cfnType: 'AWS::Logs::LogGroup',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'Arn' } },
    props: (b, x) => ({ LogGroupName: x.arg(b, 'name'), RetentionInDays: x.arg(b, 'retention_in_days') }),
  },
  aws_cognito_user_pool: {
    cfnType: 'AWS::Cognito::UserPool',
    attrs: { id: 'ref', arn: { getAtt: 'Arn' }, endpoint: { getAtt: 'ProviderName' } },
    props: (b, x) => {
      const pw = first(b, 'password_policy');
      const totp = first(b, 'software_token_mfa_configuration');
      return {
        UserPoolName: x.arg(b, 'name'),
        DeletionProtection: x.arg(b, 'deletion_protection'),
        MfaConfiguration: x.arg(b, 'mfa_configuration'),
        EnabledMfas: totp && x.arg(totp, 'enabled') === true ? ['SOFTWARE_TOKEN_MFA'] : undefined,
        Policies: pw && { PasswordPolicy: compact({ MinimumLength: x.arg(pw, 'minimum_length') }) },
      };
    },
  },
  aws_cognito_user_pool_client: {
    cfnType: 'AWS::Cognito::UserPoolClient',
    attrs: idRef,
    props: (b, x) => ({
      ClientName: x.arg(b, 'name'),
      UserPoolId: x.arg(b, 'user_pool_id'),
      GenerateSecret: x.arg(b, 'generate_secret'),
    }),
  },
  aws_dax_cluster: {
    cfnType: 'AWS::DAX::Cluster',
    attrs: { id: 'ref', arn: { getAtt: 'Arn' } },
    props: (b, x) => {
      const sse = first(b, 'server_side_encryption');
      return {
        ClusterName: x.arg(b, 'cluster_name'),
        IAMRoleARN: x.arg(b, 'iam_role_arn'),
        NodeType: x.arg(b, 'node_type'),
        ReplicationFactor: x.arg(b, 'replication_factor'),
        SSESpecification: sse && compact({ SSEEnabled: x.arg(sse, 'enabled') }),
      };
    },
  },
  aws_db_subnet_group: {
    cfnType: 'AWS::RDS::DBSubnetGroup',
    attrs: { id: 'ref', name: 'ref' },
    props: (b, x) => ({
      DBSubnetGroupName: x.arg(b, 'name'),
      DBSubnetGroupDescription: x.arg(b, 'description') ?? x.arg(b, 'name') ?? x.self,
      SubnetIds: asList(x, x.arg(b, 'subnet_ids')),
    }),
  },
  aws_db_instance: {
    cfnType: 'AWS::RDS::DBInstance',
    attrs: {
      id: 'ref',
      identifier: 'ref',
      address: { getAtt: 'Endpoint.Address' },
      endpoint: { getAtt: 'Endpoint.Address' },
      port: { getAtt: 'Endpoint.Port' },
      arn: { getAtt: 'DBInstanceArn' },
      db_name: { copy: 'db_name' },
    },
    consumes: ['skip_final_snapshot', 'final_snapshot_identifier'],
    props: (b, x) => ({
      DBInstanceIdentifier: x.arg(b, 'identifier'),
      DBInstanceClass: x.arg(b, 'instance_class'),
      Engine: x.arg(b, 'engine'),
      EngineVersion: x.arg(b, 'engine_version'),
      AllocatedStorage: asString(x.arg(b, 'allocated_storage')),
      StorageType: x.arg(b, 'storage_type'),
      StorageEncrypted: x.arg(b, 'storage_encrypted'),
      DBName: x.arg(b, 'db_name'),
      MasterUsername: x.arg(b, 'username'),
      ManageMasterUserPassword: x.arg(b, 'manage_master_user_password'),
      MultiAZ: x.arg(b, 'multi_az'),
      // A read replica inherits encryption from its source; CloudFormation refuses both.
      ...(b.args.has('replicate_source_db') ? { StorageEncrypted: undefined } : {}),
      BackupRetentionPeriod: x.arg(b, 'backup_retention_period'),
      DeletionProtection: x.arg(b, 'deletion_protection'),
      EnablePerformanceInsights: x.arg(b, 'performance_insights_enabled'),
      DBSubnetGroupName: x.arg(b, 'db_subnet_group_name'),
      VPCSecurityGroups: asList(x, x.arg(b, 'vpc_security_group_ids')),
      SourceDBInstanceIdentifier: x.arg(b, 'replicate_source_db'),
    }),
  },
  aws_dynamodb_table: {
    cfnType: 'AWS::DynamoDB::Table',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'Arn' }, stream_arn: { getAtt: 'StreamArn' } },
    consumes: ['stream_enabled'],
    props: (b, x) => {
      const keys = [
        ['hash_key', 'HASH'],
        ['range_key', 'RANGE'],
      ]
        .filter(([k]) => b.args.has(k!))
        .map(([k, KeyType]) => ({ AttributeName: x.arg(b, k!)!, KeyType: KeyType! }));
      const pitr = first(b, 'point_in_time_recovery');
      const sse = first(b, 'server_side_encryption');
      const warm = first(b, 'warm_throughput');
      const streamView = x.arg(b, 'stream_view_type');
      return {
        TableName: x.arg(b, 'name'),
        BillingMode: x.arg(b, 'billing_mode'),
        AttributeDefinitions: all(b, 'attribute').map((a) => ({
          AttributeName: x.arg(a, 'name')!,
          AttributeType: x.arg(a, 'type')!,
        })),
        KeySchema: keys,
        DeletionProtectionEnabled: x.arg(b, 'deletion_protection_enabled'),
        PointInTimeRecoverySpecification:
          pitr && compact({ PointInTimeRecoveryEnabled: x.arg(pitr, 'enabled') }),
        SSESpecification: sse && compact({ SSEEnabled: x.arg(sse, 'enabled') }),
        StreamSpecification:
          streamView && x.arg(b, 'stream_enabled') !== false ? { StreamViewType: streamView } : undefined,
        WarmThroughput:
          warm &&
          compact({
            ReadUnitsPerSecond: x.arg(warm, 'read_units_per_second'),
            WriteUnitsPerSecond: x.arg(warm, 'write_units_per_second'),
          }),
      };
    },
  },
  aws_ecr_repository: {
    cfnType: 'AWS::ECR::Repository',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'Arn' }, repository_url: { getAtt: 'RepositoryUri' } },
    props: (b, x) => {
      const scan = first(b, 'image_scanning_configuration');
      const enc = first(b, 'encryption_configuration');
      return {
        RepositoryName: x.arg(b, 'name'),
        ImageTagMutability: x.arg(b, 'image_tag_mutability'),
        ImageScanningConfiguration: scan && compact({ ScanOnPush: x.arg(scan, 'scan_on_push') }),
        EncryptionConfiguration: enc && compact({ EncryptionType: x.arg(enc, 'encryption_type') }),
      };
    },
  },
  aws_ecs_cluster: {
    cfnType: 'AWS::ECS::Cluster',
    attrs: { id: { getAtt: 'Arn' }, arn: { getAtt: 'Arn' }, name: 'ref' },
    props: (b, x) => ({
      ClusterName: x.arg(b, 'name'),
      ClusterSettings: all(b, 'setting').map((s) =>
        compact({ Name: x.arg(s, 'name'), Value: x.arg(s, 'value') }),
      ),
    }),
  },
  aws_ecs_service: {
    cfnType: 'AWS::ECS::Service',
    attrs: { id: 'ref', arn: 'ref', name: { getAtt: 'Name' } },
    props: (b, x) => {
      const net = first(b, 'network_configuration');
      const cb = first(b, 'deployment_circuit_breaker');
      return {
        ServiceName: x.arg(b, 'name'),
        Cluster: x.arg(b, 'cluster'),
        TaskDefinition: x.arg(b, 'task_definition'),
        DesiredCount: x.arg(b, 'desired_count'),
        LaunchType: x.arg(b, 'launch_type'),
        NetworkConfiguration: net && {
          AwsvpcConfiguration: compact({
            Subnets: asList(x, x.arg(net, 'subnets')),
            SecurityGroups: asList(x, x.arg(net, 'security_groups')),
            AssignPublicIp:
              x.arg(net, 'assign_public_ip') === undefined
                ? undefined
                : x.arg(net, 'assign_public_ip') === true
                  ? 'ENABLED'
                  : 'DISABLED',
          }),
        },
        DeploymentConfiguration: cb && {
          DeploymentCircuitBreaker: {
            Enable: x.arg(cb, 'enable') ?? true,
            Rollback: x.arg(cb, 'rollback') ?? true,
          },
        },
        LoadBalancers: all(b, 'load_balancer').map((l) =>
          compact({
            TargetGroupArn: x.arg(l, 'target_group_arn'),
            ContainerName: x.arg(l, 'container_name'),
            ContainerPort: x.arg(l, 'container_port'),
          }),
        ),
      };
    },
  },
  aws_ecs_task_definition: {
    cfnType: 'AWS::ECS::TaskDefinition',
    attrs: { id: 'ref', arn: 'ref' },
    props: (b, x) => ({
      Family: x.arg(b, 'family'),
      RequiresCompatibilities: x.arg(b, 'requires_compatibilities'),
      NetworkMode: x.arg(b, 'network_mode'),
      Cpu: asString(x.arg(b, 'cpu')),
      Memory: asString(x.arg(b, 'memory')),
      ExecutionRoleArn: x.arg(b, 'execution_role_arn'),
      TaskRoleArn: x.arg(b, 'task_role_arn'),
      ContainerDefinitions: containerDefinitions(x.arg(b, 'container_definitions')),
    }),
  },
  aws_eip: {
    cfnType: 'AWS::EC2::EIP',
    attrs: { id: { getAtt: 'AllocationId' }, allocation_id: { getAtt: 'AllocationId' }, public_ip: 'ref' },
    props: (b, x) => ({ Domain: x.arg(b, 'domain') }),
  },
  aws_elasticache_subnet_group: {
    cfnType: 'AWS::ElastiCache::SubnetGroup',
    attrs: { id: 'ref', name: 'ref' },
    props: (b, x) => ({
      CacheSubnetGroupName: x.arg(b, 'name'),
      Description: x.arg(b, 'description') ?? x.arg(b, 'name') ?? x.self,
      SubnetIds: asList(x, x.arg(b, 'subnet_ids')),
    }),
  },
  aws_elasticache_cluster: {
    cfnType: 'AWS::ElastiCache::CacheCluster',
    attrs: { id: 'ref', cluster_id: 'ref' },
    props: (b, x) => ({
      ClusterName: x.arg(b, 'cluster_id'),
      Engine: x.arg(b, 'engine'),
      CacheNodeType: x.arg(b, 'node_type'),
      NumCacheNodes: x.arg(b, 'num_cache_nodes'),
      CacheSubnetGroupName: x.arg(b, 'subnet_group_name'),
    }),
  },
  aws_elasticache_replication_group: {
    cfnType: 'AWS::ElastiCache::ReplicationGroup',
    attrs: {
      id: 'ref',
      replication_group_id: 'ref',
      primary_endpoint_address: { getAtt: 'PrimaryEndPoint.Address' },
      reader_endpoint_address: { getAtt: 'ReaderEndPoint.Address' },
    },
    props: (b, x) => ({
      ReplicationGroupId: x.arg(b, 'replication_group_id'),
      ReplicationGroupDescription: x.arg(b, 'description') ?? x.self,
      Engine: x.arg(b, 'engine'),
      EngineVersion: x.arg(b, 'engine_version'),
      CacheNodeType: x.arg(b, 'node_type'),
      NumCacheClusters: x.arg(b, 'num_cache_clusters'),
      AutomaticFailoverEnabled: x.arg(b, 'automatic_failover_enabled'),
      MultiAZEnabled: x.arg(b, 'multi_az_enabled'),
      AtRestEncryptionEnabled: asBool(x.arg(b, 'at_rest_encryption_enabled')),
      TransitEncryptionEnabled: x.arg(b, 'transit_encryption_enabled'),
      CacheSubnetGroupName: x.arg(b, 'subnet_group_name'),
      SecurityGroupIds: asList(x, x.arg(b, 'security_group_ids')),
      GlobalReplicationGroupId: x.arg(b, 'global_replication_group_id'),
    }),
  },
  aws_elasticache_global_replication_group: {
    cfnType: 'AWS::ElastiCache::GlobalReplicationGroup',
    attrs: { id: 'ref', global_replication_group_id: 'ref' },
    props: (b, x) => ({
      GlobalReplicationGroupIdSuffix: x.arg(b, 'global_replication_group_id_suffix'),
      Members: [{ ReplicationGroupId: x.arg(b, 'primary_replication_group_id')!, Role: 'PRIMARY' }],
    }),
  },
  aws_iam_role: {
    cfnType: 'AWS::IAM::Role',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'Arn' } },
    props: (b, x) => ({
      RoleName: x.arg(b, 'name'),
      AssumeRolePolicyDocument: x.arg(b, 'assume_role_policy'),
    }),
  },
  aws_iam_policy: {
    cfnType: 'AWS::IAM::ManagedPolicy',
    attrs: { id: 'ref', arn: 'ref' },
    props: (b, x) => ({ ManagedPolicyName: x.arg(b, 'name'), PolicyDocument: x.arg(b, 'policy') }),
  },
  aws_iam_role_policy: {
    cfnType: 'AWS::IAM::RolePolicy',
    props: (b, x) => ({
      PolicyName: x.arg(b, 'name') ?? x.self,
      RoleName: x.arg(b, 'role'),
      PolicyDocument: x.arg(b, 'policy'),
    }),
  },
  aws_iam_instance_profile: {
    cfnType: 'AWS::IAM::InstanceProfile',
    attrs: { id: 'ref', name: 'ref', arn: { getAtt: 'Arn' } },
    props: (b, x) => ({ InstanceProfileName: x.arg(b, 'name'), Roles: asList(x, x.arg(b, 'role')) }),
  },
  aws_instance: {
    cfnType: 'AWS::EC2::Instance',
    attrs: { id: 'ref', private_ip: { getAtt: 'PrivateIp' } },
    props: (b, x) => {
      const root = first(b, 'root_block_device');
      return {
        ImageId: x.arg(b, 'ami'),
        InstanceType: x.arg(b, 'instance_type'),
        SubnetId: x.arg(b, 'subnet_id'),
        SecurityGroupIds: asList(x, x.arg(b, 'vpc_security_group_ids')),
        Monitoring: x.arg(b, 'monitoring'),
        BlockDeviceMappings: root && [
          {
            DeviceName: '/dev/xvda',
            Ebs: compact({ Encrypted: x.arg(root, 'encrypted'), VolumeSize: x.arg(root, 'volume_size') }),
          },
        ],
      };
    },
  },
  aws_launch_template: {
    cfnType: 'AWS::EC2::LaunchTemplate',
    attrs: { id: 'ref', latest_version: { getAtt: 'LatestVersionNumber' } },
    props: (b, x) => {
      const meta = first(b, 'metadata_options');
      return {
        LaunchTemplateName: x.arg(b, 'name') ?? x.arg(b, 'name_prefix'),
        LaunchTemplateData: compact({
          ImageId: x.arg(b, 'image_id'),
          InstanceType: x.arg(b, 'instance_type'),
          MetadataOptions: meta && compact({ HttpTokens: x.arg(meta, 'http_tokens') }),
        }),
      };
    },
  },
  aws_internet_gateway: {
    cfnType: 'AWS::EC2::InternetGateway',
    attrs: idRef,
    consumes: ['vpc_id'],
    props: (b, x) => {
      const vpc = x.arg(b, 'vpc_id');
      // Terraform attaches by `vpc_id`; CloudFormation has an attachment resource.
      if (vpc !== undefined)
        x.add({
          logicalId: `${x.self}Attachment`,
          type: 'AWS::EC2::VPCGatewayAttachment',
          properties: { VpcId: vpc, InternetGatewayId: { Ref: x.self } },
        });
      return { Tags: tags(b, x) };
    },
  },
  aws_lambda_function: {
    cfnType: 'AWS::Lambda::Function',
    attrs: {
      id: 'ref',
      function_name: 'ref',
      name: 'ref',
      arn: { getAtt: 'Arn' },
      invoke_arn: {
        sub: 'arn:{AWS::Partition}:apigateway:{AWS::Region}:lambda:path/2015-03-31/functions/{Id.Arn}/invocations',
      },
    },
    consumes: ['filename', 's3_bucket', 's3_key', 'image_uri'],
    props: (b, x) => {
      const env = first(b, 'environment');
      const vpc = first(b, 'vpc_config');
      const tracing = first(b, 'tracing_config');
      return {
        FunctionName: x.arg(b, 'function_name'),
        Role: x.arg(b, 'role'),
        Runtime: x.arg(b, 'runtime'),
        Handler: x.arg(b, 'handler'),
        Code: lambdaCode(b, x),
        MemorySize: x.arg(b, 'memory_size'),
        Timeout: x.arg(b, 'timeout'),
        ReservedConcurrentExecutions: x.arg(b, 'reserved_concurrent_executions'),
        TracingConfig: tracing && compact({ Mode: x.arg(tracing, 'mode') }),
        Environment: env && compact({ Variables: x.arg(env, 'variables') }),
        VpcConfig:
          vpc &&
          compact({
            SubnetIds: asList(x, x.arg(vpc, 'subnet_ids')),
            SecurityGroupIds: asList(x, x.arg(vpc, 'security_group_ids')),
          }),
      };
    },
  },
  aws_lambda_event_source_mapping: {
    cfnType: 'AWS::Lambda::EventSourceMapping',
    attrs: idRef,
    props: (b, x) => ({
      EventSourceArn: x.arg(b, 'event_source_arn'),
      FunctionName: x.arg(b, 'function_name'),
      BatchSize: x.arg(b, 'batch_size'),
      FunctionResponseTypes: x.arg(b, 'function_response_types'),
      StartingPosition: x.arg(b, 'starting_position'),
    }),
  },
  aws_lambda_permission: {
    cfnType: 'AWS::Lambda::Permission',
    consumes: ['statement_id'],
    props: (b, x) => ({
      Action: x.arg(b, 'action'),
      FunctionName: x.arg(b, 'function_name'),
      Principal: x.arg(b, 'principal'),
      SourceArn: x.arg(b, 'source_arn'),
    }),
  },
  aws_lb: {
    cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    attrs: {
      id: 'ref',
      arn: 'ref',
      dns_name: { getAtt: 'DNSName' },
      zone_id: { getAtt: 'CanonicalHostedZoneID' },
      arn_suffix: { getAtt: 'LoadBalancerFullName' },
    },
    props: (b, x) => {
      const attributes = [
        ['drop_invalid_header_fields', 'routing.http.drop_invalid_header_fields.enabled'],
        ['enable_deletion_protection', 'deletion_protection.enabled'],
      ]
        .filter(([k]) => b.args.has(k!))
        .map(([k, Key]) => ({ Key: Key!, Value: String(x.arg(b, k!)) }));
      const internal = x.arg(b, 'internal');
      return {
        Name: x.arg(b, 'name'),
        Type: x.arg(b, 'load_balancer_type'),
        Scheme: internal === undefined ? undefined : internal === true ? 'internal' : 'internet-facing',
        Subnets: asList(x, x.arg(b, 'subnets')),
        SecurityGroups: asList(x, x.arg(b, 'security_groups')),
        LoadBalancerAttributes: attributes.length ? attributes : undefined,
      };
    },
    consumes: ['drop_invalid_header_fields', 'enable_deletion_protection', 'internal'],
  },
  aws_lb_listener: {
    cfnType: 'AWS::ElasticLoadBalancingV2::Listener',
    attrs: { id: 'ref', arn: 'ref' },
    props: (b, x) => {
      const cert = x.arg(b, 'certificate_arn');
      return {
        LoadBalancerArn: x.arg(b, 'load_balancer_arn'),
        Port: x.arg(b, 'port'),
        Protocol: x.arg(b, 'protocol'),
        SslPolicy: x.arg(b, 'ssl_policy'),
        Certificates: cert === undefined ? undefined : [{ CertificateArn: cert }],
        DefaultActions: all(b, 'default_action').map((a) => {
          const redirect = first(a, 'redirect');
          return compact({
            Type: x.arg(a, 'type'),
            TargetGroupArn: x.arg(a, 'target_group_arn'),
            RedirectConfig:
              redirect &&
              compact({
                Port: asString(x.arg(redirect, 'port')),
                Protocol: x.arg(redirect, 'protocol'),
                StatusCode: x.arg(redirect, 'status_code'),
              }),
          });
        }),
      };
    },
  },
  aws_lb_target_group: {
    cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    attrs: { id: 'ref', arn: 'ref', arn_suffix: { getAtt: 'TargetGroupFullName' } },
    props: (b, x) => {
      const hc = first(b, 'health_check');
      return {
        Name: x.arg(b, 'name'),
        Port: x.arg(b, 'port'),
        Protocol: x.arg(b, 'protocol'),
        TargetType: x.arg(b, 'target_type'),
        VpcId: x.arg(b, 'vpc_id'),
        HealthCheckPath: hc && x.arg(hc, 'path'),
        HealthyThresholdCount: hc && x.arg(hc, 'healthy_threshold'),
        UnhealthyThresholdCount: hc && x.arg(hc, 'unhealthy_threshold'),
      };
    },
  },
  aws_nat_gateway: {
    cfnType: 'AWS::EC2::NatGateway',
    attrs: idRef,
    props: (b, x) => ({ AllocationId: x.arg(b, 'allocation_id'), SubnetId: x.arg(b, 'subnet_id') }),
  },
  aws_route53_zone: {
    cfnType: 'AWS::Route53::HostedZone',
    attrs: { id: 'ref', zone_id: 'ref', name_servers: { getAtt: 'NameServers' } },
    props: (b, x) => ({ Name: x.arg(b, 'name') }),
  },
  aws_route53_health_check: {
    cfnType: 'AWS::Route53::HealthCheck',
    attrs: idRef,
    props: (b, x) => ({
      HealthCheckConfig: compact({
        Type: x.arg(b, 'type'),
        FullyQualifiedDomainName: x.arg(b, 'fqdn'),
        Port: x.arg(b, 'port'),
        ResourcePath: x.arg(b, 'resource_path'),
        RequestInterval: x.arg(b, 'request_interval'),
        FailureThreshold: x.arg(b, 'failure_threshold'),
      }),
    }),
  },
  aws_route53_record: {
    cfnType: 'AWS::Route53::RecordSet',
    attrs: { id: 'ref', fqdn: 'ref' },
    props: (b, x) => {
      const alias = first(b, 'alias');
      const failover = first(b, 'failover_routing_policy');
      const records = x.arg(b, 'records');
      return {
        HostedZoneId: x.arg(b, 'zone_id'),
        Name: x.arg(b, 'name'),
        Type: x.arg(b, 'type'),
        TTL: asString(x.arg(b, 'ttl')),
        ResourceRecords: records,
        SetIdentifier: x.arg(b, 'set_identifier'),
        HealthCheckId: x.arg(b, 'health_check_id'),
        Failover: failover && x.arg(failover, 'type'),
        AliasTarget:
          alias &&
          compact({
            DNSName: x.arg(alias, 'name'),
            HostedZoneId: x.arg(alias, 'zone_id'),
            EvaluateTargetHealth: x.arg(alias, 'evaluate_target_health'),
          }),
      };
    },
  },
  aws_route_table: {
    cfnType: 'AWS::EC2::RouteTable',
    attrs: idRef,
    props: (b, x) => {
      all(b, 'route').forEach((r, i) => {
        x.add({
          logicalId: `${x.self}Route${i || ''}`,
          type: 'AWS::EC2::Route',
          properties: compact({
            RouteTableId: { Ref: x.self },
            DestinationCidrBlock: x.arg(r, 'cidr_block'),
            GatewayId: x.arg(r, 'gateway_id'),
            NatGatewayId: x.arg(r, 'nat_gateway_id'),
          }) as Record<string, CfnValue>,
        });
      });
      return { VpcId: x.arg(b, 'vpc_id'), Tags: tags(b, x) };
    },
  },
  aws_route_table_association: {
    cfnType: 'AWS::EC2::SubnetRouteTableAssociation',
    props: (b, x) => ({ RouteTableId: x.arg(b, 'route_table_id'), SubnetId: x.arg(b, 'subnet_id') }),
  },
  aws_s3_bucket: {
    cfnType: 'AWS::S3::Bucket',
    attrs: {
      id: 'ref',
      bucket: 'ref',
      arn: { getAtt: 'Arn' },
      bucket_regional_domain_name: { getAtt: 'RegionalDomainName' },
      bucket_domain_name: { getAtt: 'DomainName' },
    },
    // `force_destroy` has no CloudFormation counterpart: a stack never empties a bucket.
    consumes: ['force_destroy'],
    props: (b, x) => ({ BucketName: x.arg(b, 'bucket'), Tags: tags(b, x) }),
  },
  aws_s3_bucket_policy: {
    cfnType: 'AWS::S3::BucketPolicy',
    props: (b, x) => ({ Bucket: x.arg(b, 'bucket'), PolicyDocument: x.arg(b, 'policy') }),
  },
  aws_secretsmanager_secret: {
    cfnType: 'AWS::SecretsManager::Secret',
    attrs: { id: 'ref', arn: 'ref', name: { getAtt: 'Id' } },
    consumes: ['recovery_window_in_days'],
    props: (b, x) => ({
      Name: x.arg(b, 'name'),
      ReplicaRegions: all(b, 'replica').map((r) => compact({ Region: x.arg(r, 'region') })),
    }),
  },
  aws_security_group: {
    cfnType: 'AWS::EC2::SecurityGroup',
    attrs: { id: { getAtt: 'GroupId' } },
    props: (b, x) => ({
      GroupName: x.arg(b, 'name'),
      GroupDescription: x.arg(b, 'description') ?? x.arg(b, 'name') ?? x.self,
      VpcId: x.arg(b, 'vpc_id'),
    }),
  },
  aws_vpc_security_group_ingress_rule: securityGroupRule(
    'AWS::EC2::SecurityGroupIngress',
    'SourceSecurityGroupId',
  ),
  aws_vpc_security_group_egress_rule: securityGroupRule(
    'AWS::EC2::SecurityGroupEgress',
    'DestinationSecurityGroupId',
  ),
  aws_sns_topic: {
    cfnType: 'AWS::SNS::Topic',
    attrs: { id: 'ref', arn: 'ref', name: { getAtt: 'TopicName' } },
    props: (b, x) => ({ TopicName: x.arg(b, 'name'), KmsMasterKeyId: x.arg(b, 'kms_master_key_id') }),
  },
  aws_sns_topic_subscription: {
    cfnType: 'AWS::SNS::Subscription',
    props: (b, x) => ({
      TopicArn: x.arg(b, 'topic_arn'),
      Protocol: x.arg(b, 'protocol'),
      Endpoint: x.arg(b, 'endpoint'),
      RawMessageDelivery: x.arg(b, 'raw_message_delivery'),
    }),
  },
  aws_sqs_queue: {
    cfnType: 'AWS::SQS::Queue',
    attrs: { id: 'ref', url: 'ref', arn: { getAtt: 'Arn' }, name: { getAtt: 'QueueName' } },
    props: (b, x) => ({
      QueueName: x.arg(b, 'name'),
      FifoQueue: x.arg(b, 'fifo_queue'),
      VisibilityTimeout: x.arg(b, 'visibility_timeout_seconds'),
      MessageRetentionPeriod: x.arg(b, 'message_retention_seconds'),
      SqsManagedSseEnabled: x.arg(b, 'sqs_managed_sse_enabled'),
      RedrivePolicy: x.arg(b, 'redrive_policy'),
    }),
  },
  aws_subnet: {
    cfnType: 'AWS::EC2::Subnet',
    attrs: idRef,
    props: (b, x) => ({
      VpcId: x.arg(b, 'vpc_id'),
      CidrBlock: x.arg(b, 'cidr_block'),
      AvailabilityZone: x.arg(b, 'availability_zone'),
      MapPublicIpOnLaunch: x.arg(b, 'map_public_ip_on_launch'),
      Tags: tags(b, x),
    }),
  },
  aws_vpc: {
    cfnType: 'AWS::EC2::VPC',
    attrs: idRef,
    props: (b, x) => ({
      CidrBlock: x.arg(b, 'cidr_block'),
      EnableDnsHostnames: x.arg(b, 'enable_dns_hostnames'),
      EnableDnsSupport: x.arg(b, 'enable_dns_support'),
      Tags: tags(b, x),
    }),
  },
};

/** Terraform resources that CloudFormation writes as properties of their owner. */
export const FOLD_RULES: Record<string, FoldRule> = {
  aws_s3_bucket_versioning: {
    owner: 'bucket',
    ownerType: 'aws_s3_bucket',
    ownerName: 'bucket',
    apply(b, x, owner) {
      const status = x.arg(first(b, 'versioning_configuration') ?? emptyBody(), 'status');
      if (status !== undefined) owner.properties.VersioningConfiguration = { Status: status };
    },
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    owner: 'bucket',
    ownerType: 'aws_s3_bucket',
    ownerName: 'bucket',
    apply(b, x, owner) {
      const rules = all(b, 'rule').map((r) => {
        const d = first(r, 'apply_server_side_encryption_by_default');
        return {
          ServerSideEncryptionByDefault: compact({
            SSEAlgorithm: d && x.arg(d, 'sse_algorithm'),
            KMSMasterKeyID: d && x.arg(d, 'kms_master_key_id'),
          }),
        };
      });
      owner.properties.BucketEncryption = { ServerSideEncryptionConfiguration: rules };
    },
  },
  aws_s3_bucket_public_access_block: {
    owner: 'bucket',
    ownerType: 'aws_s3_bucket',
    ownerName: 'bucket',
    apply(b, x, owner) {
      owner.properties.PublicAccessBlockConfiguration = compact({
        BlockPublicAcls: x.arg(b, 'block_public_acls'),
        BlockPublicPolicy: x.arg(b, 'block_public_policy'),
        IgnorePublicAcls: x.arg(b, 'ignore_public_acls'),
        RestrictPublicBuckets: x.arg(b, 'restrict_public_buckets'),
      });
    },
  },
  aws_s3_bucket_replication_configuration: {
    owner: 'bucket',
    ownerType: 'aws_s3_bucket',
    ownerName: 'bucket',
    apply(b, x, owner) {
      owner.properties.ReplicationConfiguration = {
        Role: x.arg(b, 'role') ?? '',
        Rules: all(b, 'rule').map((r) => {
          const dest = first(r, 'destination');
          const dmr = first(r, 'delete_marker_replication');
          return compact({
            Id: x.arg(r, 'id'),
            Status: x.arg(r, 'status'),
            Filter: first(r, 'filter') ? { Prefix: '' } : undefined,
            // V2 rules (with a filter) need a priority and say what happens to delete markers.
            Priority: first(r, 'filter') ? 0 : undefined,
            DeleteMarkerReplication: dmr && compact({ Status: x.arg(dmr, 'status') }),
            Destination: compact({ Bucket: dest && x.arg(dest, 'bucket') }),
          });
        }),
      };
    },
  },
  aws_secretsmanager_secret_version: {
    owner: 'secret_id',
    ownerType: 'aws_secretsmanager_secret',
    ownerName: 'name',
    apply(b, x, owner) {
      const value = b.args.get('secret_string');
      // The value stays a NoEcho parameter; archmap never writes a secret.
      if (value) owner.properties.SecretString = x.value(value);
    },
  },
  aws_iam_role_policy_attachment: {
    owner: 'role',
    ownerType: 'aws_iam_role',
    ownerName: 'name',
    apply(b, x, owner) {
      const arn = x.arg(b, 'policy_arn');
      if (arn === undefined) return;
      const list = (owner.properties.ManagedPolicyArns as CfnValue[] | undefined) ?? [];
      list.push(arn);
      owner.properties.ManagedPolicyArns = list;
    },
  },
};

/** Terraform resources CloudFormation has no resource for (listed in the README, never guessed). */
export const NOT_IN_CLOUDFORMATION: Record<string, string> = {
  aws_servicequotas_service_quota: 'a quota increase is a Service Quotas request, not a stack resource',
  aws_dynamodb_table_replica:
    'CloudFormation writes a global table as one AWS::DynamoDB::GlobalTable with its replicas; convert the table by hand',
  aws_security_group_rule:
    'the rule is written as AWS::EC2::SecurityGroupIngress/Egress once its peers are known',
};

function emptyBody(): Body {
  return { args: new Map(), blocks: new Map(), todos: [] };
}

function asBool(v: CfnValue | undefined): CfnValue | undefined {
  return v === 'true' ? true : v === 'false' ? false : v;
}

/** Drops undefined fields and empty lists. */
export function compact(props: Props): Record<string, CfnValue> {
  const out: Record<string, CfnValue> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** ECS container definitions: Terraform's JSON (camelCase, the ECS API) → CloudFormation's PascalCase properties. */
function containerDefinitions(v: CfnValue | undefined): CfnValue | undefined {
  return Array.isArray(v) ? pascalKeys(v, new Set(['options', 'dockerLabels'])) : v;
}

/** Where the deployment package comes from: an artefact bucket and key as parameters. */
function lambdaCode(b: Body, x: X): CfnValue {
  const image = x.arg(b, 'image_uri');
  if (image !== undefined) return { ImageUri: image };
  const key = x.arg(b, 's3_key') ?? x.arg(b, 'filename');
  return { S3Bucket: x.arg(b, 's3_bucket') ?? { Ref: 'ArtifactBucket' }, S3Key: key ?? `${x.self}.zip` };
}
