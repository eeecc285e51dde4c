// The per-type template table: each Terraform type maps to a resource body with the minimum required
// arguments and secure defaults. A type missing here is still emitted, as a commented TODO block.
import type { ParsedArn } from '../../src/catalog/index.js';
import type { ArchNode } from '../../src/model/schema.js';
import { isRedacted, looksLikeSecretName } from '../../src/model/secrets.js';
import type { TemplateContext } from './context.js';
import {
  attr,
  type BodyItem,
  blank,
  block,
  bool,
  call,
  comment,
  type Expr,
  list,
  map,
  num,
  ref,
  str,
  tpl,
} from './hcl.js';
import type { Concern } from './types.js';

export interface Template {
  concern: Concern;
  /** The id `terraform import` expects for this type, from the live resource's ARN and properties. */
  importId?: (arn: ParsedArn, node: ArchNode) => string | undefined;
  /** The attribute an environment variable of a compute resource should reference (queue URL, table name…). */
  envAttr?: string;
  build(ctx: TemplateContext): BodyItem[];
}

const lastSegment = (arn: ParsedArn) =>
  arn.resourceName.split(/[/:]/).filter(Boolean).pop() ?? arn.resourceName;
const byName = (arn: ParsedArn) => lastSegment(arn);
const byArn = (arn: ParsedArn) =>
  `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
const propString = (node: ArchNode, ...keys: string[]) => {
  for (const k of keys) if (typeof node.props[k] === 'string') return node.props[k] as string;
  return undefined;
};

/** `attr` when the expression is known, otherwise the fallback (and a TODO when one is given). */
function arg(ctx: TemplateContext, name: string, value: Expr | undefined, fallback?: Expr, todo?: string) {
  const out: BodyItem[] = [];
  if (value === undefined && todo) out.push(ctx.todo(todo));
  // A required argument archmap cannot resolve becomes a variable: the stub stays valid and the gap is explicit.
  const v =
    value ??
    fallback ??
    (todo
      ? ctx.variable(`${ctx.label}_${name}`, {
          type: 'string',
          description: `${name} of ${ctx.node.id}: ${todo}`,
        })
      : undefined);
  if (v !== undefined) out.push(attr(name, v));
  return out;
}

const lit = (v: string | number | boolean | undefined, fallback: string | number | boolean): Expr => {
  const x = v ?? fallback;
  return typeof x === 'string' ? str(x) : typeof x === 'number' ? num(x) : bool(x);
};

const CIDR = /^\d+\.\d+\.\d+\.\d+\/\d+$/;

/** A service principal for an IAM role, inferred from the resources that use it. */
function rolePrincipal(ctx: TemplateContext): string | undefined {
  const uses = ctx.graph
    .nodes()
    .filter((n) =>
      Object.values(n.props).some((v) => typeof v === 'string' && v.includes(`${ctx.node.id}.`)),
    );
  for (const n of uses) {
    if (n.service?.startsWith('aws_lambda')) return 'lambda.amazonaws.com';
    if (n.service?.startsWith('aws_ecs')) return 'ecs-tasks.amazonaws.com';
    if (n.service === 'aws_db_proxy') return 'rds.amazonaws.com';
    if (n.service?.startsWith('aws_s3')) return 's3.amazonaws.com';
  }
  if (/lambda|worker|function/i.test(ctx.node.id)) return 'lambda.amazonaws.com';
  if (/ecs|task|execution/i.test(ctx.node.id)) return 'ecs-tasks.amazonaws.com';
  return undefined;
}

function assumeRolePolicy(principal: string): Expr {
  return call(
    'jsonencode',
    map([
      ['Version', str('2012-10-17')],
      [
        'Statement',
        list([
          map([
            ['Effect', str('Allow')],
            ['Action', str('sts:AssumeRole')],
            ['Principal', map([['Service', str(principal)]])],
          ]),
        ]),
      ],
    ]),
  );
}

/** An IAM role for a compute node that the graph does not give one; permissions are left as a TODO. */
function companionRole(ctx: TemplateContext, principal: string, suffix = 'role'): Expr {
  const targets = ctx.neighbours('out').filter((n) => n.kind !== 'identity');
  const address = ctx.companion(
    'aws_iam_role',
    suffix,
    [
      attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-${suffix.replace(/_/g, '-')}`)),
      attr('assume_role_policy', assumeRolePolicy(principal)),
    ],
    {
      comments: [
        `TODO(archmap): grant least-privilege access to ${
          targets.length ? targets.map((t) => t.id).join(', ') : 'what this component uses'
        }.`,
      ],
    },
  );
  return ref(address, 'arn');
}

/** Env vars of a compute node: references to generated resources when the graph knows the binding. */
function environment(
  ctx: TemplateContext,
  envAttrOf: (type: string) => string | undefined,
): Expr | undefined {
  const env = (ctx.node.props.env ?? {}) as Record<string, unknown>;
  const envRefs = (ctx.node.props.envRefs ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(env), ...Object.keys(envRefs)])].sort();
  const entries: Array<[string, Expr]> = [];
  for (const name of names) {
    const target = typeof envRefs[name] === 'string' ? ctx.graph.node(envRefs[name] as string) : undefined;
    if (target?.service) {
      entries.push([name, ctx.ref(target.id, envAttrFor(name, target.service, envAttrOf(target.service)))]);
      continue;
    }
    const value = env[name];
    if (isSecretSetting(name) || isRedacted(value)) continue;
    const e = ctx.toExpr(value);
    if (e) entries.push([name, e]);
  }
  return entries.length ? map(entries) : undefined;
}

/** Settings whose values never go into generated code: the shared secret rule, plus any `…KEY`. */
export function isSecretSetting(name: string): boolean {
  return looksLikeSecretName(name) || /key$/i.test(name);
}

function secretEnvTodo(ctx: TemplateContext): BodyItem[] {
  const env = (ctx.node.props.env ?? {}) as Record<string, unknown>;
  const secret = Object.entries(env)
    .filter(([k, v]) => isSecretSetting(k) || isRedacted(v))
    .map(([k]) => k)
    .sort();
  return secret.length
    ? [ctx.todo(`${secret.join(', ')} must come from Secrets Manager or SSM, never a plain value.`)]
    : [];
}

function securityGroups(ctx: TemplateContext, tf: string, cfn?: string): BodyItem[] {
  const e = ctx.expr(tf, cfn);
  if (e) return [attr(tf, e)];
  return [ctx.todo(`attach the security groups that admit only the callers of ${ctx.node.id}.`)];
}

function dbSubnetGroup(ctx: TemplateContext, type: 'aws_db_subnet_group' | 'aws_elasticache_subnet_group') {
  const argName = type === 'aws_db_subnet_group' ? 'db_subnet_group_name' : 'subnet_group_name';
  const own = ctx.expr(argName);
  if (own && own.t !== 'str') return own;
  const listed = neighbourRef(ctx, [type], 'name');
  if (listed) return listed;
  // The name read from state (`db_subnet_group_name = "shop-prod-orders"`) names a subnet group of the design.
  const named = ctx.literal(argName);
  const group = ctx.graph
    .nodes()
    .find(
      (n) =>
        n.service === type &&
        n.change !== 'removed' &&
        (n.props.name === named || n.props.id === named) &&
        ctx.state.regionOf.get(n.id) === ctx.region,
    );
  if (typeof named === 'string' && group) return ctx.ref(group.id, 'name');
  const address = ctx.companion(type, '', [
    attr('name', ctx.physicalName('__subnet_group_name__')),
    attr('subnet_ids', ctx.subnetIds('private')),
  ]);
  return ref(address, 'name');
}

/** Other nodes joined to this one by a `replicates` edge (either direction). */
function replicaPeers(ctx: TemplateContext): ArchNode[] {
  return [...ctx.neighbours('out', ['replicates']), ...ctx.neighbours('in', ['replicates'])];
}

function replicationSource(ctx: TemplateContext): ArchNode | undefined {
  return ctx.neighbours('in', ['replicates']).find((n) => n.service === ctx.node.service);
}

export const envAttrs: Record<string, string> = {};

const T: Record<string, Template> = {
  // ── network ──────────────────────────────────────────────────────────────────────────────────
  aws_vpc: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const cidr = ctx.literal('cidr_block', 'CidrBlock');
      return [
        ...(typeof cidr === 'string' && CIDR.test(cidr)
          ? [attr('cidr_block', str(cidr))]
          : [
              ctx.todo('choose a CIDR block that does not overlap the other regions and on-premises ranges.'),
              attr(
                'cidr_block',
                ctx.variable(`${ctx.label}_cidr`, {
                  type: 'string',
                  description: `CIDR block of ${ctx.node.id}.`,
                }),
              ),
            ]),
        attr('enable_dns_hostnames', bool(true)),
        attr('enable_dns_support', bool(true)),
        blank,
        attr('tags', map([['Name', ctx.physicalName('__tag_name__')]])),
      ];
    },
  },
  aws_subnet: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const vpc = ctx.vpc();
      const siblings = vpc
        ? ctx.graph
            .children(vpc.id)
            .filter((n) => n.kind === 'subnet')
            .sort((a, b) => (a.id < b.id ? -1 : 1))
        : [];
      const index = Math.max(
        0,
        siblings.findIndex((s) => s.id === ctx.node.id),
      );
      const cidr = ctx.literal('cidr_block', 'CidrBlock');
      const zone = ctx.literal('availability_zone', 'AvailabilityZone') ?? ctx.node.zone;
      const isPublic = ctx.node.props.map_public_ip_on_launch === true || /public/i.test(ctx.node.id);
      return [
        attr('vpc_id', ctx.vpcId()),
        attr(
          'cidr_block',
          typeof cidr === 'string' && CIDR.test(cidr)
            ? str(cidr)
            : call('cidrsubnet', vpc ? ctx.ref(vpc.id, 'cidr_block') : ctx.vpcId(), num(8), num(index)),
        ),
        attr(
          'availability_zone',
          typeof zone === 'string' && zone.startsWith(ctx.region)
            ? str(zone)
            : str(`${ctx.region}${'abc'[index % 2]}`),
        ),
        ...(isPublic ? [attr('map_public_ip_on_launch', bool(true))] : []),
        blank,
        attr(
          'tags',
          map([
            ['Name', ctx.physicalName('__tag_name__')],
            ['Tier', str(isPublic ? 'public' : 'private')],
          ]),
        ),
      ];
    },
  },
  aws_internet_gateway: {
    concern: 'network',
    importId: byName,
    build: (ctx) => [attr('vpc_id', ctx.vpcId())],
  },
  aws_eip: { concern: 'network', importId: byName, build: () => [attr('domain', str('vpc'))] },
  aws_nat_gateway: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const subnet = ctx.subnets('public')[0];
      return [
        ...arg(
          ctx,
          'allocation_id',
          ctx.expr('allocation_id', 'AllocationId'),
          undefined,
          'allocate an Elastic IP.',
        ),
        attr(
          'subnet_id',
          ctx.expr('subnet_id', 'SubnetId') ?? (subnet ? ctx.ref(subnet.id, 'id') : ctx.vpcId()),
        ),
      ];
    },
  },
  aws_route_table: {
    concern: 'network',
    importId: byName,
    build: (ctx) => [attr('vpc_id', ctx.vpcId()), ctx.todo('add the routes (internet or NAT gateway).')],
  },
  aws_route_table_association: {
    concern: 'network',
    build(ctx) {
      const subnet = ctx.expr('subnet_id', 'SubnetId');
      const table = ctx.expr('route_table_id', 'RouteTableId');
      return [
        ...arg(ctx, 'subnet_id', subnet, undefined, 'the subnet to associate.'),
        ...arg(ctx, 'route_table_id', table, undefined, 'the route table to associate.'),
      ];
    },
  },
  aws_security_group: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const description = ctx.literal('description', 'GroupDescription');
      return [
        attr('name', ctx.physicalName('name', 'GroupName')),
        attr('description', lit(description, `Managed by Terraform: ${ctx.node.name}`)),
        attr('vpc_id', ctx.vpcId()),
        ctx.todo(
          'add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).',
        ),
      ];
    },
  },
  aws_vpc_security_group_ingress_rule: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        ...arg(ctx, 'security_group_id', ctx.expr('security_group_id'), undefined, 'the security group.'),
        ...arg(ctx, 'referenced_security_group_id', ctx.expr('referenced_security_group_id')),
        ...arg(ctx, 'cidr_ipv4', ctx.expr('cidr_ipv4')),
        attr('from_port', lit(ctx.literal('from_port'), 443)),
        attr('to_port', lit(ctx.literal('to_port'), 443)),
        attr('ip_protocol', lit(ctx.literal('ip_protocol'), 'tcp')),
      ];
    },
  },
  aws_vpc_security_group_egress_rule: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        ...arg(ctx, 'security_group_id', ctx.expr('security_group_id'), undefined, 'the security group.'),
        attr('cidr_ipv4', lit(ctx.literal('cidr_ipv4'), '0.0.0.0/0')),
        attr('ip_protocol', lit(ctx.literal('ip_protocol'), '-1')),
      ];
    },
  },
  aws_vpc_endpoint: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        attr('vpc_id', ctx.vpcId()),
        attr(
          'service_name',
          lit(ctx.literal('service_name', 'ServiceName'), `com.amazonaws.${ctx.region}.s3`),
        ),
        attr('vpc_endpoint_type', lit(ctx.literal('vpc_endpoint_type', 'VpcEndpointType'), 'Gateway')),
      ];
    },
  },

  // ── compute ──────────────────────────────────────────────────────────────────────────────────
  aws_lambda_function: {
    concern: 'compute',
    envAttr: 'function_name',
    importId: byName,
    build(ctx) {
      const role = ctx.expr('role', 'Role') ?? companionRole(ctx, 'lambda.amazonaws.com');
      const inVpc = ctx.vpc() !== undefined;
      const env = environment(ctx, (t) => TEMPLATES[t]?.envAttr);
      const reserved = ctx.literal('reserved_concurrent_executions', 'ReservedConcurrentExecutions');
      const dlq = ctx.neighbours('out', ['publishes']).find((n) => n.kind === 'queue' && /dlq/i.test(n.id));
      return [
        attr('function_name', ctx.physicalName('function_name', 'FunctionName')),
        attr('role', role),
        attr('runtime', lit(ctx.literal('runtime', 'Runtime'), 'nodejs20.x')),
        attr('handler', lit(ctx.literal('handler', 'Handler'), 'index.handler')),
        ctx.todo('point at the build artefact of this function.'),
        attr(
          'filename',
          ctx.variable(`${ctx.label}_package`, {
            type: 'string',
            description: `Path of the deployment package (zip) of ${ctx.node.id}.`,
          }),
        ),
        attr('memory_size', lit(ctx.literal('memory_size', 'MemorySize'), 512)),
        attr('timeout', lit(ctx.literal('timeout', 'Timeout'), 30)),
        ...(typeof reserved === 'number' ? [attr('reserved_concurrent_executions', num(reserved))] : []),
        blank,
        block('tracing_config', [attr('mode', str('Active'))]),
        ...(inVpc
          ? [
              blank,
              block('vpc_config', [
                attr('subnet_ids', ctx.subnetIds('private')),
                ...(ctx.expr('vpc_config.security_group_ids')
                  ? [attr('security_group_ids', ctx.expr('vpc_config.security_group_ids')!)]
                  : [ctx.todo('the security group of this function.'), attr('security_group_ids', list([]))]),
              ]),
            ]
          : []),
        ...(env ? [blank, block('environment', [attr('variables', env)])] : []),
        ...(dlq ? [blank, block('dead_letter_config', [attr('target_arn', ctx.ref(dlq.id, 'arn'))])] : []),
        ...secretEnvTodo(ctx),
      ];
    },
  },
  aws_lambda_event_source_mapping: {
    concern: 'compute',
    build(ctx) {
      return [
        ...arg(
          ctx,
          'event_source_arn',
          ctx.expr('event_source_arn', 'EventSourceArn') ??
            neighbourRef(ctx, ['aws_sqs_queue', 'aws_kinesis_stream'], 'arn'),
          undefined,
          'the queue or stream.',
        ),
        ...arg(
          ctx,
          'function_name',
          ctx.expr('function_name', 'FunctionName') ?? neighbourRef(ctx, ['aws_lambda_function'], 'arn'),
          undefined,
          'the function.',
        ),
        attr('batch_size', lit(ctx.literal('batch_size', 'BatchSize'), 10)),
        attr('function_response_types', list([str('ReportBatchItemFailures')])),
      ];
    },
  },
  aws_ecs_cluster: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'ClusterName')),
        blank,
        block('setting', [attr('name', str('containerInsights')), attr('value', str('enabled'))], {
          repeated: true,
        }),
      ];
    },
  },
  aws_ecs_task_definition: {
    concern: 'compute',
    importId: byArn,
    build(ctx) {
      const execution =
        ctx.expr('execution_role_arn', 'ExecutionRoleArn') ??
        companionRole(ctx, 'ecs-tasks.amazonaws.com', 'execution');
      const task = ctx.expr('task_role_arn', 'TaskRoleArn');
      const env = environment(ctx, (t) => TEMPLATES[t]?.envAttr);
      const container = ctx.label.replace(/_/g, '-');
      const port = ctx.literal('container_port') ?? 8080;
      const containerDef = map([
        ['name', str(container)],
        [
          'image',
          ctx.variable(`${ctx.label}_image`, {
            type: 'string',
            description: `Container image (repository:tag) of ${ctx.node.id}.`,
          }),
        ],
        ['essential', bool(true)],
        ['portMappings', list([map([['containerPort', typeof port === 'number' ? num(port) : num(8080)]])])],
        ...(env
          ? ([
              [
                'environment',
                list(
                  (env as Extract<Expr, { t: 'map' }>).entries.map(([k, v]) =>
                    map([
                      ['name', str(k)],
                      ['value', v],
                    ]),
                  ),
                ),
              ],
            ] as Array<[string, Expr]>)
          : []),
      ]);
      return [
        attr('family', ctx.physicalName('family', 'Family')),
        attr('requires_compatibilities', list([str('FARGATE')])),
        attr('network_mode', str('awsvpc')),
        attr('cpu', lit(ctx.literal('cpu', 'Cpu'), 512)),
        attr('memory', lit(ctx.literal('memory', 'Memory'), 1024)),
        attr('execution_role_arn', execution),
        ...(task ? [attr('task_role_arn', task)] : []),
        ...secretEnvTodo(ctx),
        blank,
        attr('container_definitions', call('jsonencode', list([containerDef]))),
      ];
    },
  },
  aws_ecs_service: {
    concern: 'compute',
    importId: (arn) => arn.resourceName.split('/').slice(-2).join('/'),
    build(ctx) {
      const cluster = ctx.expr('cluster', 'Cluster') ?? ref(addressOr(ctx, 'aws_ecs_cluster'), 'id');
      const taskDef =
        ctx.expr('task_definition', 'TaskDefinition') ??
        ref(addressOr(ctx, 'aws_ecs_task_definition'), 'arn');
      const desired = ctx.literal('desired_count', 'DesiredCount');
      const tg = ctx.expr('load_balancer.target_group_arn') ?? targetGroupRef(ctx);
      return [
        attr('name', ctx.physicalName('name', 'ServiceName')),
        attr('cluster', cluster),
        attr('task_definition', taskDef),
        attr('desired_count', lit(typeof desired === 'number' ? desired : undefined, 2)),
        attr('launch_type', str('FARGATE')),
        blank,
        block('network_configuration', [
          attr('subnets', ctx.subnetIds('private')),
          ...securityGroups(ctx, 'security_groups'),
          attr('assign_public_ip', bool(false)),
        ]),
        blank,
        block('deployment_circuit_breaker', [attr('enable', bool(true)), attr('rollback', bool(true))]),
        ...(tg
          ? [
              blank,
              block(
                'load_balancer',
                [
                  attr('target_group_arn', tg),
                  attr('container_name', str(String(ctx.literal('container_name') ?? 'app'))),
                  attr('container_port', num(Number(ctx.literal('container_port') ?? 8080))),
                ],
                { repeated: true },
              ),
            ]
          : []),
      ];
    },
  },
  aws_ecr_repository: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'RepositoryName')),
        attr('image_tag_mutability', str('IMMUTABLE')),
        blank,
        block('image_scanning_configuration', [attr('scan_on_push', bool(true))]),
        blank,
        block('encryption_configuration', [attr('encryption_type', str('KMS'))], { repeated: true }),
      ];
    },
  },
  aws_cloudwatch_log_group: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'LogGroupName')),
        attr('retention_in_days', lit(ctx.literal('retention_in_days', 'RetentionInDays'), 30)),
      ];
    },
  },
  aws_iam_role: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      const principal = rolePrincipal(ctx);
      return [
        attr('name', ctx.physicalName('name', 'RoleName')),
        ...(principal ? [] : [ctx.todo('which service assumes this role?')]),
        attr('assume_role_policy', assumeRolePolicy(principal ?? 'ec2.amazonaws.com')),
      ];
    },
  },
  aws_iam_role_policy: {
    concern: 'compute',
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'PolicyName')),
        ...arg(
          ctx,
          'role',
          ctx.expr('role', 'RoleName') ?? neighbourRef(ctx, ['aws_iam_role'], 'name'),
          undefined,
          'the role this policy belongs to.',
        ),
        ctx.todo('least-privilege statements for this role.'),
        attr(
          'policy',
          call(
            'jsonencode',
            map([
              ['Version', str('2012-10-17')],
              ['Statement', list([])],
            ]),
          ),
        ),
      ];
    },
  },
  aws_iam_role_policy_attachment: {
    concern: 'compute',
    build(ctx) {
      return [
        ...arg(
          ctx,
          'role',
          ctx.expr('role') ?? neighbourRef(ctx, ['aws_iam_role'], 'name'),
          undefined,
          'the role.',
        ),
        ...arg(ctx, 'policy_arn', ctx.expr('policy_arn'), undefined, 'the managed policy ARN.'),
      ];
    },
  },
  aws_appautoscaling_target: {
    concern: 'compute',
    build(ctx) {
      const service =
        ctx.neighbours('out').find((n) => n.service === 'aws_ecs_service') ??
        ctx.sameRegion('aws_ecs_service');
      const cluster = ctx.sameRegion('aws_ecs_cluster');
      const body = [
        attr('service_namespace', str('ecs')),
        attr('scalable_dimension', str('ecs:service:DesiredCount')),
        ...(service && cluster
          ? [
              attr(
                'resource_id',
                tpl('service/', ctx.ref(cluster.id, 'name'), '/', ctx.ref(service.id, 'name')),
              ),
            ]
          : [ctx.todo('the scalable resource id.'), attr('resource_id', str('service/CLUSTER/SERVICE'))]),
        attr('min_capacity', lit(ctx.literal('min_capacity', 'MinCapacity'), 2)),
        attr('max_capacity', lit(ctx.literal('max_capacity', 'MaxCapacity'), 20)),
      ];
      if (
        !ctx.graph.nodes().some((n) => n.service === 'aws_appautoscaling_policy' && n.change !== 'removed')
      ) {
        const t = (name: string) => ref(ctx.address, name);
        ctx.companion('aws_appautoscaling_policy', 'cpu', [
          attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-cpu`)),
          attr('policy_type', str('TargetTrackingScaling')),
          attr('resource_id', t('resource_id')),
          attr('scalable_dimension', t('scalable_dimension')),
          attr('service_namespace', t('service_namespace')),
          blank,
          block('target_tracking_scaling_policy_configuration', [
            attr('target_value', lit(ctx.literal('target_cpu_utilization'), 60)),
            blank,
            block('predefined_metric_specification', [
              attr('predefined_metric_type', str('ECSServiceAverageCPUUtilization')),
            ]),
          ]),
        ]);
      }
      return body;
    },
  },
  aws_appautoscaling_policy: {
    concern: 'compute',
    build(ctx) {
      const target =
        ctx.neighbours('out').find((n) => n.service === 'aws_appautoscaling_target') ??
        ctx.sameRegion('aws_appautoscaling_target');
      const t = target ? (name: string) => ctx.ref(target.id, name) : undefined;
      return [
        attr('name', ctx.physicalName('name', 'PolicyName')),
        attr('policy_type', str('TargetTrackingScaling')),
        ...(t
          ? [
              attr('resource_id', t('resource_id')),
              attr('scalable_dimension', t('scalable_dimension')),
              attr('service_namespace', t('service_namespace')),
            ]
          : [ctx.todo('the scaling target.')]),
        blank,
        block('target_tracking_scaling_policy_configuration', [
          attr('target_value', lit(ctx.literal('target_value'), 60)),
          blank,
          block('predefined_metric_specification', [
            attr('predefined_metric_type', str('ECSServiceAverageCPUUtilization')),
          ]),
        ]),
      ];
    },
  },

  aws_launch_template: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      return launchTemplateBody(ctx);
    },
  },
  aws_instance: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      const subnet =
        ctx.node.parent && ctx.graph.node(ctx.node.parent)?.kind === 'subnet' ? ctx.node.parent : undefined;
      return [
        ctx.todo('choose the AMI (a variable keeps it out of the code).'),
        attr(
          'ami',
          ctx.variable(`${ctx.label}_ami`, { type: 'string', description: `AMI of ${ctx.node.id}.` }),
        ),
        attr('instance_type', lit(ctx.literal('instance_type', 'InstanceType'), 'm6i.large')),
        ...(subnet
          ? [attr('subnet_id', ctx.ref(subnet, 'id'))]
          : [attr('subnet_id', firstOf(ctx.subnetIds('private')))]),
        ...securityGroups(ctx, 'vpc_security_group_ids', 'SecurityGroupIds'),
        attr('monitoring', bool(true)),
        blank,
        block('metadata_options', [attr('http_tokens', str('required'))]),
        blank,
        block('root_block_device', [
          attr('encrypted', bool(true)),
          attr('volume_size', lit(ctx.literal('root_volume_size'), 30)),
        ]),
      ];
    },
  },
  aws_autoscaling_group: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      const lt = ctx.companion('aws_launch_template', '', launchTemplateBody(ctx));
      const tg = ctx.neighbours('in', ['routes']).find((n) => n.service === 'aws_lb_target_group');
      const lb = ctx.neighbours('in', ['routes']).find((n) => n.service === 'aws_lb');
      let tgRef = tg ? ctx.ref(tg.id, 'arn') : undefined;
      if (!tgRef && lb) {
        const address = ctx.companion(
          'aws_lb_target_group',
          '',
          [
            attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}`)),
            attr('port', num(80)),
            attr('protocol', str('HTTP')),
            attr('vpc_id', ctx.vpcId()),
            blank,
            block('health_check', [attr('path', str('/healthz'))]),
          ],
          { concern: 'edge' },
        );
        tgRef = ref(address, 'arn');
      }
      return [
        attr('name', ctx.physicalName('name', 'AutoScalingGroupName')),
        attr('min_size', lit(ctx.literal('min_size', 'MinSize'), 2)),
        attr('max_size', lit(ctx.literal('max_size', 'MaxSize'), 4)),
        attr('desired_capacity', lit(ctx.literal('desired_capacity', 'DesiredCapacity'), 2)),
        attr('health_check_type', lit(ctx.literal('health_check_type', 'HealthCheckType'), 'ELB')),
        attr('vpc_zone_identifier', ctx.subnetIds('private')),
        ...(tgRef ? [attr('target_group_arns', list([tgRef]))] : []),
        blank,
        block('launch_template', [attr('id', ref(lt, 'id')), attr('version', str('$Latest'))]),
      ];
    },
  },
  aws_lb_target_group_attachment: {
    concern: 'edge',
    build(ctx) {
      const tg = ctx.sameRegion('aws_lb_target_group');
      const target = ctx.neighbours('out').find((n) => n.service === 'aws_instance');
      return [
        ...(tg ? [attr('target_group_arn', ctx.ref(tg.id, 'arn'))] : [ctx.todo('the target group.')]),
        ...(target
          ? [attr('target_id', ctx.ref(target.id, 'id'))]
          : [ctx.todo('the target.'), attr('target_id', str('TODO'))]),
        attr('port', lit(ctx.literal('port'), 80)),
      ];
    },
  },
  aws_iam_instance_profile: {
    concern: 'compute',
    importId: byName,
    build(ctx) {
      const role = ctx.neighbours('out').find((n) => n.service === 'aws_iam_role');
      return [
        attr('name', ctx.physicalName('name', 'InstanceProfileName')),
        ...(role ? [attr('role', ctx.ref(role.id, 'name'))] : [ctx.todo('the role of this profile.')]),
      ];
    },
  },
  aws_lambda_permission: {
    concern: 'compute',
    build(ctx) {
      const fn =
        ctx.neighbours('out').find((n) => n.service === 'aws_lambda_function') ??
        ctx.sameRegion('aws_lambda_function');
      return [
        attr(
          'statement_id',
          str(`Allow${ctx.label.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}`),
        ),
        attr('action', str('lambda:InvokeFunction')),
        ...(fn ? [attr('function_name', ctx.ref(fn.id, 'function_name'))] : [ctx.todo('the function.')]),
        attr('principal', lit(ctx.literal('principal', 'Principal'), 'apigateway.amazonaws.com')),
      ];
    },
  },
  aws_wafv2_web_acl: {
    concern: 'edge',
    importId: (arn, node) =>
      `${arn.resourceName.split('/').slice(-1)[0]}/${node.name}/${node.props.scope ?? 'REGIONAL'}`,
    build(ctx) {
      const scope = String(ctx.literal('scope', 'Scope') ?? 'REGIONAL');
      const groups = Array.isArray(ctx.node.props.managed_rule_groups)
        ? (ctx.node.props.managed_rule_groups as unknown[]).filter((g): g is string => typeof g === 'string')
        : ['AWSManagedRulesCommonRuleSet'];
      const rate = ctx.literal('rate_limit_per_5min');
      const metric = (name: string) =>
        block('visibility_config', [
          attr('cloudwatch_metrics_enabled', bool(true)),
          attr('metric_name', str(name)),
          attr('sampled_requests_enabled', bool(true)),
        ]);
      const rules: BodyItem[] = groups.map((g, i) =>
        block(
          'rule',
          [
            attr('name', str(g)),
            attr('priority', num(i + 1)),
            blank,
            block('override_action', [block('none', [])]),
            blank,
            block('statement', [
              block('managed_rule_group_statement', [attr('name', str(g)), attr('vendor_name', str('AWS'))]),
            ]),
            blank,
            metric(g),
          ],
          { repeated: true },
        ),
      );
      if (typeof rate === 'number')
        rules.push(
          block(
            'rule',
            [
              attr('name', str('rate-limit')),
              attr('priority', num(groups.length + 1)),
              blank,
              block('action', [block('block', [])]),
              blank,
              block('statement', [
                block('rate_based_statement', [
                  attr('limit', num(rate)),
                  attr('aggregate_key_type', str('IP')),
                ]),
              ]),
              blank,
              metric('rate-limit'),
            ],
            { repeated: true },
          ),
        );
      const protectedNodes = ctx
        .neighbours('out', ['access'])
        .filter(
          (n) =>
            n.service === 'aws_lb' ||
            n.service === 'aws_apigatewayv2_stage' ||
            n.service === 'aws_api_gateway_stage',
        );
      for (const target of protectedNodes)
        ctx.companion(
          'aws_wafv2_web_acl_association',
          ctx.state.addressOf.get(target.id)?.split('.')[1] ?? '',
          [attr('resource_arn', ctx.ref(target.id, 'arn')), attr('web_acl_arn', ref(ctx.address, 'arn'))],
        );
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('scope', str(scope)),
        ...(scope === 'CLOUDFRONT'
          ? [comment('CLOUDFRONT-scoped web ACLs must be created in us-east-1.')]
          : []),
        blank,
        block('default_action', [block('allow', [])]),
        ...rules.flatMap((r) => [blank, r]),
        blank,
        metric(ctx.label),
      ];
    },
  },
  aws_cloudfront_origin_access_control: {
    concern: 'edge',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('origin_access_control_origin_type', str('s3')),
        attr('signing_behavior', str('always')),
        attr('signing_protocol', str('sigv4')),
      ];
    },
  },
  aws_secretsmanager_secret_version: {
    concern: 'data',
    build(ctx) {
      return [
        ...arg(
          ctx,
          'secret_id',
          ctx.expr('secret_id', 'SecretId') ??
            neighbourRef(ctx, ['aws_secretsmanager_secret'], 'id') ??
            (ctx.graph.hasNode(`aws_secretsmanager_secret.${ctx.label}`)
              ? ctx.ref(`aws_secretsmanager_secret.${ctx.label}`, 'id')
              : undefined),
          undefined,
          'the secret.',
        ),
        ctx.todo(
          'set the secret value outside Terraform (console, CLI or a rotation Lambda); archmap never writes it.',
        ),
        attr(
          'secret_string',
          ctx.variable(`${ctx.label}_secret_value`, {
            type: 'string',
            description: `Value of ${ctx.node.id}.`,
            sensitive: true,
          }),
        ),
      ];
    },
  },
  aws_cognito_user_pool: {
    concern: 'edge',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'UserPoolName')),
        attr('mfa_configuration', str('OPTIONAL')),
        attr('deletion_protection', str('ACTIVE')),
        blank,
        block('password_policy', [attr('minimum_length', num(12))]),
        blank,
        block('software_token_mfa_configuration', [attr('enabled', bool(true))]),
      ];
    },
  },
  aws_cognito_user_pool_client: {
    concern: 'edge',
    build(ctx) {
      const pool = ctx.sameRegion('aws_cognito_user_pool');
      return [
        attr('name', ctx.physicalName('name', 'ClientName')),
        ...(pool ? [attr('user_pool_id', ctx.ref(pool.id, 'id'))] : [ctx.todo('the user pool.')]),
        attr('generate_secret', bool(false)),
      ];
    },
  },
  aws_apigatewayv2_stage: {
    concern: 'edge',
    build(ctx) {
      const api = ctx.sameRegion('aws_apigatewayv2_api');
      return [
        ...(api ? [attr('api_id', ctx.ref(api.id, 'id'))] : [ctx.todo('the API.')]),
        attr('name', lit(ctx.literal('name', 'StageName'), '$default')),
        attr('auto_deploy', bool(true)),
      ];
    },
  },

  // ── data ─────────────────────────────────────────────────────────────────────────────────────
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
  aws_iam_policy: {
    concern: 'compute',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'PolicyName')),
        ctx.todo('least-privilege statements for this policy.'),
        attr(
          'policy',
          call(
            'jsonencode',
            map([
              ['Version', str('2012-10-17')],
              ['Statement', list([])],
            ]),
          ),
        ),
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
      const secondary = global && replicationSource(ctx) !== undefined;
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
      const primary =
        ctx.neighbours('out').find((n) => n.service === 'aws_elasticache_replication_group') ??
        ctx.neighbours('in').find((n) => n.service === 'aws_elasticache_replication_group');
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
      return [
        attr('name', ctx.physicalName('name', 'TableName')),
        attr('billing_mode', lit(billing, 'PAY_PER_REQUEST')),
        attr('hash_key', str(hashKey)),
        ...(typeof rangeKey === 'string' ? [attr('range_key', str(rangeKey))] : []),
        attr('deletion_protection_enabled', bool(true)),
        ...(replicaRegions.size
          ? [attr('stream_enabled', bool(true)), attr('stream_view_type', str('NEW_AND_OLD_IMAGES'))]
          : []),
        ...attributes.flatMap((a) => [
          blank,
          block('attribute', [attr('name', str(a)), attr('type', str('S'))], { repeated: true }),
        ]),
        blank,
        block('point_in_time_recovery', [attr('enabled', bool(true))]),
        blank,
        block('server_side_encryption', [attr('enabled', bool(true))]),
        ...[...replicaRegions].sort().flatMap((r) => [
          blank,
          block('replica', [attr('region_name', str(r)), attr('point_in_time_recovery', bool(true))], {
            repeated: true,
          }),
        ]),
      ];
    },
  },
  aws_s3_bucket: {
    concern: 'data',
    envAttr: 'bucket',
    importId: byName,
    build(ctx) {
      const bucket = ctx.address;
      const id = ref(bucket, 'id');
      ctx.companion('aws_s3_bucket_public_access_block', '', [
        attr('bucket', id),
        attr('block_public_acls', bool(true)),
        attr('block_public_policy', bool(true)),
        attr('ignore_public_acls', bool(true)),
        attr('restrict_public_buckets', bool(true)),
      ]);
      ctx.companion('aws_s3_bucket_server_side_encryption_configuration', '', [
        attr('bucket', id),
        blank,
        block(
          'rule',
          [block('apply_server_side_encryption_by_default', [attr('sse_algorithm', str('aws:kms'))])],
          { repeated: true },
        ),
      ]);
      ctx.companion('aws_s3_bucket_versioning', '', [
        attr('bucket', id),
        blank,
        block('versioning_configuration', [attr('status', str('Enabled'))]),
      ]);
      const replicaTo = ctx.neighbours('out', ['replicates']).filter((n) => n.service === 'aws_s3_bucket');
      if (replicaTo.length) {
        const role = companionRole(ctx, 's3.amazonaws.com', 'replication');
        ctx.companion('aws_s3_bucket_replication_configuration', '', [
          attr('bucket', id),
          attr('role', role),
          ...replicaTo.flatMap((target, i) => [
            blank,
            block(
              'rule',
              [
                attr('id', str(`to-${ctx.state.regionOf.get(target.id) ?? target.name}`)),
                attr('status', str('Enabled')),
                ...(replicaTo.length > 1 ? [attr('priority', num(i + 1))] : []),
                blank,
                block('filter', []),
                blank,
                block('delete_marker_replication', [attr('status', str('Enabled'))]),
                blank,
                block('destination', [attr('bucket', ctx.ref(target.id, 'arn'))]),
              ],
              { repeated: true },
            ),
          ]),
        ]);
      }
      return [attr('bucket', ctx.physicalName('bucket', 'BucketName')), attr('force_destroy', bool(false))];
    },
  },
  aws_s3_bucket_public_access_block: {
    concern: 'data',
    build(ctx) {
      return [
        attr('bucket', ownBucket(ctx)),
        attr('block_public_acls', bool(true)),
        attr('block_public_policy', bool(true)),
        attr('ignore_public_acls', bool(true)),
        attr('restrict_public_buckets', bool(true)),
      ];
    },
  },
  aws_s3_bucket_policy: {
    concern: 'data',
    build(ctx) {
      return [
        attr('bucket', ownBucket(ctx)),
        ctx.todo(
          'the bucket policy (for a CloudFront origin: allow s3:GetObject to cloudfront.amazonaws.com for this distribution only).',
        ),
        attr(
          'policy',
          call(
            'jsonencode',
            map([
              ['Version', str('2012-10-17')],
              ['Statement', list([])],
            ]),
          ),
        ),
      ];
    },
  },
  aws_s3_bucket_versioning: {
    concern: 'data',
    build: (ctx) => [
      attr('bucket', ownBucket(ctx)),
      blank,
      block('versioning_configuration', [attr('status', str('Enabled'))]),
    ],
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    concern: 'data',
    build: (ctx) => [
      attr('bucket', ownBucket(ctx)),
      blank,
      block(
        'rule',
        [block('apply_server_side_encryption_by_default', [attr('sse_algorithm', str('aws:kms'))])],
        {
          repeated: true,
        },
      ),
    ],
  },

  aws_secretsmanager_secret: {
    concern: 'data',
    envAttr: 'arn',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('recovery_window_in_days', num(30)),
        comment('The secret value is never written by archmap: set it outside Terraform state.'),
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

  // ── messaging ────────────────────────────────────────────────────────────────────────────────
  aws_sqs_queue: {
    concern: 'messaging',
    envAttr: 'url',
    importId: (arn, node) =>
      propString(node, 'url', 'QueueUrl') ??
      `https://sqs.${arn.region}.amazonaws.com/${arn.account}/${arn.resourceName}`,
    build(ctx) {
      const dlq = ctx
        .neighbours('out', ['publishes'])
        .find((n) => n.kind === 'queue' && n.id !== ctx.node.id && /dlq|dead/i.test(`${n.id} ${n.name}`));
      const isDlq = /dlq|dead/i.test(ctx.node.id);
      const rawRedrive = ctx.prop('redrive_policy', 'RedrivePolicy');
      const redrive =
        rawRedrive && typeof rawRedrive === 'object' && !Array.isArray(rawRedrive)
          ? ctx.toExpr(rawRedrive)
          : undefined;
      const fifo = ctx.literal('fifo_queue', 'FifoQueue') === true;
      const consumerTimeout = ctx
        .neighbours('out', ['consumes', 'triggers'])
        .concat(ctx.neighbours('in', ['consumes']))
        .map((n) => n.props.timeout)
        .find((t): t is number => typeof t === 'number');
      const visibility = ctx.literal('visibility_timeout_seconds', 'VisibilityTimeout');
      return [
        attr('name', ctx.physicalName('name', 'QueueName')),
        ...(fifo ? [attr('fifo_queue', bool(true))] : []),
        ...(isDlq
          ? [attr('message_retention_seconds', num(1209600))]
          : [
              attr(
                'visibility_timeout_seconds',
                lit(visibility ?? (consumerTimeout ? consumerTimeout * 6 : undefined), 180),
              ),
            ]),
        attr('sqs_managed_sse_enabled', bool(true)),
        ...(redrive
          ? [blank, attr('redrive_policy', call('jsonencode', redrive))]
          : dlq
            ? [
                blank,
                attr(
                  'redrive_policy',
                  call(
                    'jsonencode',
                    map([
                      ['deadLetterTargetArn', ctx.ref(dlq.id, 'arn')],
                      ['maxReceiveCount', num(5)],
                    ]),
                  ),
                ),
              ]
            : isDlq
              ? []
              : [
                  ctx.todo(
                    'add a dead-letter queue (redrive_policy) so poison messages do not loop forever.',
                  ),
                ]),
      ];
    },
  },
  aws_sns_topic: {
    concern: 'messaging',
    envAttr: 'arn',
    importId: byArn,
    build(ctx) {
      const subscribers = ctx
        .neighbours('out', ['publishes', 'triggers', 'calls'])
        .filter((n) => n.service === 'aws_sqs_queue' || n.service === 'aws_lambda_function');
      const hasSubscriptionNodes = ctx.graph.nodes().some((n) => n.service === 'aws_sns_topic_subscription');
      if (!hasSubscriptionNodes)
        for (const s of subscribers) {
          const isQueue = s.service === 'aws_sqs_queue';
          ctx.companion(
            'aws_sns_topic_subscription',
            ctx.state.addressOf.get(s.id)?.split('.')[1] ?? s.name,
            [
              attr('topic_arn', ref(ctx.address, 'arn')),
              attr('protocol', str(isQueue ? 'sqs' : 'lambda')),
              attr('endpoint', ctx.ref(s.id, 'arn')),
              ...(isQueue ? [attr('raw_message_delivery', bool(true))] : []),
            ],
            { concern: 'messaging' },
          );
        }
      return [
        attr('name', ctx.physicalName('name', 'TopicName')),
        attr('kms_master_key_id', str('alias/aws/sns')),
      ];
    },
  },
  aws_sns_topic_subscription: {
    concern: 'messaging',
    importId: byArn,
    build(ctx) {
      return [
        ...arg(
          ctx,
          'topic_arn',
          ctx.expr('topic_arn', 'TopicArn') ?? neighbourRef(ctx, ['aws_sns_topic'], 'arn'),
          undefined,
          'the topic.',
        ),
        attr('protocol', lit(ctx.literal('protocol', 'Protocol'), 'sqs')),
        ...arg(
          ctx,
          'endpoint',
          ctx.expr('endpoint', 'Endpoint') ??
            neighbourRef(ctx, ['aws_sqs_queue', 'aws_lambda_function'], 'arn'),
          undefined,
          'the subscriber.',
        ),
      ];
    },
  },
  aws_kinesis_stream: {
    concern: 'messaging',
    envAttr: 'name',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('retention_period', lit(ctx.literal('retention_period', 'RetentionPeriodHours'), 24)),
        attr('encryption_type', str('KMS')),
        attr('kms_key_id', str('alias/aws/kinesis')),
        blank,
        block('stream_mode_details', [attr('stream_mode', str('ON_DEMAND'))]),
      ];
    },
  },
  aws_cloudwatch_event_bus: {
    concern: 'messaging',
    envAttr: 'name',
    importId: byName,
    build: (ctx) => [attr('name', ctx.physicalName('name', 'Name'))],
  },
  aws_cloudwatch_event_rule: {
    concern: 'messaging',
    importId: (arn) => arn.resourceName.replace(/^rule\//, '').replace('/', '/'),
    build(ctx) {
      const bus = ctx.sameRegion('aws_cloudwatch_event_bus');
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        ...(bus ? [attr('event_bus_name', ctx.ref(bus.id, 'name'))] : []),
        ctx.todo('the event pattern this rule matches.'),
        attr('event_pattern', call('jsonencode', map([['source', list([str(ctx.state.project)])]]))),
      ];
    },
  },
  aws_sfn_state_machine: {
    concern: 'messaging',
    envAttr: 'arn',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'StateMachineName')),
        attr('role_arn', companionRole(ctx, 'states.amazonaws.com')),
        ctx.todo('the state machine definition.'),
        attr(
          'definition',
          call(
            'jsonencode',
            map([
              ['StartAt', str('Done')],
              ['States', map([['Done', map([['Type', str('Succeed')]])]])],
            ]),
          ),
        ),
      ];
    },
  },

  // ── edge ─────────────────────────────────────────────────────────────────────────────────────
  aws_lb: {
    concern: 'edge',
    envAttr: 'dns_name',
    importId: byArn,
    build(ctx) {
      const internal = ctx.literal('internal', 'Scheme') === true || ctx.literal('Scheme') === 'internal';
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('load_balancer_type', lit(ctx.literal('load_balancer_type', 'Type'), 'application')),
        attr('internal', bool(internal)),
        ...securityGroups(ctx, 'security_groups', 'SecurityGroups'),
        attr('subnets', ctx.subnetIds(internal ? 'private' : 'public')),
        attr('drop_invalid_header_fields', bool(true)),
        attr('enable_deletion_protection', bool(true)),
      ];
    },
  },
  aws_lb_target_group: {
    concern: 'edge',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('port', lit(ctx.literal('port', 'Port'), 8080)),
        attr('protocol', lit(ctx.literal('protocol', 'Protocol'), 'HTTP')),
        attr('target_type', lit(ctx.literal('target_type', 'TargetType'), 'ip')),
        attr('vpc_id', ctx.vpcId()),
        blank,
        block('health_check', [
          attr('path', lit(ctx.literal('health_check.path'), '/healthz')),
          attr('healthy_threshold', num(2)),
          attr('unhealthy_threshold', num(3)),
        ]),
      ];
    },
  },
  aws_lb_listener: {
    concern: 'edge',
    importId: byArn,
    build(ctx) {
      const lb = ctx.expr('load_balancer_arn', 'LoadBalancerArn');
      const lbNode = ctx.sameRegion('aws_lb');
      const cert = ctx.expr('certificate_arn');
      const tg = ctx.expr('default_action.target_group_arn') ?? targetGroupRef(ctx);
      return [
        attr(
          'load_balancer_arn',
          lb ??
            (lbNode
              ? ctx.ref(lbNode.id, 'arn')
              : ctx.variable('load_balancer_arn', { type: 'string', description: 'The load balancer.' })),
        ),
        attr('port', num(443)),
        attr('protocol', str('HTTPS')),
        attr('ssl_policy', str('ELBSecurityPolicy-TLS13-1-2-2021-06')),
        ...(cert
          ? [attr('certificate_arn', cert)]
          : [
              ctx.todo('the ACM certificate for this listener.'),
              attr(
                'certificate_arn',
                ctx.variable(`${ctx.label}_certificate_arn_${ctx.region.replace(/-/g, '_')}`, {
                  type: 'string',
                  description: `ACM certificate of ${ctx.node.id} in ${ctx.region}.`,
                }),
              ),
            ]),
        blank,
        block(
          'default_action',
          [
            attr('type', str('forward')),
            ...(tg ? [attr('target_group_arn', tg)] : [ctx.todo('the target group.')]),
          ],
          { repeated: true },
        ),
      ];
    },
  },
  aws_acm_certificate: {
    concern: 'edge',
    importId: byArn,
    build(ctx) {
      return [
        attr('domain_name', ctx.expr('domain_name', 'DomainName') ?? tpl('*.', domainVar(ctx))),
        attr('validation_method', str('DNS')),
        blank,
        block('lifecycle', [attr('create_before_destroy', bool(true))]),
      ];
    },
  },
  aws_cloudfront_distribution: {
    concern: 'edge',
    envAttr: 'domain_name',
    importId: byName,
    build(ctx) {
      const origins = ctx
        .neighbours('out')
        .filter((n) => n.service === 'aws_s3_bucket' || n.service === 'aws_lb');
      const first = origins[0];
      const originBlocks = origins.map((o) =>
        block(
          'origin',
          [
            attr('origin_id', str(ctx.state.addressOf.get(o.id)?.split('.')[1] ?? o.name)),
            attr(
              'domain_name',
              ctx.ref(o.id, o.service === 'aws_s3_bucket' ? 'bucket_regional_domain_name' : 'dns_name'),
            ),
            ...(o.service === 'aws_lb'
              ? [
                  blank,
                  block('custom_origin_config', [
                    attr('http_port', num(80)),
                    attr('https_port', num(443)),
                    attr('origin_protocol_policy', str('https-only')),
                    attr('origin_ssl_protocols', list([str('TLSv1.2')])),
                  ]),
                ]
              : [ctx.todo('attach an origin access control so only CloudFront reads the bucket.')]),
          ],
          { repeated: true },
        ),
      );
      return [
        attr('enabled', bool(true)),
        attr('comment', str(ctx.node.name)),
        attr('price_class', lit(ctx.literal('price_class', 'PriceClass'), 'PriceClass_100')),
        ...(originBlocks.length ? originBlocks.flatMap((b) => [blank, b]) : [ctx.todo('add an origin.')]),
        blank,
        block('default_cache_behavior', [
          attr(
            'target_origin_id',
            str(first ? (ctx.state.addressOf.get(first.id)?.split('.')[1] ?? first.name) : 'origin'),
          ),
          attr('viewer_protocol_policy', str('redirect-to-https')),
          attr('allowed_methods', list([str('GET'), str('HEAD')])),
          attr('cached_methods', list([str('GET'), str('HEAD')])),
          comment('Managed-CachingOptimized'),
          attr('cache_policy_id', str('658327ea-f89d-4fab-a63d-7e88639e58f6')),
        ]),
        blank,
        block('restrictions', [block('geo_restriction', [attr('restriction_type', str('none'))])]),
        blank,
        ctx.todo('use an ACM certificate in us-east-1 for a custom domain.'),
        block('viewer_certificate', [attr('cloudfront_default_certificate', bool(true))]),
      ];
    },
  },
  aws_route53_zone: {
    concern: 'edge',
    importId: byName,
    build: (ctx) => [attr('name', ctx.expr('name', 'Name') ?? domainVar(ctx))],
  },
  aws_route53_health_check: {
    concern: 'edge',
    importId: byName,
    build(ctx) {
      const target = ctx.neighbours('out').find((n) => n.service === 'aws_lb');
      return [
        attr('type', str('HTTPS')),
        attr(
          'fqdn',
          ctx.expr('fqdn') ?? (target ? ctx.ref(target.id, 'dns_name') : tpl('api.', domainVar(ctx))),
        ),
        attr('port', num(443)),
        attr('resource_path', lit(ctx.literal('resource_path', 'ResourcePath'), '/healthz')),
        attr('failure_threshold', lit(ctx.literal('failure_threshold'), 3)),
        attr('request_interval', lit(ctx.literal('request_interval'), 30)),
      ];
    },
  },
  aws_route53_record: {
    concern: 'edge',
    importId: (arn, node) => propString(node, 'import_id') ?? byName(arn),
    build(ctx) {
      const zone = ctx.expr('zone_id', 'HostedZoneId') ?? zoneRef(ctx);
      const target = ctx
        .neighbours('out', ['routes', 'calls', 'depends_on'])
        .find((n) =>
          ['aws_lb', 'aws_cloudfront_distribution', 'aws_globalaccelerator_accelerator'].includes(
            n.service ?? '',
          ),
        );
      const policyProp = ctx.prop('failover_routing_policy');
      const policyType =
        policyProp && typeof policyProp === 'object'
          ? (Array.isArray(policyProp) ? policyProp[0] : policyProp)?.type
          : undefined;
      const failover = typeof policyType === 'string' ? policyType : ctx.literal('failover', 'Failover');
      const setId = ctx.literal('set_identifier', 'SetIdentifier');
      const routing = ctx.literal('routing_policy');
      const health = ctx.neighbours('out').find((n) => n.service === 'aws_route53_health_check');
      const policy: BodyItem[] = [];
      if (typeof failover === 'string')
        policy.push(blank, block('failover_routing_policy', [attr('type', str(failover))]));
      else if (routing === 'latency')
        policy.push(blank, block('latency_routing_policy', [attr('region', str(ctx.region))]));
      return [
        attr('zone_id', zone),
        attr('name', ctx.expr('name', 'Name') ?? tpl(`${ctx.label.split('_')[0]}.`, domainVar(ctx))),
        attr('type', lit(ctx.literal('type', 'Type'), 'A')),
        ...(typeof setId === 'string'
          ? [attr('set_identifier', str(setId))]
          : policy.length
            ? [attr('set_identifier', str(ctx.region))]
            : []),
        ...(ctx.expr('health_check_id')
          ? [attr('health_check_id', ctx.expr('health_check_id')!)]
          : health
            ? [attr('health_check_id', ctx.ref(health.id, 'id'))]
            : []),
        ...policy,
        blank,
        target
          ? block('alias', [
              attr(
                'name',
                ctx.ref(
                  target.id,
                  target.service === 'aws_cloudfront_distribution' ? 'domain_name' : 'dns_name',
                ),
              ),
              attr(
                'zone_id',
                ctx.ref(
                  target.id,
                  target.service === 'aws_cloudfront_distribution' ||
                    target.service === 'aws_globalaccelerator_accelerator'
                    ? 'hosted_zone_id'
                    : 'zone_id',
                ),
              ),
              attr('evaluate_target_health', bool(target.service !== 'aws_cloudfront_distribution')),
            ])
          : ctx.todo('the alias target or records of this name.'),
      ];
    },
  },
  aws_apigatewayv2_api: {
    concern: 'edge',
    envAttr: 'api_endpoint',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('protocol_type', lit(ctx.literal('protocol_type', 'ProtocolType'), 'HTTP')),
      ];
    },
  },
  aws_api_gateway_rest_api: {
    concern: 'edge',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        blank,
        block('endpoint_configuration', [attr('types', list([str('REGIONAL')]))]),
      ];
    },
  },
  aws_globalaccelerator_accelerator: {
    concern: 'edge',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('ip_address_type', str('IPV4')),
        attr('enabled', bool(true)),
      ];
    },
  },
};

/** The table, keyed by Terraform type. */
export const TEMPLATES: Readonly<Record<string, Template>> = T;

for (const [type, t] of Object.entries(T)) if (t.envAttr) envAttrs[type] = t.envAttr;

function firstOf(e: Expr): Expr {
  return e.t === 'list' && e.items[0] ? e.items[0] : call('element', e, num(0));
}

function launchTemplateBody(ctx: TemplateContext): BodyItem[] {
  return [
    attr('name_prefix', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-`)),
    ctx.todo('choose the AMI (a variable keeps it out of the code).'),
    attr(
      'image_id',
      ctx.variable(`${ctx.label}_ami`, { type: 'string', description: `AMI of ${ctx.node.id}.` }),
    ),
    attr('instance_type', lit(ctx.literal('instance_type', 'InstanceType'), 'm6i.large')),
    blank,
    block('metadata_options', [attr('http_tokens', str('required'))]),
  ];
}

/** The bucket a bucket-attachment resource belongs to: its `bucket` property, or the bucket with the same name. */
function ownBucket(ctx: TemplateContext): Expr {
  const e = ctx.expr('bucket', 'Bucket');
  if (e && e.t !== 'str') return e;
  const same = ctx.graph.node(`aws_s3_bucket.${ctx.label}`);
  if (same) return ctx.ref(same.id, 'id');
  return (
    e ?? ctx.variable(`${ctx.label}_bucket`, { type: 'string', description: `Bucket of ${ctx.node.id}.` })
  );
}

/** A reference to the first neighbour (either direction) of one of these types. */
function neighbourRef(ctx: TemplateContext, types: string[], attribute: string): Expr | undefined {
  const n = [...ctx.neighbours('out'), ...ctx.neighbours('in')].find((x) => types.includes(x.service ?? ''));
  return n ? ctx.ref(n.id, attribute) : undefined;
}

/** Which attribute an env var wants, by its name: `DATABASE_NAME` → the database name, `*_HOST` → the endpoint. */
function envAttrFor(envName: string, type: string, fallback: string | undefined): string {
  const byName: Record<string, string> = {
    aws_db_instance: 'db_name',
    aws_rds_cluster: 'database_name',
    aws_sqs_queue: 'name',
    aws_dynamodb_table: 'name',
    aws_s3_bucket: 'bucket',
    aws_lambda_function: 'function_name',
    aws_sns_topic: 'name',
  };
  if (/_ARN$/.test(envName)) return 'arn';
  if (/_URL$/.test(envName) && type === 'aws_sqs_queue') return 'url';
  if (/_PORT$/.test(envName) && (type === 'aws_db_instance' || type === 'aws_rds_cluster')) return 'port';
  if (/_(NAME|TABLE|BUCKET)$/.test(envName) && byName[type]) return byName[type]!;
  return fallback ?? 'id';
}

function addressOr(ctx: TemplateContext, type: string): string {
  const n = ctx.sameRegion(type);
  return (n && ctx.state.addressOf.get(n.id)) ?? `${type}.TODO`;
}

function targetGroupRef(ctx: TemplateContext): Expr | undefined {
  const tg = ctx.sameRegion('aws_lb_target_group');
  return tg ? ctx.ref(tg.id, 'arn') : undefined;
}

function zoneRef(ctx: TemplateContext): Expr {
  const zone = ctx.graph.nodes().find((n) => n.service === 'aws_route53_zone' && n.change !== 'removed');
  return zone
    ? ctx.ref(zone.id, 'zone_id')
    : ctx.variable('route53_zone_id', { type: 'string', description: 'The public hosted zone.' });
}

function domainVar(ctx: TemplateContext): Expr {
  return ctx.variable('domain_name', { type: 'string', description: 'Public DNS name of the service.' });
}

/** Which file a type without a template goes to. */
export function concernOfKind(kind: string): Concern {
  if (['vpc', 'subnet', 'network'].includes(kind)) return 'network';
  if (['function', 'container', 'service', 'identity'].includes(kind)) return 'compute';
  if (['queue', 'topic', 'stream'].includes(kind)) return 'messaging';
  if (['load_balancer', 'cdn', 'dns', 'api_gateway'].includes(kind)) return 'edge';
  return 'data';
}
