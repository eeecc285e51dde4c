// Templates for RDS/Aurora, ElastiCache, DynamoDB, DAX and AWS Backup.
import type { ArchNode } from '../../../../src/model/schema.js';
import type { TemplateContext } from '../context.js';
import { attr, blank, block, bool, comment, list, num, ref, str, tpl } from '../hcl.js';
import {
  arg,
  assumeRolePolicy,
  byName,
  companionRole,
  dbSubnetGroup,
  lit,
  neighbourRef,
  propString,
  replicaPeers,
  replicationSource,
  securityGroups,
  type Template,
} from './shared.js';

export const databasesTemplates: Record<string, Template> = {
  aws_db_instance: {
    concern: 'data',
    envAttr: 'address',
    importId: (arn, node) => propString(node, 'identifier', 'DBInstanceIdentifier') ?? byName(arn),
    build(ctx) {
      const source = replicationSource(ctx);
      const multiAz = ctx.literal('multi_az', 'MultiAZ');
      const common = [
        attr('instance_class', lit(ctx.literal('instance_class', 'DBInstanceClass'), 'db.r6g.large')),
        attr('storage_encrypted', bool(true)),
        attr('multi_az', bool(multiAz === true)),
        ...securityGroups(ctx, 'vpc_security_group_ids', 'VPCSecurityGroups'),
        attr('deletion_protection', bool(true)),
        attr('skip_final_snapshot', bool(false)),
        attr('final_snapshot_identifier', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-final`)),
        attr('performance_insights_enabled', bool(true)),
      ];
      if (source) {
        const sameRegion = ctx.state.regionOf.get(source.id) === ctx.region;
        return [
          attr('identifier', ctx.physicalName('identifier', 'DBInstanceIdentifier')),
          attr('replicate_source_db', ctx.ref(source.id, sameRegion ? 'identifier' : 'arn')),
          ...(sameRegion ? [] : [attr('db_subnet_group_name', dbSubnetGroup(ctx, 'aws_db_subnet_group'))]),
          ...common,
          attr('backup_retention_period', num(0)),
        ];
      }
      return [
        attr('identifier', ctx.physicalName('identifier', 'DBInstanceIdentifier')),
        attr('engine', lit(ctx.literal('engine', 'Engine'), 'postgres')),
        attr('engine_version', lit(ctx.literal('engine_version', 'EngineVersion'), '16.3')),
        attr('allocated_storage', lit(ctx.literal('allocated_storage', 'AllocatedStorage'), 100)),
        attr('storage_type', str('gp3')),
        ...(ctx.literal('db_name', 'DBName') !== undefined
          ? [attr('db_name', lit(ctx.literal('db_name', 'DBName'), ''))]
          : []),
        attr('username', lit(ctx.literal('username', 'MasterUsername'), 'app')),
        attr('manage_master_user_password', bool(true)),
        attr('db_subnet_group_name', dbSubnetGroup(ctx, 'aws_db_subnet_group')),
        ...common,
        attr(
          'backup_retention_period',
          lit(ctx.literal('backup_retention_period', 'BackupRetentionPeriod'), 7),
        ),
      ];
    },
  },
  aws_db_subnet_group: {
    concern: 'data',
    importId: byName,
    build: (ctx) => [
      attr('name', ctx.physicalName('name', 'DBSubnetGroupName')),
      attr('subnet_ids', ctx.expr('subnet_ids', 'SubnetIds') ?? ctx.subnetIds('private')),
    ],
  },
  aws_elasticache_subnet_group: {
    concern: 'data',
    importId: byName,
    build: (ctx) => [
      attr('name', ctx.physicalName('name', 'CacheSubnetGroupName')),
      attr('subnet_ids', ctx.expr('subnet_ids', 'SubnetIds') ?? ctx.subnetIds('private')),
    ],
  },
  aws_dynamodb_table_replica: {
    concern: 'data',
    importId: (arn, node) => `${propString(node, 'table_name') ?? byName(arn)}:${arn.region}`,
    build(ctx) {
      const table = ctx.expr('global_table_arn') ?? neighbourRef(ctx, ['aws_dynamodb_table'], 'arn');
      return [
        ...arg(ctx, 'global_table_arn', table, undefined, 'the global table this replica belongs to.'),
        attr('point_in_time_recovery', bool(true)),
        attr('deletion_protection_enabled', bool(true)),
      ];
    },
  },
  aws_rds_global_cluster: {
    concern: 'data',
    importId: byName,
    build(ctx) {
      return [
        attr(
          'global_cluster_identifier',
          ctx.physicalName('global_cluster_identifier', 'GlobalClusterIdentifier'),
        ),
        attr('engine', lit(ctx.literal('engine', 'Engine'), 'aurora-postgresql')),
        attr('engine_version', lit(ctx.literal('engine_version', 'EngineVersion'), '16.4')),
        attr('storage_encrypted', bool(true)),
        attr('deletion_protection', bool(true)),
      ];
    },
  },
  aws_rds_cluster: {
    concern: 'data',
    envAttr: 'endpoint',
    importId: (arn, node) => propString(node, 'cluster_identifier', 'DBClusterIdentifier') ?? byName(arn),
    build(ctx) {
      const global = [...ctx.neighbours('out'), ...ctx.neighbours('in')].find(
        (n) => n.service === 'aws_rds_global_cluster',
      );
      const secondary = global && replicationSource(ctx) !== undefined;
      return [
        attr('cluster_identifier', ctx.physicalName('cluster_identifier', 'DBClusterIdentifier')),
        attr(
          'engine',
          global ? ctx.ref(global.id, 'engine') : lit(ctx.literal('engine', 'Engine'), 'aurora-postgresql'),
        ),
        attr(
          'engine_version',
          global
            ? ctx.ref(global.id, 'engine_version')
            : lit(ctx.literal('engine_version', 'EngineVersion'), '16.4'),
        ),
        ...(global ? [attr('global_cluster_identifier', ctx.ref(global.id, 'id'))] : []),
        ...(secondary
          ? [comment('Secondary cluster of the global database: credentials come from the primary.')]
          : [
              attr('master_username', lit(ctx.literal('master_username', 'MasterUsername'), 'app')),
              attr('manage_master_user_password', bool(true)),
            ]),
        attr('db_subnet_group_name', dbSubnetGroup(ctx, 'aws_db_subnet_group')),
        ...securityGroups(ctx, 'vpc_security_group_ids', 'VpcSecurityGroupIds'),
        attr('storage_encrypted', bool(true)),
        attr(
          'backup_retention_period',
          lit(ctx.literal('backup_retention_period', 'BackupRetentionPeriod'), 7),
        ),
        attr('deletion_protection', bool(true)),
        attr('skip_final_snapshot', bool(false)),
        attr('final_snapshot_identifier', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-final`)),
      ];
    },
  },
  aws_rds_cluster_instance: {
    concern: 'data',
    importId: byName,
    build(ctx) {
      const cluster =
        [...ctx.neighbours('out'), ...ctx.neighbours('in')].find((n) => n.service === 'aws_rds_cluster') ??
        ctx.sameRegion('aws_rds_cluster');
      return [
        attr('identifier', ctx.physicalName('identifier', 'DBInstanceIdentifier')),
        ...(cluster
          ? [
              attr('cluster_identifier', ctx.ref(cluster.id, 'id')),
              attr('engine', ctx.ref(cluster.id, 'engine')),
            ]
          : [ctx.todo('the Aurora cluster of this instance.')]),
        attr('instance_class', lit(ctx.literal('instance_class', 'DBInstanceClass'), 'db.r6g.large')),
      ];
    },
  },
  aws_db_proxy: {
    concern: 'data',
    envAttr: 'endpoint',
    importId: byName,
    build(ctx) {
      const secret = ctx.sameRegion('aws_secretsmanager_secret');
      return [
        attr('name', ctx.physicalName('name', 'DBProxyName')),
        attr('engine_family', str('POSTGRESQL')),
        attr('require_tls', bool(true)),
        attr('vpc_subnet_ids', ctx.subnetIds('private')),
        attr('role_arn', companionRole(ctx, 'rds.amazonaws.com')),
        blank,
        block(
          'auth',
          [
            attr('auth_scheme', str('SECRETS')),
            attr('iam_auth', str('REQUIRED')),
            ...(secret
              ? [attr('secret_arn', ctx.ref(secret.id, 'arn'))]
              : [ctx.todo('the secret that holds the database credentials.')]),
          ],
          { repeated: true },
        ),
      ];
    },
  },
  aws_elasticache_replication_group: {
    concern: 'data',
    envAttr: 'primary_endpoint_address',
    importId: (arn, node) => propString(node, 'replication_group_id', 'ReplicationGroupId') ?? byName(arn),
    build(ctx) {
      const global = [...ctx.neighbours('out'), ...ctx.neighbours('in')].find(
        (n) => n.service === 'aws_elasticache_global_replication_group',
      );
      const secondary =
        global !== undefined &&
        (replicationSource(ctx) !== undefined ||
          ctx.neighbours('in', ['replicates']).some((n) => n.id === global.id));
      const clusters = ctx.literal('num_cache_clusters', 'NumCacheClusters');
      const multiAz = typeof clusters !== 'number' || clusters > 1;
      return [
        attr('replication_group_id', ctx.physicalName('replication_group_id', 'ReplicationGroupId')),
        attr(
          'description',
          lit(ctx.literal('description', 'ReplicationGroupDescription'), `Cache for ${ctx.node.name}`),
        ),
        ...(secondary
          ? [attr('global_replication_group_id', ctx.ref(global.id, 'global_replication_group_id'))]
          : [
              attr('engine', lit(ctx.literal('engine', 'Engine'), 'redis')),
              attr('engine_version', lit(ctx.literal('engine_version', 'EngineVersion'), '7.1')),
              attr('node_type', lit(ctx.literal('node_type', 'CacheNodeType'), 'cache.r7g.large')),
              // A string in AWS provider 6.x.
              attr('at_rest_encryption_enabled', str('true')),
              attr('transit_encryption_enabled', bool(true)),
            ]),
        attr('num_cache_clusters', num(typeof clusters === 'number' ? clusters : 2)),
        attr('automatic_failover_enabled', bool(multiAz)),
        attr('multi_az_enabled', bool(multiAz)),
        attr('subnet_group_name', dbSubnetGroup(ctx, 'aws_elasticache_subnet_group')),
        ...securityGroups(ctx, 'security_group_ids', 'SecurityGroupIds'),
      ];
    },
  },
  aws_elasticache_global_replication_group: {
    concern: 'data',
    importId: byName,
    build(ctx) {
      // The primary replicates into the global datastore; the secondaries are what it replicates to.
      const primary =
        ctx.neighbours('in', ['replicates']).find((n) => n.service === 'aws_elasticache_replication_group') ??
        ctx.neighbours('in').find((n) => n.service === 'aws_elasticache_replication_group') ??
        ctx.neighbours('out').find((n) => n.service === 'aws_elasticache_replication_group');
      return [
        attr('global_replication_group_id_suffix', str(ctx.label.replace(/_/g, '-'))),
        ...(primary
          ? [attr('primary_replication_group_id', ctx.ref(primary.id, 'id'))]
          : [ctx.todo('the primary replication group.')]),
      ];
    },
  },
  aws_elasticache_cluster: {
    concern: 'data',
    envAttr: 'cache_nodes[0].address',
    importId: byName,
    build(ctx) {
      return [
        attr('cluster_id', ctx.physicalName('cluster_id', 'ClusterName')),
        attr('engine', lit(ctx.literal('engine', 'Engine'), 'redis')),
        attr('node_type', lit(ctx.literal('node_type', 'CacheNodeType'), 'cache.r7g.large')),
        attr('num_cache_nodes', lit(ctx.literal('num_cache_nodes', 'NumCacheNodes'), 1)),
        attr('subnet_group_name', dbSubnetGroup(ctx, 'aws_elasticache_subnet_group')),
      ];
    },
  },
  aws_dynamodb_table: {
    concern: 'data',
    envAttr: 'name',
    importId: (arn, node) => propString(node, 'name', 'TableName') ?? byName(arn),
    build(ctx) {
      const hashKey = String(ctx.literal('hash_key') ?? 'id');
      const rangeKey = ctx.literal('range_key');
      const attributes = [hashKey, ...(typeof rangeKey === 'string' ? [rangeKey] : [])];
      const replicaRegions = new Set<string>();
      for (const key of ['replica_regions', 'replicas', 'replica']) {
        const v = ctx.node.props[key];
        if (Array.isArray(v))
          for (const r of v) {
            if (typeof r === 'string') replicaRegions.add(r);
            else if (
              r &&
              typeof r === 'object' &&
              typeof (r as { region_name?: unknown }).region_name === 'string'
            )
              replicaRegions.add((r as { region_name: string }).region_name);
          }
      }
      for (const peer of replicaPeers(ctx)) {
        const r = ctx.state.regionOf.get(peer.id);
        if (peer.service === 'aws_dynamodb_table' && r && r !== ctx.region) replicaRegions.add(r);
      }
      const billing = ctx.literal('billing_mode', 'BillingMode');
      // Global tables replicate through the stream, and a design may turn it on for consumers as well.
      const streamView = ctx.literal('stream_view_type', 'StreamViewType');
      const stream = replicaRegions.size > 0 || ctx.literal('stream_enabled') === true;
      const warm = ctx.prop('warm_throughput');
      const warmBody =
        warm && typeof warm === 'object' && !Array.isArray(warm)
          ? Object.entries(warm as Record<string, unknown>)
              .filter(([, v]) => typeof v === 'number')
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => attr(k, num(v as number)))
          : [];
      return [
        attr('name', ctx.physicalName('name', 'TableName')),
        attr('billing_mode', lit(billing, 'PAY_PER_REQUEST')),
        attr('hash_key', str(hashKey)),
        ...(typeof rangeKey === 'string' ? [attr('range_key', str(rangeKey))] : []),
        attr('deletion_protection_enabled', bool(true)),
        ...(stream
          ? [
              attr('stream_enabled', bool(true)),
              attr(
                'stream_view_type',
                str(typeof streamView === 'string' ? streamView : 'NEW_AND_OLD_IMAGES'),
              ),
            ]
          : []),
        ...attributes.flatMap((a) => [
          blank,
          block('attribute', [attr('name', str(a)), attr('type', str('S'))], { repeated: true }),
        ]),
        blank,
        block('point_in_time_recovery', [attr('enabled', bool(true))]),
        blank,
        block('server_side_encryption', [attr('enabled', bool(true))]),
        ...(warmBody.length ? [blank, block('warm_throughput', warmBody)] : []),
        ...[...replicaRegions].sort().flatMap((r) => [
          blank,
          block('replica', [attr('region_name', str(r)), attr('point_in_time_recovery', bool(true))], {
            repeated: true,
          }),
        ]),
      ];
    },
  },
  aws_dax_cluster: {
    concern: 'data',
    importId: byName,
    build(ctx) {
      return [
        attr('cluster_name', ctx.physicalName('cluster_name', 'ClusterName')),
        attr('node_type', lit(ctx.literal('node_type', 'NodeType'), 'dax.r5.large')),
        attr('replication_factor', lit(ctx.literal('replication_factor', 'ReplicationFactor'), 3)),
        attr('iam_role_arn', companionRole(ctx, 'dax.amazonaws.com')),
        blank,
        block('server_side_encryption', [attr('enabled', bool(true))]),
      ];
    },
  },
  aws_backup_vault: {
    concern: 'data',
    importId: byName,
    build: (ctx) => [attr('name', ctx.physicalName('name', 'BackupVaultName'))],
  },
  aws_backup_plan: {
    concern: 'data',
    importId: byName,
    build(ctx) {
      const vaults = ctx.graph
        .nodes()
        .filter((n) => n.service === 'aws_backup_vault' && n.change !== 'removed');
      const local = vaults.find((v) => ctx.state.regionOf.get(v.id) === ctx.region);
      const remote = vaults.find((v) => ctx.state.regionOf.get(v.id) !== ctx.region);
      if (local) backupSelection(ctx, local);
      return [
        attr('name', ctx.physicalName('name', 'BackupPlanName')),
        blank,
        block(
          'rule',
          [
            attr('rule_name', str('daily')),
            ...(local
              ? [attr('target_vault_name', ctx.ref(local.id, 'name'))]
              : [ctx.todo('the backup vault in this region.'), attr('target_vault_name', str('Default'))]),
            attr('schedule', lit(ctx.literal('schedule'), 'cron(0 3 * * ? *)')),
            blank,
            block('lifecycle', [attr('delete_after', num(35))]),
            ...(remote
              ? [
                  blank,
                  block('copy_action', [attr('destination_vault_arn', ctx.ref(remote.id, 'arn'))], {
                    repeated: true,
                  }),
                ]
              : []),
          ],
          { repeated: true },
        ),
      ];
    },
  },
};

/** What the plan backs up: every resource the design sends to this region's vault (a `replicates` edge). */
function backupSelection(ctx: TemplateContext, vault: ArchNode) {
  const sources = ctx.graph
    .inEdges(vault.id)
    .filter((e) => e.kind === 'replicates' && e.change !== 'removed')
    .map((e) => ctx.graph.node(e.from))
    .filter((n): n is ArchNode => n !== undefined && n.change !== 'removed')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  if (!sources.length) return;
  const role = ctx.companion('aws_iam_role', 'backup', [
    attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-backup`)),
    attr('assume_role_policy', assumeRolePolicy('backup.amazonaws.com')),
  ]);
  ctx.companion('aws_iam_role_policy_attachment', 'backup', [
    attr('role', ref(role, 'name')),
    attr('policy_arn', str('arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup')),
  ]);
  ctx.companion('aws_backup_selection', '', [
    attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}`)),
    attr('plan_id', ref(ctx.address, 'id')),
    attr('iam_role_arn', ref(role, 'arn')),
    attr('resources', list(sources.map((n) => ctx.ref(n.id, 'arn')))),
  ]);
}
