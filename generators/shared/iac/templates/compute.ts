// Templates for Lambda, ECS, ECR, log groups, autoscaling and EC2.
import type { ArchNode } from '../../../../src/model/schema.js';
import type { TemplateContext } from '../context.js';
import { attr, blank, block, bool, call, type Expr, list, map, num, ref, str, tpl } from '../hcl.js';
import {
  addressOr,
  arg,
  byArn,
  byName,
  companionRole,
  envAttrs,
  environment,
  firstOf,
  launchTemplateBody,
  lit,
  neighbourRef,
  secretEnvTodo,
  securityGroups,
  type Template,
  targetGroupRef,
} from './shared.js';

export const computeTemplates: Record<string, Template> = {
  aws_lambda_function: {
    concern: 'compute',
    envAttr: 'function_name',
    importId: byName,
    build(ctx) {
      const role = ctx.expr('role', 'Role') ?? companionRole(ctx, 'lambda.amazonaws.com');
      const inVpc = ctx.vpc() !== undefined;
      const env = environment(ctx, (t) => envAttrs[t]);
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
  aws_servicequotas_service_quota: {
    concern: 'compute',
    build(ctx) {
      return [
        attr('service_code', lit(ctx.literal('service_code', 'ServiceCode'), 'lambda')),
        ...arg(
          ctx,
          'quota_code',
          ctx.expr('quota_code', 'QuotaCode'),
          undefined,
          'the quota code (Service Quotas console).',
        ),
        ...arg(ctx, 'value', ctx.expr('value', 'DesiredValue'), undefined, 'the value to request.'),
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
      const env = environment(ctx, (t) => envAttrs[t]);
      const first = firstContainer(ctx.node);
      const container = first?.name ?? ctx.label.replace(/_/g, '-');
      const port = first?.port ?? ctx.literal('container_port') ?? 8080;
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
      const lb = serviceLoadBalancer(ctx);
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
                  attr('container_name', str(lb.name)),
                  attr('container_port', num(lb.port)),
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
};

/** The first container of a task definition, from its `container_definitions` (JSON text or a list). */
function firstContainer(node: ArchNode): { name: string; port?: number } | undefined {
  let defs: unknown = node.props.container_definitions ?? node.props.ContainerDefinitions;
  if (typeof defs === 'string') {
    try {
      defs = JSON.parse(defs);
    } catch {
      return undefined;
    }
  }
  const first = Array.isArray(defs) ? (defs[0] as Record<string, unknown> | undefined) : undefined;
  const name = first?.name ?? first?.Name;
  if (typeof name !== 'string') return undefined;
  const mappings = (first?.portMappings ?? first?.PortMappings) as Array<Record<string, unknown>> | undefined;
  const port = mappings?.[0]?.containerPort ?? mappings?.[0]?.ContainerPort;
  return typeof port === 'number' ? { name, port } : { name };
}

/**
 * The container a service's load balancer sends traffic to: the service's own `load_balancer` block, else the
 * first container of its task definition. A wrong name here fails the apply, so it is never invented when known.
 */
function serviceLoadBalancer(ctx: TemplateContext): { name: string; port: number } {
  const lb = ctx.prop('load_balancer', 'LoadBalancers');
  const entry = (Array.isArray(lb) ? lb[0] : lb) as Record<string, unknown> | undefined;
  const name = entry?.container_name ?? entry?.ContainerName;
  const port = entry?.container_port ?? entry?.ContainerPort;
  const task =
    ctx.propTarget('task_definition') ??
    ctx.neighbours('out').find((n) => n.service === 'aws_ecs_task_definition');
  const def = task ? firstContainer(task) : undefined;
  return {
    name:
      typeof name === 'string' && name ? name : (def?.name ?? String(ctx.literal('container_name') ?? 'app')),
    port: typeof port === 'number' ? port : (def?.port ?? Number(ctx.literal('container_port') ?? 8080)),
  };
}
