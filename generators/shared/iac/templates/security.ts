// Templates for IAM roles and policies, WAF, Secrets Manager and Cognito.
import { attr, type BodyItem, blank, block, bool, call, comment, list, map, num, ref, str } from '../hcl.js';
import {
  arg,
  assumeRolePolicy,
  byArn,
  byName,
  neighbourRef,
  rolePrincipal,
  type Template,
} from './shared.js';

export const securityTemplates: Record<string, Template> = {
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
};
