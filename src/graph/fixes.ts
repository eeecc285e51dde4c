// The standard remedies, each a list of ChangeOps with a rationale per op. Review rules use them as fixes;
// scenarios assemble them into plans. New resources carry real Terraform types and readable addresses.
import type { ArchGraph } from '../model/graph.js';
import type { ArchEdge, ArchNode, ChangeOp } from '../model/schema.js';
import { addEdge, addNode, newEdge, newNode, setProps } from './ops.js';
import { copies, localName, num, prop, str, vpcOf, zoneOf } from './query.js';

const uniqueId = (graph: ArchGraph, id: string): boolean => !graph.hasNode(id);

/** The zones a node's VPC has subnets in, sorted. */
export function vpcZones(graph: ArchGraph, node: ArchNode): string[] {
  const vpc = vpcOf(graph, node);
  if (!vpc) return [];
  const zones = new Set<string>();
  for (const n of graph.nodes()) {
    if (n.kind !== 'subnet') continue;
    if (!graph.ancestors(n.id).some((a) => a.id === vpc.id)) continue;
    const z = zoneOf(graph, n);
    if (z) zones.add(z);
  }
  return [...zones].sort();
}

/** A DLQ for a queue: the queue's redrive policy points at it after `maxReceiveCount` failed receives. */
export function dlqFix(graph: ArchGraph, queue: ArchNode): ChangeOp[] {
  const name = `${localName(queue.id)}_dlq`;
  const dlq = newNode('aws_sqs_queue', name, {
    like: queue,
    props: { name: `${str(queue, 'name') ?? localName(queue.id)}-dlq`, message_retention_seconds: 1209600 },
  });
  if (!uniqueId(graph, dlq.id)) return [];
  return [
    addNode(
      dlq,
      'a dead-letter queue keeps poison messages out of the retry loop and keeps them for 14 days',
    ),
    setProps(
      queue.id,
      { redrive_policy: { deadLetterTargetArn: `\${${dlq.id}.arn}`, maxReceiveCount: 5 } },
      'after 5 failed receives a message moves to the DLQ instead of blocking consumers forever',
    ),
    addEdge(
      newEdge(queue.id, dlq.id, 'publishes', { label: 'DLQ' }),
      'messages that fail 5 times are redriven here',
    ),
  ];
}

/** Turns a single-AZ database or cache into a Multi-AZ one, with the feature the service provides for it. */
export function multiAzFix(graph: ArchGraph, node: ArchNode): ChangeOp[] {
  switch (node.service) {
    case 'aws_db_instance':
      return [
        setProps(
          node.id,
          { multi_az: true },
          'RDS Multi-AZ keeps a synchronous standby in a second AZ and fails over in about 60–120 s',
        ),
      ];
    case 'aws_rds_cluster': {
      const reader = newNode('aws_rds_cluster_instance', `${localName(node.id)}_reader`, {
        like: node,
        props: {
          cluster_identifier: `\${${node.id}.id}`,
          instance_class: str(node, 'instance_class') ?? 'db.r6g.large',
        },
      });
      if (!uniqueId(graph, reader.id)) return [];
      return [
        addNode(reader, 'an Aurora reader in another AZ is the failover target (promotion in ~30 s)'),
        addEdge(
          newEdge(node.id, reader.id, 'replicates', { label: 'Aurora storage' }),
          'shared cluster volume',
        ),
      ];
    }
    case 'aws_elasticache_replication_group':
      return [
        setProps(
          node.id,
          {
            num_cache_clusters: Math.max(2, num(node, 'num_cache_clusters') ?? 1),
            automatic_failover_enabled: true,
            multi_az_enabled: true,
          },
          'a replica in a second AZ with automatic failover removes the single cache node',
        ),
      ];
    case 'aws_elasticache_cluster':
      return replaceCacheClusterFix(graph, node);
    case 'aws_ecs_service':
      if ((num(node, 'desired_count') ?? 1) >= 2) return [];
      return [
        setProps(
          node.id,
          { desired_count: 2 },
          'two tasks, spread over the service subnets in two AZs, survive the loss of one task or AZ',
        ),
      ];
    case 'aws_instance':
      return singleInstanceFix(graph, node);
    case 'aws_nat_gateway':
      return natPerAzFix(graph, node);
    default:
      return [];
  }
}

/** A single-node ElastiCache cluster becomes a replication group with a replica in another AZ. */
function replaceCacheClusterFix(graph: ArchGraph, node: ArchNode): ChangeOp[] {
  const group = newNode('aws_elasticache_replication_group', localName(node.id), {
    like: node,
    props: {
      replication_group_id: str(node, 'cluster_id') ?? localName(node.id),
      engine: str(node, 'engine') ?? 'redis',
      node_type: str(node, 'node_type') ?? 'cache.t4g.medium',
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: true,
      transit_encryption_enabled: true,
    },
  });
  if (!uniqueId(graph, group.id)) return [];
  delete group.zone;
  const ops: ChangeOp[] = [
    addNode(
      group,
      'aws_elasticache_cluster cannot fail over; a replication group with 2 nodes in 2 AZs promotes its replica automatically',
    ),
  ];
  for (const e of graph.inEdges(node.id)) {
    ops.push(addEdge(retarget(e, e.from, group.id), `${e.from} talks to the replication group instead`));
  }
  for (const e of graph.outEdges(node.id)) {
    ops.push(addEdge(retarget(e, group.id, e.to), 'same configuration as the old cluster'));
  }
  ops.push({
    op: 'remove_node',
    id: node.id,
    rationale: 'replaced by the replication group (migrate keys or let the cache warm up)',
  });
  return ops;
}

function retarget(e: ArchEdge, from: string, to: string): ArchEdge {
  const discriminator = /\(([^:)]+):([^)]+)\)$/.exec(e.id)?.[2];
  const edge = newEdge(from, to, e.kind, { ...(discriminator ? { discriminator } : {}) });
  if (e.label) edge.label = e.label;
  if (e.protocol) edge.protocol = e.protocol;
  if (e.port !== undefined) edge.port = e.port;
  if (e.props) edge.props = e.props;
  return edge;
}

/** One NAT gateway per AZ, so that losing an AZ does not cut the others off the internet. */
export function natPerAzFix(graph: ArchGraph, nat: ArchNode): ChangeOp[] {
  const zones = vpcZones(graph, nat);
  const natZone = zoneOf(graph, nat);
  const publicSubnets = graph
    .nodes()
    .filter((n) => n.kind === 'subnet' && vpcOf(graph, n)?.id === vpcOf(graph, nat)?.id)
    .filter((n) => /public/i.test(n.id) || str(n, 'tier') === 'public' || n.tags.Tier === 'public');
  const ops: ChangeOp[] = [];
  for (const zone of zones) {
    if (zone === natZone) continue;
    const suffix = zone.slice(-1);
    const subnet = publicSubnets.find((s) => zoneOf(graph, s) === zone);
    const eip = newNode('aws_eip', `nat_${suffix}`, { like: nat, props: { domain: 'vpc' } });
    const gw = newNode('aws_nat_gateway', `${localName(nat.id)}_${suffix}`, {
      like: nat,
      zone,
      props: { connectivity_type: 'public', allocation_id: `\${${eip.id}.id}` },
      ...(subnet ? { parent: subnet.id } : {}),
    });
    if (!uniqueId(graph, gw.id) || !uniqueId(graph, eip.id)) continue;
    eip.parent = gw.parent!;
    ops.push(addNode(eip, `an Elastic IP for the NAT gateway in ${zone}`));
    ops.push(
      addNode(
        gw,
        `a NAT gateway in ${zone}: private subnets there route through their own AZ's gateway, so one AZ failing no longer cuts the others off (and saves cross-AZ data charges)`,
      ),
    );
    ops.push(addEdge(newEdge(gw.id, eip.id, 'depends_on', { label: 'allocation_id' }), 'its public address'));
  }
  return ops;
}

/** An Auto Scaling group of two or more behind an ALB replaces one instance that nothing balances. */
export function singleInstanceFix(graph: ArchGraph, instance: ArchNode): ChangeOp[] {
  const name = localName(instance.id);
  const vpc = vpcOf(graph, instance);
  const lb = newNode('aws_lb', name, {
    like: instance,
    ...(vpc ? { parent: vpc.id } : {}),
    props: { load_balancer_type: 'application', internal: false },
  });
  delete lb.zone;
  const asg = newNode('aws_autoscaling_group', name, {
    like: instance,
    ...(vpc ? { parent: vpc.id } : {}),
    kind: 'service',
    props: {
      min_size: 2,
      max_size: 4,
      desired_capacity: 2,
      health_check_type: 'ELB',
      instance_type: str(instance, 'instance_type') ?? 'm6i.large',
    },
  });
  delete asg.zone;
  if (!uniqueId(graph, lb.id) || !uniqueId(graph, asg.id)) return [];
  const ops: ChangeOp[] = [
    addNode(lb, 'an Application Load Balancer spreads requests and health-checks the instances'),
    addNode(
      asg,
      'an Auto Scaling group keeps at least 2 instances in 2 AZs and replaces unhealthy ones (from a launch template of the current AMI)',
    ),
    addEdge(newEdge(lb.id, asg.id, 'routes', { label: 'HTTP' }), 'the ALB forwards to the group'),
  ];
  for (const e of graph.inEdges(instance.id).filter((x) => x.kind === 'routes' || x.kind === 'calls')) {
    ops.push(addEdge(retarget(e, e.from, lb.id), `${e.from} sends its traffic to the ALB`));
  }
  for (const e of graph.outEdges(instance.id).filter((x) => x.kind !== 'depends_on')) {
    ops.push(addEdge(retarget(e, asg.id, e.to), 'the group does what the instance did'));
  }
  return ops;
}

/** A read replica for a read-heavy relational database; readers move to it. */
export function readReplicaFix(
  graph: ArchGraph,
  db: ArchNode,
  readers: ArchNode[],
  zone?: string,
): ChangeOp[] {
  if (db.service === 'aws_rds_cluster') {
    const reader = newNode('aws_rds_cluster_instance', `${localName(db.id)}_reader`, {
      like: db,
      props: { cluster_identifier: `\${${db.id}.id}` },
    });
    if (!uniqueId(graph, reader.id)) return [];
    return [
      addNode(reader, 'an Aurora reader serves reads from the shared volume with millisecond lag'),
      addEdge(newEdge(db.id, reader.id, 'replicates', { label: 'Aurora storage' }), 'cluster replication'),
      ...readers.map((r) =>
        addEdge(
          newEdge(r.id, reader.id, 'reads', { label: 'reader endpoint' }),
          `${r.id} reads via the reader endpoint`,
        ),
      ),
    ];
  }
  const replica = newNode('aws_db_instance', `${localName(db.id)}_replica`, {
    like: db,
    ...(zone ? { zone } : {}),
    props: {
      replicate_source_db: `\${${db.id}.identifier}`,
      instance_class: str(db, 'instance_class') ?? 'db.r6g.large',
      ...(zone ? { availability_zone: zone } : {}),
    },
  });
  if (!uniqueId(graph, replica.id)) return [];
  return [
    addNode(
      replica,
      'an RDS read replica takes read-only queries off the primary (asynchronous, typically < 1 s lag)',
    ),
    addEdge(
      newEdge(db.id, replica.id, 'replicates', { label: 'read replica' }),
      'asynchronous replication from the primary',
    ),
    ...readers.map((r) =>
      addEdge(
        newEdge(r.id, replica.id, 'reads', { label: 'read-only queries' }),
        `${r.id} sends read-only queries to the replica (stale-tolerant reads only)`,
      ),
    ),
  ];
}

/** RDS Proxy pools connections for Lambda callers and caps what reaches the database. */
export function rdsProxyFix(graph: ArchGraph, db: ArchNode, callers: ArchNode[]): ChangeOp[] {
  const proxy = newNode('aws_db_proxy', localName(db.id), {
    like: db,
    kind: 'database',
    displayName: `${localName(db.id)} proxy`,
    props: {
      engine_family: /mysql|maria/i.test(str(db, 'engine') ?? '') ? 'MYSQL' : 'POSTGRESQL',
      require_tls: true,
      max_connections_percent: 75,
    },
  });
  delete proxy.zone;
  if (!uniqueId(graph, proxy.id)) return [];
  const ops: ChangeOp[] = [
    addNode(
      proxy,
      'RDS Proxy multiplexes many Lambda connections onto a bounded pool (75% of max_connections)',
    ),
    addEdge(newEdge(proxy.id, db.id, 'calls', { label: 'pooled connections' }), 'the only client of the DB'),
  ];
  for (const c of callers) {
    for (const e of graph.outEdges(c.id).filter((x) => x.to === db.id && x.kind !== 'depends_on')) {
      ops.push(addEdge(retarget(e, c.id, proxy.id), `${c.id} connects through the proxy endpoint`));
      ops.push({
        op: 'remove_edge',
        id: e.id,
        rationale: `${c.id} no longer opens connections to the DB directly`,
      });
    }
  }
  return ops;
}

/** CloudFront with Origin Access Control in front of a bucket that serves static files. */
export function cdnFix(graph: ArchGraph, bucket: ArchNode): ChangeOp[] {
  const cdn = newNode('aws_cloudfront_distribution', localName(bucket.id), {
    like: bucket,
    props: { price_class: 'PriceClass_100', http_version: 'http2and3', origin_access_control: true },
  });
  delete cdn.parent;
  delete cdn.region;
  if (!uniqueId(graph, cdn.id)) return [];
  const ops: ChangeOp[] = [
    addNode(cdn, 'CloudFront caches static objects at the edge: lower latency, fewer S3 GETs, HTTPS'),
    addEdge(newEdge(cdn.id, bucket.id, 'reads', { label: 'origin (OAC)' }), 'the bucket is the origin'),
  ];
  for (const e of graph.inEdges(bucket.id).filter((x) => x.kind === 'reads' || x.kind === 'routes')) {
    const from = graph.node(e.from);
    if (from && ['client', 'dns', 'external'].includes(from.kind)) {
      ops.push(addEdge(retarget(e, e.from, cdn.id), `${e.from} goes through the CDN`));
      ops.push({ op: 'remove_edge', id: e.id, rationale: 'direct public reads from S3 stop' });
    }
  }
  return ops;
}

/** AWS WAF web ACL (managed rule groups) associated with a public ALB, REST API or CloudFront distribution. */
export function wafFix(graph: ArchGraph, entry: ArchNode): ChangeOp[] {
  const global = entry.service === 'aws_cloudfront_distribution';
  const waf = newNode('aws_wafv2_web_acl', localName(entry.id), {
    like: entry,
    kind: 'identity',
    displayName: `${localName(entry.id)} WAF`,
    props: {
      scope: global ? 'CLOUDFRONT' : 'REGIONAL',
      managed_rule_groups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'],
      rate_limit_per_5min: 2000,
    },
  });
  delete waf.zone;
  if (global) delete waf.parent;
  if (!uniqueId(graph, waf.id)) return [];
  return [
    addNode(waf, 'a web ACL with AWS managed rules blocks common exploits and rate-limits abusive clients'),
    addEdge(
      newEdge(waf.id, entry.id, 'access', { label: 'WAF' }),
      global ? 'attached with web_acl_id on the distribution' : 'attached with aws_wafv2_web_acl_association',
    ),
  ];
}

/** Target-tracking autoscaling for an ECS service (CPU 60%). */
export function autoscalingFix(graph: ArchGraph, service: ArchNode, max?: number): ChangeOp[] {
  const desired = num(service, 'desired_count') ?? 1;
  const target = newNode('aws_appautoscaling_target', localName(service.id), {
    like: service,
    kind: 'generic',
    props: {
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: Math.max(2, desired),
      max_capacity: max ?? Math.max(4, desired * 4),
      target_cpu_utilization: 60,
    },
  });
  delete target.zone;
  if (!uniqueId(graph, target.id)) return [];
  return [
    addNode(
      target,
      `target tracking on 60% CPU between ${target.props.min_capacity} and ${target.props.max_capacity} tasks adds tasks before latency suffers and removes them when traffic drops`,
    ),
    addEdge(newEdge(target.id, service.id, 'depends_on', { label: 'scales' }), 'scales desired_count'),
  ];
}

/** A queue between a synchronous producer and a slow consumer; the consumer polls it. */
export function decoupleFix(graph: ArchGraph, edge: ArchEdge): ChangeOp[] {
  const producer = graph.node(edge.from)!;
  const consumer = graph.node(edge.to)!;
  const queueName = `${localName(consumer.id)}_buffer`;
  const queue = newNode('aws_sqs_queue', queueName, {
    like: consumer,
    kind: 'queue',
    props: {
      name: queueName.replace(/_/g, '-'),
      visibility_timeout_seconds: Math.max(30, 6 * (num(consumer, 'timeout') ?? 30)),
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 345600,
    },
  });
  delete queue.zone;
  if (!uniqueId(graph, queue.id)) return [];
  const ops: ChangeOp[] = [
    addNode(
      queue,
      `an SQS queue absorbs bursts: ${producer.id} returns as soon as the message is stored (single-digit ms) and ${consumer.id} works at its own pace`,
    ),
    addEdge(
      newEdge(producer.id, queue.id, 'publishes', { label: 'SendMessage' }),
      `${producer.id} enqueues instead of waiting on ${consumer.id}`,
    ),
    addEdge(
      newEdge(queue.id, consumer.id, 'consumes', {
        label: consumer.kind === 'function' ? 'event source mapping' : 'poll',
      }),
      `${consumer.id} consumes at its own pace, with retries`,
    ),
    { op: 'remove_edge', id: edge.id, rationale: 'the synchronous call is replaced by the queue' },
  ];
  ops.push(...dlqFix(graph, queue));
  return ops;
}

/** Reserved concurrency caps a function so that it cannot exhaust what it calls (or the account pool). */
export function reservedConcurrencyFix(fn: ArchNode, limit: number, why: string): ChangeOp[] {
  return [setProps(fn.id, { reserved_concurrent_executions: limit }, why)];
}

/** Everything `multiAzFix` needs to make every stateful node and every single-copy compute node redundant. */
export function isSingleAz(graph: ArchGraph, node: ArchNode): boolean {
  switch (node.service) {
    case 'aws_db_instance':
      return prop(node, 'multi_az') !== true && !prop(node, 'replicate_source_db');
    case 'aws_elasticache_replication_group':
      return (
        (num(node, 'num_cache_clusters') ?? 1) < 2 ||
        prop(node, 'automatic_failover_enabled') !== true ||
        prop(node, 'multi_az_enabled') === false
      );
    case 'aws_elasticache_cluster':
      return true;
    case 'aws_ecs_service':
      return (num(node, 'desired_count') ?? 1) < 2;
    case 'aws_instance':
      return copies(graph, node) < 2;
    default:
      return false;
  }
}

/**
 * Fixed instances behind a load balancer (`web[0]`, `web[1]`) become one Auto Scaling group from a launch
 * template of the same AMI and type, with max = copies × factor; the target group routes to the group.
 */
export function instancesToAsgFix(graph: ArchGraph, instances: ArchNode[], factor: number): ChangeOp[] {
  const first = instances[0]!;
  const name = localName(first.id);
  const vpc = vpcOf(graph, first);
  const subnets = [...new Set(instances.map((i) => i.parent).filter((p): p is string => Boolean(p)))].sort();
  const template = newNode('aws_launch_template', name, {
    like: first,
    ...(vpc ? { parent: vpc.id } : {}),
    kind: 'generic',
    props: {
      image_id: str(first, 'ami') ?? 'TODO',
      instance_type: str(first, 'instance_type') ?? 'm6i.large',
    },
  });
  const asg = newNode('aws_autoscaling_group', name, {
    like: first,
    ...(vpc ? { parent: vpc.id } : {}),
    kind: 'service',
    props: {
      min_size: instances.length,
      desired_capacity: instances.length,
      max_size: Math.ceil(instances.length * factor),
      health_check_type: 'ELB',
      vpc_zone_identifier: subnets,
      launch_template: `\${${template.id}.id}`,
      target_tracking: { predefined_metric: 'ALBRequestCountPerTarget' },
    },
  });
  delete template.zone;
  delete asg.zone;
  if (!uniqueId(graph, asg.id) || !uniqueId(graph, template.id)) return [];
  const ops: ChangeOp[] = [
    addNode(
      template,
      `the launch template reproduces ${instances.map((i) => i.id).join(', ')} (same AMI and type)`,
    ),
    addNode(
      asg,
      `an Auto Scaling group of ${instances.length} to ${Math.ceil(instances.length * factor)} instances over ${subnets.length} subnets replaces the fixed instances; it scales on requests per target`,
    ),
    addEdge(
      newEdge(asg.id, template.id, 'depends_on', { label: 'launch template' }),
      'instances start from it',
    ),
  ];
  const seen = new Set<string>();
  for (const inst of instances) {
    for (const e of graph.inEdges(inst.id).filter((x) => x.kind === 'routes' || x.kind === 'calls')) {
      const edge = retarget(e, e.from, asg.id);
      if (!seen.has(edge.id)) ops.push(addEdge(edge, `${e.from} sends to the group`));
      seen.add(edge.id);
    }
    for (const e of graph.outEdges(inst.id).filter((x) => isTrafficEdge(x.kind))) {
      const edge = retarget(e, asg.id, e.to);
      if (!seen.has(edge.id)) ops.push(addEdge(edge, 'the group does what the instances did'));
      seen.add(edge.id);
    }
  }
  for (const inst of instances) {
    ops.push({
      op: 'remove_node',
      id: inst.id,
      rationale: 'replaced by the Auto Scaling group after cut-over',
    });
  }
  return ops;
}

const isTrafficEdge = (kind: string) => ['calls', 'reads', 'writes', 'publishes', 'triggers'].includes(kind);
