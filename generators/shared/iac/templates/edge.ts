// Templates for load balancers, certificates, CloudFront, Route 53, API Gateway and Global Accelerator.

import type { ArchNode } from '../../../../src/model/schema.js';
import type { TemplateContext } from '../context.js';
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
  num,
  ref,
  str,
  tpl,
} from '../hcl.js';
import {
  byArn,
  byName,
  domainVar,
  lit,
  propString,
  securityGroups,
  type Template,
  targetGroupRef,
  zoneRef,
} from './shared.js';

export const edgeTemplates: Record<string, Template> = {
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
      // Instances the group routes to are attached, unless the design lists their attachments.
      for (const inst of ctx.neighbours('out', ['routes']).filter((n) => n.service === 'aws_instance')) {
        const listed = ctx.graph
          .nodes()
          .some(
            (n) =>
              n.service === 'aws_lb_target_group_attachment' &&
              ctx.graph.outEdges(n.id).some((e) => e.to === inst.id),
          );
        if (listed) continue;
        const label = (ctx.state.addressOf.get(inst.id) ?? inst.id).split('.').pop()!.replace(/\W+/g, '_');
        ctx.companion('aws_lb_target_group_attachment', label, [
          attr('target_group_arn', ref(ctx.address, 'arn')),
          attr('target_id', ctx.ref(inst.id, 'id')),
        ]);
      }
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
    handles: ['origin_group'],
    build(ctx) {
      const origins = ctx
        .neighbours('out')
        .filter((n) => n.service === 'aws_s3_bucket' || n.service === 'aws_lb');
      const originId = (id: string) =>
        ctx.state.addressOf.get(id)?.split('.')[1] ?? ctx.graph.node(id)?.name ?? id;
      const group = originGroup(ctx, origins.map((o) => o.id).map(originId));
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
        ...(group ? [blank, group.block] : []),
        blank,
        block('default_cache_behavior', [
          attr('target_origin_id', str(group?.id ?? (first ? originId(first.id) : 'origin'))),
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
  aws_route53_zone: {
    concern: 'edge',
    importId: byName,
    build: (ctx) => [attr('name', ctx.expr('name', 'Name') ?? domainVar(ctx))],
  },
  aws_route53_health_check: {
    concern: 'edge',
    importId: byName,
    build(ctx) {
      const fqdnTarget = ctx.propTarget('fqdn');
      const target =
        (fqdnTarget && endpointHost(ctx, fqdnTarget) ? fqdnTarget : undefined) ??
        ctx.neighbours('out').find((n) => endpointHost(ctx, n));
      return [
        attr('type', str('HTTPS')),
        attr(
          'fqdn',
          (target ? endpointHost(ctx, target) : undefined) ?? ctx.expr('fqdn') ?? tpl('api.', domainVar(ctx)),
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
          [
            'aws_lb',
            'aws_cloudfront_distribution',
            'aws_globalaccelerator_accelerator',
            'aws_apigatewayv2_api',
          ].includes(n.service ?? ''),
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
        target?.service === 'aws_apigatewayv2_api'
          ? apiAlias(
              ctx,
              target,
              ctx.expr('name', 'Name') ?? tpl(`${ctx.label.split('_')[0]}.`, domainVar(ctx)),
            )
          : target
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
    handles: ['throttling_rate_limit', 'throttling_burst_limit'],
    build(ctx) {
      apiRoutes(ctx);
      const hasStage = ctx.neighbours('in').some((n) => n.service === 'aws_apigatewayv2_stage');
      if (!hasStage && ctx.prop('throttling_rate_limit') !== undefined)
        ctx.companion('aws_apigatewayv2_stage', 'default', [
          attr('api_id', ref(ctx.address, 'id')),
          attr('name', str('$default')),
          attr('auto_deploy', bool(true)),
          ...stageThrottle(ctx.node.props),
        ]);
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('protocol_type', lit(ctx.literal('protocol_type', 'ProtocolType'), 'HTTP')),
      ];
    },
  },
  aws_apigatewayv2_stage: {
    concern: 'edge',
    build(ctx) {
      const api =
        ctx.neighbours('out').find((n) => n.service === 'aws_apigatewayv2_api') ??
        ctx.sameRegion('aws_apigatewayv2_api');
      return [
        ...(api ? [attr('api_id', ctx.ref(api.id, 'id'))] : [ctx.todo('the API.')]),
        attr('name', lit(ctx.literal('name', 'StageName'), '$default')),
        attr('auto_deploy', bool(true)),
        ...stageThrottle({ ...(api?.props ?? {}), ...ctx.node.props }),
      ];
    },
  },
  aws_apigatewayv2_authorizer: {
    concern: 'edge',
    build(ctx) {
      const api =
        ctx.neighbours('in').find((n) => n.service === 'aws_apigatewayv2_api') ??
        ctx.sameRegion('aws_apigatewayv2_api');
      const pool = ctx.neighbours('out').find((n) => n.service === 'aws_cognito_user_pool');
      const client = ctx.neighbours('out').find((n) => n.service === 'aws_cognito_user_pool_client');
      return [
        ...(api ? [attr('api_id', ctx.ref(api.id, 'id'))] : [ctx.todo('the API.')]),
        attr('name', ctx.physicalName('name', 'Name')),
        attr('authorizer_type', lit(ctx.literal('authorizer_type', 'AuthorizerType'), 'JWT')),
        attr('identity_sources', list([str('$request.header.Authorization')])),
        ...(pool || client
          ? [
              blank,
              block('jwt_configuration', [
                ...(client ? [attr('audience', list([ctx.ref(client.id, 'id')]))] : []),
                ...(pool ? [attr('issuer', tpl('https://', ctx.ref(pool.id, 'endpoint')))] : []),
              ]),
            ]
          : []),
      ];
    },
  },
  aws_api_gateway_rest_api: {
    concern: 'edge',
    importId: byName,
    handles: ['throttling_rate_limit', 'throttling_burst_limit'],
    build(ctx) {
      const rate = ctx.prop('throttling_rate_limit');
      const burst = ctx.prop('throttling_burst_limit');
      // A REST API's throttle lives on its stage's method settings (`*/*` = every method), not on the API.
      if (typeof rate === 'number' || typeof burst === 'number') {
        const stage = ctx.neighbours('in').find((n) => n.service === 'aws_api_gateway_stage');
        ctx.companion('aws_api_gateway_method_settings', 'throttle', [
          attr('rest_api_id', ref(ctx.address, 'id')),
          attr(
            'stage_name',
            stage
              ? ctx.ref(stage.id, 'stage_name')
              : ctx.variable(`${ctx.label}_stage_name`, {
                  type: 'string',
                  description: `Stage of ${ctx.node.id} whose methods get the throttle.`,
                }),
          ),
          attr('method_path', str('*/*')),
          blank,
          block('settings', [
            ...(typeof burst === 'number' ? [attr('throttling_burst_limit', num(burst))] : []),
            ...(typeof rate === 'number' ? [attr('throttling_rate_limit', num(rate))] : []),
          ]),
        ]);
      }
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

/** `default_route_settings` with the throttle the design sets on the API (or its stage). */
function stageThrottle(props: Record<string, unknown>): BodyItem[] {
  const rate = props.throttling_rate_limit;
  const burst = props.throttling_burst_limit;
  if (typeof rate !== 'number' && typeof burst !== 'number') return [];
  return [
    blank,
    block('default_route_settings', [
      ...(typeof burst === 'number' ? [attr('throttling_burst_limit', num(burst))] : []),
      ...(typeof rate === 'number' ? [attr('throttling_rate_limit', num(rate))] : []),
    ]),
  ];
}

/**
 * Routes of an HTTP API from its `routes` edges (label `GET /orders/{id}`): one Lambda proxy integration per
 * function and one route per label, unless the design already lists route resources of its own.
 */
function apiRoutes(ctx: TemplateContext) {
  if (ctx.graph.nodes().some((n) => n.service === 'aws_apigatewayv2_route' && n.change !== 'removed')) return;
  const edges = ctx.graph
    .outEdges(ctx.node.id)
    .filter((e) => e.kind === 'routes' && e.change !== 'removed')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const integrations = new Map<string, string>();
  for (const e of edges) {
    const fn = ctx.graph.node(e.to);
    if (fn?.service !== 'aws_lambda_function' || fn.change === 'removed') continue;
    let integration = integrations.get(fn.id);
    if (!integration) {
      const fnLabel = (ctx.state.addressOf.get(fn.id) ?? fn.id).split('.').pop()!.replace(/\W+/g, '_');
      integration = ctx.companion(
        'aws_apigatewayv2_integration',
        fnLabel,
        [
          attr('api_id', ref(ctx.address, 'id')),
          attr('integration_type', str('AWS_PROXY')),
          attr('integration_uri', ctx.ref(fn.id, 'invoke_arn')),
          attr('payload_format_version', str('2.0')),
        ],
        { name: `${ctx.label}_${fnLabel}` },
      );
      integrations.set(fn.id, integration);
      const hasPermission = ctx.graph
        .nodes()
        .some(
          (n) =>
            n.service === 'aws_lambda_permission' &&
            n.change !== 'removed' &&
            ctx.graph.outEdges(n.id).some((x) => x.to === ctx.node.id),
        );
      if (!hasPermission)
        ctx.companion(
          'aws_lambda_permission',
          fnLabel,
          [
            attr('statement_id', str('AllowHttpApiInvoke')),
            attr('action', str('lambda:InvokeFunction')),
            attr('function_name', ctx.ref(fn.id, 'function_name')),
            attr('principal', str('apigateway.amazonaws.com')),
            attr('source_arn', tpl(ref(ctx.address, 'execution_arn'), '/*/*')),
          ],
          { name: `${ctx.label}_${fnLabel}` },
        );
    }
    const routeKey =
      e.label && /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//.test(e.label) ? e.label : '$default';
    const routeLabel =
      routeKey === '$default'
        ? 'default'
        : routeKey
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '_')
            .replace(/^_|_$/g, '');
    ctx.companion(
      'aws_apigatewayv2_route',
      routeLabel,
      [
        attr('api_id', ref(ctx.address, 'id')),
        attr('route_key', str(routeKey)),
        attr('target', tpl('integrations/', ref(integration, 'id'))),
      ],
      { name: `${ctx.label}_${routeLabel}` },
    );
  }
}

/**
 * The design's `origin_group` (`{ failover_criteria: [500…], members: [node ids] }`) as the provider's block:
 * `failover_criteria { status_codes }` and one `member` per origin. Members that are not origins of this
 * distribution are left out; fewer than two left means no group.
 */
function originGroup(ctx: TemplateContext, originIds: string[]): { id: string; block: BodyItem } | undefined {
  const spec = ctx.prop('origin_group');
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  const { failover_criteria: codes, members } = spec as { failover_criteria?: unknown; members?: unknown };
  const memberIds = (Array.isArray(members) ? members : [])
    .filter((m): m is string => typeof m === 'string')
    .map((m) => ctx.state.addressOf.get(m)?.split('.')[1] ?? m)
    .filter((m) => originIds.includes(m));
  if (memberIds.length < 2) return undefined;
  const statusCodes = (Array.isArray(codes) ? codes : [500, 502, 503, 504]).filter(
    (c): c is number => typeof c === 'number',
  );
  const id = `${ctx.label}_failover`;
  return {
    id,
    block: block(
      'origin_group',
      [
        attr('origin_id', str(id)),
        blank,
        block('failover_criteria', [attr('status_codes', list(statusCodes.map((c) => num(c))))]),
        ...memberIds.flatMap((m) => [
          blank,
          block('member', [attr('origin_id', str(m))], { repeated: true }),
        ]),
      ],
      { repeated: true },
    ),
  };
}

/** The host name a health check or DNS record reaches an endpoint by (an HTTP API's endpoint minus `https://`). */
function endpointHost(ctx: TemplateContext, n: ArchNode): Expr | undefined {
  if (n.service === 'aws_lb') return ctx.ref(n.id, 'dns_name');
  if (n.service === 'aws_cloudfront_distribution') return ctx.ref(n.id, 'domain_name');
  if (n.service === 'aws_apigatewayv2_api')
    return call('replace', ctx.ref(n.id, 'api_endpoint'), str('https://'), str(''));
  return undefined;
}

/**
 * A DNS name for an HTTP API: a regional custom domain (with its certificate) mapped to the API, and an alias to
 * the domain's regional target. Route 53 failover between regions needs exactly this per region.
 */
function apiAlias(ctx: TemplateContext, api: ArchNode, name: Expr): BodyItem {
  const region = ctx.state.regionOf.get(api.id) ?? ctx.region;
  const cert = ctx.graph
    .nodes()
    .find(
      (n) =>
        n.service === 'aws_acm_certificate' &&
        n.change !== 'removed' &&
        ctx.state.regionOf.get(n.id) === region,
    );
  const label = ctx.state.addressOf.get(api.id)?.split('.')[1] ?? ctx.label;
  const domain = ctx.companion(
    'aws_apigatewayv2_domain_name',
    '',
    [
      attr('domain_name', name),
      blank,
      block('domain_name_configuration', [
        attr(
          'certificate_arn',
          cert
            ? ctx.ref(cert.id, 'arn')
            : ctx.variable(`certificate_arn_${region.replace(/-/g, '_')}`, {
                type: 'string',
                description: `ACM certificate for the API's custom domain in ${region}.`,
              }),
        ),
        attr('endpoint_type', str('REGIONAL')),
        attr('security_policy', str('TLS_1_2')),
      ]),
    ],
    { region, name: label, concern: 'edge' },
  );
  ctx.companion(
    'aws_apigatewayv2_api_mapping',
    '',
    [
      attr('api_id', ctx.ref(api.id, 'id')),
      attr('domain_name', ref(domain, 'id')),
      attr('stage', str('$default')),
    ],
    { region, name: label, concern: 'edge' },
  );
  return block('alias', [
    attr('name', ref(domain, 'domain_name_configuration[0].target_domain_name')),
    attr('zone_id', ref(domain, 'domain_name_configuration[0].hosted_zone_id')),
    attr('evaluate_target_health', bool(true)),
  ]);
}
