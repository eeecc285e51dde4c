// Templates for IAM roles and policies, WAF, Secrets Manager and Cognito.
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
  map,
  num,
  ref,
  str,
  tpl,
} from '../hcl.js';
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
        attr('policy', policyDocument(ctx)),
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

/** The policy the source declares (ARNs of generated resources become references), else one from its edges. */
function policyDocument(ctx: TemplateContext): Expr {
  const raw = ctx.prop('policy', 'PolicyDocument');
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      doc = undefined;
    }
  }
  if (doc && typeof doc === 'object' && Array.isArray((doc as { Statement?: unknown }).Statement)) {
    const e = policyExpr(ctx, doc);
    if (e) return call('jsonencode', e);
  }
  const statements: Expr[] = [];
  for (const t of ctx.neighbours('out', ['access'])) {
    const actions = ACCESS_ACTIONS[t.service ?? ''];
    if (actions)
      statements.push(
        map([
          ['Effect', str('Allow')],
          ['Action', list(actions.map(str))],
          ['Resource', ctx.ref(t.id, 'arn')],
        ]),
      );
  }
  return call(
    'jsonencode',
    map([
      ['Version', str('2012-10-17')],
      ['Statement', list(statements)],
    ]),
  );
}

const ACCESS_ACTIONS: Record<string, string[]> = {
  aws_dynamodb_table: [
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
  aws_sqs_queue: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  aws_sns_topic: ['sns:Publish'],
  aws_s3_bucket: ['s3:GetObject', 's3:PutObject'],
  aws_secretsmanager_secret: ['secretsmanager:GetSecretValue'],
};

/** JSON of a policy document as HCL: keys kept in source order, ARNs of known resources as references. */
function policyExpr(ctx: TemplateContext, v: unknown): Expr | undefined {
  if (typeof v === 'string') {
    if (v.startsWith('arn:')) {
      const [base, ...rest] = v.split(/(?=\/\*$)/);
      const e = ctx.toExpr(base, 'arn');
      if (e) return rest.length ? tpl(e, rest.join('')) : e;
    }
    return str(v);
  }
  if (typeof v === 'number') return { t: 'num', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (Array.isArray(v)) {
    const items = v.map((x) => policyExpr(ctx, x));
    return items.every((x): x is Expr => x !== undefined) ? list(items) : undefined;
  }
  if (v && typeof v === 'object') {
    const entries: Array<[string, Expr]> = [];
    for (const [k, x] of Object.entries(v)) {
      const e = policyExpr(ctx, x);
      if (!e) return undefined;
      entries.push([k, e]);
    }
    // Terraform users write Version first; JSON from state sorts it last.
    entries.sort(([a], [b]) => (a === 'Version' ? -1 : b === 'Version' ? 1 : 0));
    return map(entries);
  }
  return undefined;
}
