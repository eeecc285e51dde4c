// Helpers shared by the per-family template tables: argument fallbacks, companion resources, references
// to neighbours and the `Template` contract itself.
import type { ParsedArn } from '../../../../src/catalog/index.js';
import type { ArchNode } from '../../../../src/model/schema.js';
import { isRedacted, looksLikeSecretName } from '../../../../src/model/secrets.js';
import type { TemplateContext } from '../context.js';
import {
  attr,
  type BodyItem,
  blank,
  block,
  bool,
  call,
  type Expr,
  list,
  map,
  num,
  ref,
  str,
  tpl,
} from '../hcl.js';
import type { Concern } from '../types.js';

export interface Template {
  concern: Concern;
  /** The id `terraform import` expects for this type, from the live resource's ARN and properties. */
  importId?: (arn: ParsedArn, node: ArchNode) => string | undefined;
  /** The attribute an environment variable of a compute resource should reference (queue URL, table name…). */
  envAttr?: string;
  /** Changed properties the template writes under other names or into companions (not emitted generically). */
  handles?: readonly string[];
  build(ctx: TemplateContext): BodyItem[];
}

export const lastSegment = (arn: ParsedArn) =>
  arn.resourceName.split(/[/:]/).filter(Boolean).pop() ?? arn.resourceName;
export const byName = (arn: ParsedArn) => lastSegment(arn);
export const byArn = (arn: ParsedArn) =>
  `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
export const propString = (node: ArchNode, ...keys: string[]) => {
  for (const k of keys) if (typeof node.props[k] === 'string') return node.props[k] as string;
  return undefined;
};

/** `attr` when the expression is known, otherwise the fallback (and a TODO when one is given). */
export function arg(
  ctx: TemplateContext,
  name: string,
  value: Expr | undefined,
  fallback?: Expr,
  todo?: string,
) {
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

export const lit = (v: string | number | boolean | undefined, fallback: string | number | boolean): Expr => {
  const x = v ?? fallback;
  return typeof x === 'string' ? str(x) : typeof x === 'number' ? num(x) : bool(x);
};

export const CIDR = /^\d+\.\d+\.\d+\.\d+\/\d+$/;

/** A service principal for an IAM role, inferred from the resources that use it. */
export function rolePrincipal(ctx: TemplateContext): string | undefined {
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

export function assumeRolePolicy(principal: string): Expr {
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

/** IAM actions per target type and edge kind: what a least-privilege grant for that traffic needs. */
const ACTIONS: Record<
  string,
  Partial<Record<'reads' | 'writes' | 'publishes' | 'consumes' | 'calls', string[]>>
> = {
  aws_dynamodb_table: {
    reads: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'],
    writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  },
  aws_dynamodb_table_replica: {
    reads: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'],
    writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  },
  aws_dax_cluster: {
    reads: ['dax:GetItem', 'dax:Query', 'dax:Scan', 'dax:BatchGetItem'],
    writes: ['dax:PutItem', 'dax:UpdateItem', 'dax:DeleteItem', 'dax:BatchWriteItem'],
  },
  aws_sqs_queue: {
    publishes: ['sqs:SendMessage'],
    writes: ['sqs:SendMessage'],
    consumes: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  },
  aws_sns_topic: { publishes: ['sns:Publish'], writes: ['sns:Publish'] },
  aws_kinesis_stream: {
    publishes: ['kinesis:PutRecord', 'kinesis:PutRecords'],
    writes: ['kinesis:PutRecord', 'kinesis:PutRecords'],
  },
  aws_cloudwatch_event_bus: { publishes: ['events:PutEvents'], writes: ['events:PutEvents'] },
  aws_s3_bucket: { reads: ['s3:GetObject'], writes: ['s3:PutObject'] },
  aws_secretsmanager_secret: { reads: ['secretsmanager:GetSecretValue'] },
  aws_lambda_function: { calls: ['lambda:InvokeFunction'] },
  aws_sfn_state_machine: { calls: ['states:StartExecution'] },
};

/** A table's stream and a bucket's objects live under their own ARNs. */
function resourceArns(ctx: TemplateContext, target: ArchNode, kind: string): Expr[] {
  const arn = ctx.ref(target.id, 'arn');
  if (target.service === 'aws_s3_bucket') return [tpl(arn, '/*')];
  if (target.service === 'aws_dynamodb_table' && kind === 'reads') return [arn, tpl(arn, '/index/*')];
  return [arn];
}

/**
 * Least-privilege statements for the traffic a node sends (reads, writes, publishes, calls) and the queues it
 * consumes, one statement per target, from the graph's edges.
 */
export function trafficStatements(ctx: TemplateContext): Expr[] {
  const grants = new Map<string, { target: ArchNode; actions: Set<string>; kinds: Set<string> }>();
  const add = (target: ArchNode, kind: 'reads' | 'writes' | 'publishes' | 'consumes' | 'calls') => {
    const actions = ACTIONS[target.service ?? '']?.[kind];
    if (!actions) return;
    const g = grants.get(target.id) ?? { target, actions: new Set<string>(), kinds: new Set<string>() };
    for (const a of actions) g.actions.add(a);
    g.kinds.add(kind);
    grants.set(target.id, g);
  };
  for (const kind of ['reads', 'writes', 'publishes', 'calls'] as const)
    for (const t of ctx.neighbours('out', [kind])) add(t, kind);
  for (const t of ctx.neighbours('in', ['consumes'])) add(t, 'consumes');
  return [...grants.values()]
    .sort((a, b) => (a.target.id < b.target.id ? -1 : 1))
    .map((g) => {
      const arns = [...g.kinds].flatMap((k) => resourceArns(ctx, g.target, k));
      const unique = arns.filter(
        (a, i) => arns.findIndex((b) => JSON.stringify(b) === JSON.stringify(a)) === i,
      );
      return map([
        ['Effect', str('Allow')],
        ['Action', list([...g.actions].sort().map(str))],
        ['Resource', unique.length === 1 ? unique[0]! : list(unique)],
      ]);
    });
}

/** An IAM role for a compute node that the graph does not give one, with a policy for the traffic it sends. */
export function companionRole(ctx: TemplateContext, principal: string, suffix = 'role'): Expr {
  const statements = trafficStatements(ctx);
  const address = ctx.companion('aws_iam_role', suffix, [
    attr('name', tpl(ctx.projectVar(), `-${ctx.label.replace(/_/g, '-')}-${suffix.replace(/_/g, '-')}`)),
    attr('assume_role_policy', assumeRolePolicy(principal)),
  ]);
  if (statements.length)
    ctx.companion('aws_iam_role_policy', suffix, [
      attr('name', str('traffic')),
      attr('role', ref(address, 'id')),
      attr(
        'policy',
        call(
          'jsonencode',
          map([
            ['Version', str('2012-10-17')],
            ['Statement', list(statements)],
          ]),
        ),
      ),
    ]);
  return ref(address, 'arn');
}

/** Env vars of a compute node: references to generated resources when the graph knows the binding. */
export function environment(
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

export function secretEnvTodo(ctx: TemplateContext): BodyItem[] {
  const env = (ctx.node.props.env ?? {}) as Record<string, unknown>;
  const secret = Object.entries(env)
    .filter(([k, v]) => isSecretSetting(k) || isRedacted(v))
    .map(([k]) => k)
    .sort();
  return secret.length
    ? [ctx.todo(`${secret.join(', ')} must come from Secrets Manager or SSM, never a plain value.`)]
    : [];
}

export function securityGroups(ctx: TemplateContext, tf: string, cfn?: string): BodyItem[] {
  const e = ctx.expr(tf, cfn);
  if (e) return [attr(tf, e)];
  return [ctx.todo(`attach the security groups that admit only the callers of ${ctx.node.id}.`)];
}

export function dbSubnetGroup(
  ctx: TemplateContext,
  type: 'aws_db_subnet_group' | 'aws_elasticache_subnet_group',
) {
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
export function replicaPeers(ctx: TemplateContext): ArchNode[] {
  return [...ctx.neighbours('out', ['replicates']), ...ctx.neighbours('in', ['replicates'])];
}

export function replicationSource(ctx: TemplateContext): ArchNode | undefined {
  return ctx.neighbours('in', ['replicates']).find((n) => n.service === ctx.node.service);
}

/** The attribute an environment variable should reference, per type (filled by the table in index.ts). */
export const envAttrs: Record<string, string> = {};

export function firstOf(e: Expr): Expr {
  return e.t === 'list' && e.items[0] ? e.items[0] : call('element', e, num(0));
}

export function launchTemplateBody(ctx: TemplateContext): BodyItem[] {
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
export function ownBucket(ctx: TemplateContext): Expr {
  const e = ctx.expr('bucket', 'Bucket');
  if (e && e.t !== 'str') return e;
  const same = ctx.graph.node(`aws_s3_bucket.${ctx.label}`);
  if (same) return ctx.ref(same.id, 'id');
  return (
    e ?? ctx.variable(`${ctx.label}_bucket`, { type: 'string', description: `Bucket of ${ctx.node.id}.` })
  );
}

/** A reference to the first neighbour (either direction) of one of these types. */
export function neighbourRef(ctx: TemplateContext, types: string[], attribute: string): Expr | undefined {
  const n = [...ctx.neighbours('out'), ...ctx.neighbours('in')].find((x) => types.includes(x.service ?? ''));
  return n ? ctx.ref(n.id, attribute) : undefined;
}

/** Which attribute an env var wants, by its name: `DATABASE_NAME` → the database name, `*_HOST` → the endpoint. */
export function envAttrFor(envName: string, type: string, fallback: string | undefined): string {
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

export function addressOr(ctx: TemplateContext, type: string): string {
  const n = ctx.sameRegion(type);
  return (n && ctx.state.addressOf.get(n.id)) ?? `${type}.TODO`;
}

export function targetGroupRef(ctx: TemplateContext): Expr | undefined {
  const tg = ctx.sameRegion('aws_lb_target_group');
  return tg ? ctx.ref(tg.id, 'arn') : undefined;
}

export function zoneRef(ctx: TemplateContext): Expr {
  const zone = ctx.graph.nodes().find((n) => n.service === 'aws_route53_zone' && n.change !== 'removed');
  return zone
    ? ctx.ref(zone.id, 'zone_id')
    : ctx.variable('route53_zone_id', { type: 'string', description: 'The public hosted zone.' });
}

export function domainVar(ctx: TemplateContext): Expr {
  return ctx.variable('domain_name', { type: 'string', description: 'Public DNS name of the service.' });
}
