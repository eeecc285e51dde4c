// Templates for load balancers, certificates, CloudFront, Route 53, API Gateway and Global Accelerator.
import { attr, type BodyItem, blank, block, bool, comment, list, num, str, tpl } from '../hcl.js';
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
