// A hand-built graph with one of every risk the review rules look for (single region, tagged critical).
import type { ArchGraph } from '../../src/model/index.js';
import { build, e, n } from '../planners/support.js';

export function riskyGraph(): ArchGraph {
  const inVpc = { parent: 'aws_vpc.main', region: 'us-east-1' };
  return build(
    [
      n('region:us-east-1', 'region'),
      n('aws_vpc.main', 'vpc', { cidr_block: '10.0.0.0/16' }, { parent: 'region:us-east-1' }),
      n(
        'aws_subnet.public_a',
        'subnet',
        { availability_zone: 'us-east-1a' },
        { parent: 'aws_vpc.main', zone: 'us-east-1a' },
      ),
      n(
        'aws_subnet.private_a',
        'subnet',
        { availability_zone: 'us-east-1a' },
        { parent: 'aws_vpc.main', zone: 'us-east-1a' },
      ),
      n(
        'aws_subnet.private_b',
        'subnet',
        { availability_zone: 'us-east-1b' },
        { parent: 'aws_vpc.main', zone: 'us-east-1b' },
      ),
      n('aws_nat_gateway.main', 'network', {}, { parent: 'aws_subnet.public_a', zone: 'us-east-1a' }),
      n('aws_security_group.app', 'network', { name: 'app' }, { ...inVpc, plumbing: true }),
      n(
        'aws_vpc_security_group_ingress_rule.app_ssh',
        'network',
        { cidr_ipv4: '0.0.0.0/0', from_port: 22, to_port: 22, ip_protocol: 'tcp' },
        { parent: 'region:us-east-1', plumbing: true },
      ),
      n('aws_route53_record.app', 'dns', { name: 'app.example.com' }),
      n('aws_route53_record.shop', 'dns', { name: 'shop.example.com' }),
      n(
        'aws_instance.app',
        'service',
        { instance_type: 't3.large' },
        { parent: 'aws_subnet.private_a', zone: 'us-east-1a' },
      ),
      n(
        'aws_db_instance.legacy',
        'database',
        {
          engine: 'mysql',
          instance_class: 'db.m6g.large',
          multi_az: false,
          publicly_accessible: true,
          backup_retention_period: 0,
          storage_encrypted: false,
        },
        { ...inVpc, zone: 'us-east-1b', tags: { criticality: 'critical' } },
      ),
      n(
        'aws_lambda_function.report',
        'function',
        { timeout: 60 },
        { region: 'us-east-1', parent: 'region:us-east-1' },
      ),
      n('aws_sqs_queue.jobs', 'queue', { visibility_timeout_seconds: 30 }, { parent: 'region:us-east-1' }),
      n(
        'aws_s3_bucket.static_site',
        'storage',
        { acl: 'public-read', website: { index_document: 'index.html' } },
        { parent: 'region:us-east-1' },
      ),
      n('aws_lb.public', 'load_balancer', { internal: false, load_balancer_type: 'application' }, inVpc),
      n('aws_lb_listener.http', 'generic', { port: 80, protocol: 'HTTP' }, { ...inVpc, plumbing: true }),
      n('aws_lb_target_group.svc', 'generic', { port: 8080, protocol: 'HTTP' }, { ...inVpc, plumbing: true }),
      n(
        'aws_ecs_service.svc',
        'container',
        {
          desired_count: 1,
          network_configuration: { subnets: ['aws_subnet.private_a'] },
          env: { DB_PASSWORD: '(set)', API_TOKEN: '(set)', LOG_LEVEL: 'info' },
        },
        inVpc,
      ),
      n('code:billing', 'service', {}, { provider: 'code' }),
      n('code:ledger', 'service', {}, { provider: 'code' }),
      n(
        'aws_elasticache_cluster.cache',
        'cache',
        { engine: 'redis', num_cache_nodes: 1 },
        { ...inVpc, zone: 'us-east-1a' },
      ),
      // A second VPC whose NAT gateway in us-east-1b serves no workload (idle-nat-gateways).
      n('aws_vpc.batch', 'vpc', { cidr_block: '10.1.0.0/16' }, { parent: 'region:us-east-1' }),
      n('aws_subnet.batch_a', 'subnet', {}, { parent: 'aws_vpc.batch', zone: 'us-east-1a' }),
      n('aws_subnet.batch_b', 'subnet', {}, { parent: 'aws_vpc.batch', zone: 'us-east-1b' }),
      n('aws_nat_gateway.batch_a', 'network', {}, { parent: 'aws_subnet.batch_a', zone: 'us-east-1a' }),
      n('aws_nat_gateway.batch_b', 'network', {}, { parent: 'aws_subnet.batch_b', zone: 'us-east-1b' }),
      n(
        'aws_elasticache_cluster.batch',
        'cache',
        { engine: 'memcached', num_cache_nodes: 1 },
        { parent: 'aws_subnet.batch_a', zone: 'us-east-1a' },
      ),
      // Provisioned throughput nothing reads or writes (idle-provisioned-capacity).
      n(
        'aws_dynamodb_table.archive',
        'database',
        {
          billing_mode: 'PROVISIONED',
          read_capacity: 50,
          write_capacity: 10,
          point_in_time_recovery: { enabled: true },
        },
        { parent: 'region:us-east-1' },
      ),
      n(
        'aws_dynamodb_table.events',
        'database',
        { billing_mode: 'PAY_PER_REQUEST' },
        { parent: 'region:us-east-1' },
      ),
    ],
    [
      e('aws_route53_record.app', 'aws_instance.app', 'routes'),
      e('aws_instance.app', 'aws_security_group.app', 'depends_on'),
      e('aws_vpc_security_group_ingress_rule.app_ssh', 'aws_security_group.app', 'depends_on'),
      e('aws_instance.app', 'aws_db_instance.legacy', 'writes'),
      e('aws_instance.app', 'aws_db_instance.legacy', 'reads'),
      e('aws_instance.app', 'aws_sqs_queue.jobs', 'publishes'),
      e('aws_instance.app', 'aws_elasticache_cluster.cache', 'reads'),
      e('aws_instance.app', 'aws_s3_bucket.static_site', 'writes'),
      e('aws_sqs_queue.jobs', 'aws_lambda_function.report', 'consumes'),
      e('aws_lambda_function.report', 'aws_db_instance.legacy', 'reads'),
      e('aws_lambda_function.report', 'aws_dynamodb_table.events', 'writes'),
      e('aws_route53_record.shop', 'aws_lb.public', 'routes'),
      e('aws_lb.public', 'aws_lb_listener.http', 'routes'),
      e('aws_lb_listener.http', 'aws_lb_target_group.svc', 'routes'),
      e('aws_lb_target_group.svc', 'aws_ecs_service.svc', 'routes'),
      e('aws_ecs_service.svc', 'code:billing', 'calls'),
      e('code:billing', 'code:ledger', 'calls'),
      e('code:billing', 'aws_db_instance.legacy', 'reads'),
      e('code:ledger', 'aws_db_instance.legacy', 'writes'),
    ],
  );
}
