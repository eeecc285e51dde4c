// Plans a scaffold: which nodes become which resources, in which file and region, with which references.
// Both the terraform (HCL) and the cdktf (TypeScript) generators render this plan.
import { lookupArn, parseArn } from '../../../src/catalog/index.js';
import { UsageError } from '../../../src/model/errors.js';
import type { ArchGraph } from '../../../src/model/graph.js';
import { isGroupKind } from '../../../src/model/kinds.js';
import type { ArchNode, ChangeOp } from '../../../src/model/schema.js';
import { changedProps, emitChangedProps, missingOperations } from './changes.js';
import { type PlanState, TemplateContext } from './context.js';
import { attr, type BodyItem, blank, block, type Expr, list, ref, str, tpl } from './hcl.js';
import { identifier, parseAddress, resourceLabel } from './names.js';
import { concernOfKind, isSecretSetting, TEMPLATES } from './templates/index.js';
import type { PlannedOutput, PlannedResource, ScaffoldPlan } from './types.js';

export interface ScaffoldOptions {
  /** Only resources the ChangeSet adds or modifies; references to the rest become variables. */
  onlyChanges?: boolean;
  /** Prefix for physical names; defaults to the graph name. */
  project?: string;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The Terraform type of a node: its `service`, or the catalog type of its ARN. */
export function terraformType(node: ArchNode): string | undefined {
  if (node.service?.startsWith('aws_')) return node.service;
  if (node.provider === 'aws') return lookupArn(node.id)?.tfType;
  return undefined;
}

function isLive(node: ArchNode): string | undefined {
  if (node.sources.some((s) => s.analyzer === 'terraform')) return undefined;
  return (
    node.sources.find((s) => s.analyzer === 'aws' && s.arn)?.arn ??
    (node.id.startsWith('arn:') && node.sources.some((s) => s.analyzer === 'aws') ? node.id : undefined)
  );
}

function regionOf(graph: ArchGraph, node: ArchNode): string | undefined {
  if (node.region) return node.region;
  for (const a of graph.ancestors(node.id)) {
    if (a.region) return a.region;
    if (a.kind === 'region') return a.id.replace(/^region:/, '');
  }
  const arn = parseArn(node.id);
  return arn?.region || undefined;
}

/** The region most existing resources live in. */
function primaryRegion(graph: ArchGraph): string {
  const counts = new Map<string, number>();
  for (const n of graph.nodes()) {
    if (n.change === 'added' || isGroupKind(n.kind)) continue;
    const r = regionOf(graph, n);
    if (r && r !== 'global') counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const fromScenario = graph.changeset?.scenario?.params?.primaryRegion;
  if (typeof fromScenario === 'string') return fromScenario;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return sorted[0]?.[0] ?? 'us-east-1';
}

/** node id → the rationale the ChangeSet gives for touching it. */
export function rationales(graph: ArchGraph): Map<string, { op: ChangeOp['op']; rationale: string }> {
  const out = new Map<string, { op: ChangeOp['op']; rationale: string }>();
  for (const op of graph.changeset?.ops ?? []) {
    const id = op.op === 'add_node' ? op.node.id : 'id' in op && !op.op.endsWith('edge') ? op.id : undefined;
    if (id && !out.has(id)) out.set(id, { op: op.op, rationale: op.rationale });
  }
  return out;
}

const NAME_ATTRS = [
  'name',
  'bucket',
  'function_name',
  'identifier',
  'cluster_identifier',
  'replication_group_id',
  'family',
];

interface Group {
  type: string;
  label: string;
  nodes: ArchNode[];
  keys: Array<number | string>;
}

/**
 * Plans the scaffold of a (revised) graph.
 * @example
 * const plan = planScaffold(graph, { onlyChanges: true });
 */
export function planScaffold(graph: ArchGraph, options: ScaffoldOptions = {}): ScaffoldPlan {
  const project = identifier(options.project ?? projectTag(graph) ?? 'app').replace(/_/g, '-');
  const primary = primaryRegion(graph);
  const state: PlanState = {
    graph,
    project,
    primaryRegion: primary,
    addressOf: new Map(),
    regionOf: new Map(),
    variables: new Map(),
    resources: [],
    physicalNames: new Map(),
    usedAddresses: new Set(),
  };
  const plan: ScaffoldPlan = {
    project,
    primaryRegion: primary,
    regions: [],
    resources: [],
    variables: [],
    outputs: [],
    skipped: [],
    removed: [],
    unwired: [],
  };
  const why = rationales(graph);
  const changed = changedProps(graph);

  for (const n of graph.nodes()) state.regionOf.set(n.id, regionOf(graph, n) ?? primary);

  // 1. Which nodes become resources.
  const groups = new Map<string, Group>();
  for (const node of graph.nodes().sort(byId)) {
    if (node.change === 'removed') {
      if (terraformType(node)) {
        const r = why.get(node.id)?.rationale;
        plan.removed.push(r ? { nodeId: node.id, rationale: r } : { nodeId: node.id });
      }
      continue;
    }
    if (node.id.startsWith('data.') || /\.data\./.test(node.id)) continue;
    const type = terraformType(node);
    if (!type) {
      if (!isGroupKind(node.kind) || node.provider === 'aws')
        plan.skipped.push({ nodeId: node.id, reason: skipReason(node) });
      continue;
    }
    if (options.onlyChanges && node.change !== 'added' && node.change !== 'modified') continue;
    const addr = parseAddress(node.id);
    const label = resourceLabel(node);
    const key = `${type}.${label}`;
    const group = groups.get(key);
    if (group && addr?.key !== undefined && group.keys.length > 0) {
      group.nodes.push(node);
      group.keys.push(addr.key);
      continue;
    }
    let unique = key;
    for (let i = 2; groups.has(unique); i++) unique = `${key}_${i}`;
    groups.set(unique, {
      type,
      label: unique.slice(type.length + 1),
      nodes: [node],
      keys: addr?.key !== undefined ? [addr.key] : [],
    });
  }

  for (const g of groups.values()) {
    const address = `${g.type}.${g.label}`;
    state.usedAddresses.add(address);
    for (const [i, n] of g.nodes.entries()) {
      const k = g.keys[i];
      state.addressOf.set(
        n.id,
        k === undefined ? address : typeof k === 'number' ? `${address}[${k}]` : `${address}["${k}"]`,
      );
    }
    if (g.keys.length) state.addressOf.set(`${address}#group`, address);
  }

  // 2. Build every resource; companions land right after their owner.
  const ordered = [...groups.values()].sort((a, b) => {
    const ca = concernOf(a),
      cb = concernOf(b);
    return ca < cb ? -1 : ca > cb ? 1 : `${a.type}.${a.label}` < `${b.type}.${b.label}` ? -1 : 1;
  });
  for (const g of ordered) {
    const node = g.nodes[0]!;
    const region = state.regionOf.get(node.id) ?? primary;
    const address = `${g.type}.${g.label}`;
    const template = TEMPLATES[g.type];
    const ctx = new TemplateContext(state, node, address, g.label, region);
    const at = state.resources.length;
    const built = template ? template.build(ctx) : unknownBody(ctx, node, g.type);
    const set = changed.get(node.id);
    const body =
      template && set ? emitChangedProps(built, set, (v, k) => ctx.toExpr(v, k), template.handles) : built;
    const resource: PlannedResource = {
      type: g.type,
      name: g.label,
      address,
      concern: template?.concern ?? concernOfKind(node.kind),
      region,
      nodeId: node.id,
      comments: headerComments(node, why.get(node.id)),
      body,
      known: template !== undefined,
      ...(node.change ? { change: node.change } : {}),
    };
    if (g.keys.length) applyInstances(resource, g, ctx);
    const arn = isLive(node);
    if (arn) {
      const parsed = parseArn(arn);
      const id = parsed
        ? (template?.importId?.(parsed, node) ?? parsed.resourceName.split(/[/:]/).pop())
        : undefined;
      if (id) resource.importId = id;
      else resource.comments.push(`TODO(archmap): find the import id of ${arn}.`);
    }
    state.resources.splice(at, 0, resource);
  }

  // 3. Event source mappings the graph implies by an edge but does not list as a node.
  addEventSourceMappings(state, why);

  plan.resources = state.resources;
  plan.regions = [...new Set(plan.resources.map((r) => r.region).concat(primary))].sort();
  plan.outputs = outputs(plan.resources, graph);
  // The provider's default tags always name the project.
  new TemplateContext(state, graph.nodes()[0] ?? placeholderNode, '', '', primary).projectVar();
  plan.variables = [...state.variables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  // Every operation of the design reaches the output, or the scaffold is refused: never a silent comment.
  const missing = missingOperations(graph, plan);
  const fatal = missing.filter((m) => !m.traffic);
  if (fatal.length)
    throw new UsageError(
      `the scaffold cannot emit ${fatal.length} operation(s) of the design: ${fatal
        .slice(0, 5)
        .map((m) => `${m.op} ${m.target} (${m.what})`)
        .join('; ')}${fatal.length > 5 ? '; …' : ''}`,
      { hint: 'add a template for the type in generators/terraform/templates, or drop the operation' },
    );
  plan.unwired = missing.map((m) => m.target);
  return plan;
}

/**
 * The project name the resources already carry (their `Project` tag), never the name of the file the design
 * was read from: a default that differs from the live names would rename live resources.
 */
function projectTag(graph: ArchGraph): string | undefined {
  const counts = new Map<string, number>();
  for (const n of graph.nodes()) {
    const v = n.tags.Project ?? n.tags.project;
    if (v && n.change !== 'added') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

const placeholderNode: ArchNode = {
  id: 'x',
  kind: 'generic',
  name: 'x',
  provider: 'aws',
  props: {},
  tags: {},
  sources: [],
};

function concernOf(g: Group): string {
  return TEMPLATES[g.type]?.concern ?? concernOfKind(g.nodes[0]!.kind);
}

function skipReason(node: ArchNode): string {
  if (node.provider === 'code') return 'application code: built and deployed by its own pipeline';
  if (node.kind === 'client' || node.kind === 'external') return 'outside this account';
  if (node.provider === 'aws') return 'no Terraform type is known for it';
  return `provider ${node.provider} is not scaffolded`;
}

function headerComments(node: ArchNode, why: { op: string; rationale: string } | undefined): string[] {
  const out = [`${node.name} (${node.id})`];
  if (node.change === 'added') out.push(`Added by the design: ${why?.rationale ?? 'new component'}`);
  else if (node.change === 'modified') out.push(`Changed by the design: ${why?.rationale ?? 'updated'}`);
  return out;
}

const STATE_ONLY = /^(id|arn|owner_id|unique_id|tags_all)$/;
const STATE_ID = /^(arn:|[a-z]{1,12}-[0-9a-f]{8,}$|Z[0-9A-Z]{10,}$)/;

function unknownBody(ctx: TemplateContext, node: ArchNode, type: string): BodyItem[] {
  const props = Object.entries(node.props)
    .filter(([k, v]) => /^[a-z][a-z0-9_]*$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v))
    .filter(([k]) => !isSecretSetting(k))
    // Ids read from state (`sgr-0f1e…`, `arn:…`) never reach a stub, not even a commented one.
    .filter(([k, v]) => !STATE_ONLY.test(k) && !(typeof v === 'string' && STATE_ID.test(v)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const items: BodyItem[] = [];
  for (const [k, v] of props) {
    const e = ctx.toExpr(v);
    if (e) items.push(attr(k, e));
  }
  return [ctx.todo(`archmap has no template for ${type}: fill in its required arguments.`), ...items];
}

/** A node that stands for several instances (`web[0]`, `service["api"]`) becomes one resource with count/for_each. */
function applyInstances(resource: PlannedResource, g: Group, ctx: TemplateContext) {
  const numeric = g.keys.every((k) => typeof k === 'number');
  const declared = g.nodes[0]!.count;
  if (numeric) resource.count = Math.max(g.keys.length, typeof declared === 'number' ? declared : 0);
  else resource.forEach = g.keys.map(String).sort();
  const nameAttr = resource.body.find(
    (b): b is Extract<BodyItem, { t: 'attr' }> => b.t === 'attr' && NAME_ATTRS.includes(b.name),
  );
  if (nameAttr) {
    const suffix: Expr = numeric ? { t: 'count_index' } : { t: 'each', attr: 'key' };
    // The source's own naming (`shop/${each.key}`) when every instance follows it; renaming a live resource
    // replaces it.
    const names = g.nodes.map((n) => n.props[nameAttr.name]);
    const first = names[0];
    const key0 = String(g.keys[0]);
    const at = typeof first === 'string' ? first.indexOf(key0) : -1;
    const prefix = at >= 0 ? (first as string).slice(0, at) : undefined;
    const rest = at >= 0 ? (first as string).slice(at + key0.length) : undefined;
    const follows =
      prefix !== undefined &&
      names.every((n, i) => n === `${prefix}${String(g.keys[i])}${rest}`) &&
      !/\$\{/.test(`${prefix}${rest}`);
    nameAttr.value = follows
      ? tpl(
          ...([prefix, suffix, rest] as Array<string | Expr | undefined>).filter(
            (p): p is string | Expr => p !== '' && p !== undefined,
          ),
        )
      : tpl(ctx.projectVar(), `-${g.label.replace(/_/g, '-')}-`, suffix);
  }
}

function addEventSourceMappings(state: PlanState, why: Map<string, { rationale: string }>) {
  const { graph } = state;
  // Pairs an event source mapping of the design already joins (by the references its template resolved).
  const existing = state.resources
    .filter((r) => r.type === 'aws_lambda_event_source_mapping')
    .map((r) => JSON.stringify(r.body));
  for (const e of graph.edges().sort(byId)) {
    if (e.change === 'removed' || !['consumes', 'triggers'].includes(e.kind)) continue;
    const a = graph.node(e.from);
    const b = graph.node(e.to);
    if (!a || !b) continue;
    const fn = [a, b].find((n) => n.service === 'aws_lambda_function');
    if (fn && (a.service === 'aws_s3_bucket' || b.service === 'aws_s3_bucket')) {
      addBucketNotification(state, fn, fn === a ? b : a, e.change);
      continue;
    }
    const source = [a, b].find((n) =>
      ['aws_sqs_queue', 'aws_kinesis_stream', 'aws_dynamodb_table', 'aws_dynamodb_table_replica'].includes(
        n.service ?? '',
      ),
    );
    if (!fn || !source) continue;
    const fnAddr = state.addressOf.get(fn.id);
    const srcAddr = state.addressOf.get(source.id);
    if (!fnAddr || !srcAddr) continue;
    const replica = source.service === 'aws_dynamodb_table_replica';
    if (existing.some((p) => p.includes(`"${srcAddr}"`) && p.includes(`"${fnAddr}"`))) continue;
    // A mapping the design lists joins the pair through its own edges, whatever its body resolved to.
    const listed = graph
      .nodes()
      .some(
        (m) =>
          m.service === 'aws_lambda_event_source_mapping' &&
          m.change !== 'removed' &&
          [fn.id, source.id].every((id) =>
            graph.outEdges(m.id).some((x) => x.to === id && x.change !== 'removed'),
          ),
      );
    if (listed) continue;
    const label = `${fnAddr.split('.')[1]}_${srcAddr.split('.')[1]}`;
    const address = `aws_lambda_event_source_mapping.${label}`;
    if (state.usedAddresses.has(address)) continue;
    state.usedAddresses.add(address);
    const isTable = source.service === 'aws_dynamodb_table';
    // A replica's stream is its own (another label than the primary's) and the provider exports no stream_arn
    // for replicas: it is read after apply, and the mapping waits for the replica.
    const replicaStream = `${srcAddr.split('.')[1]}_stream_arn`;
    if (replica && !state.variables.has(replicaStream))
      state.variables.set(replicaStream, {
        name: replicaStream,
        type: 'string',
        description: `Stream ARN of ${source.id} in ${state.regionOf.get(source.id) ?? ''} (aws dynamodb describe-table after apply: LatestStreamArn).`,
      });
    const body: BodyItem[] = [
      attr(
        'event_source_arn',
        replica ? { t: 'var', name: replicaStream } : ref(srcAddr, isTable ? 'stream_arn' : 'arn'),
      ),
      attr('function_name', ref(fnAddr, 'arn')),
      attr('batch_size', { t: 'num', v: 10 }),
      ...(source.service === 'aws_sqs_queue'
        ? [attr('function_response_types', list([str('ReportBatchItemFailures')]))]
        : [attr('starting_position', str('LATEST'))]),
    ];
    const edgeWhy = why.get(e.id)?.rationale;
    const change = e.change ?? (fn.change === 'added' || source.change === 'added' ? 'added' : undefined);
    const res: PlannedResource = {
      type: 'aws_lambda_event_source_mapping',
      name: label,
      address,
      concern: 'compute',
      region: state.regionOf.get(fn.id) ?? state.primaryRegion,
      nodeId: fn.id,
      comments: [`${source.name} → ${fn.name} (edge ${e.id})${edgeWhy ? `: ${edgeWhy}` : ''}`],
      body,
      ...(replica ? { dependsOn: [srcAddr] } : {}),
      known: true,
      ...(change ? { change } : {}),
    };
    const ownerIndex = state.resources.findIndex((r) => r.address === fnAddr);
    state.resources.splice(ownerIndex + 1, 0, res);
  }
}

/**
 * An S3 bucket that triggers a Lambda: the bucket's notification and the permission for S3 to invoke it,
 * unless the design already lists a notification joined to both.
 */
function addBucketNotification(state: PlanState, fn: ArchNode, bucket: ArchNode, change: ArchNode['change']) {
  const { graph } = state;
  const fnAddr = state.addressOf.get(fn.id);
  const bucketAddr = state.addressOf.get(bucket.id);
  if (!fnAddr || !bucketAddr) return;
  const listed = graph
    .nodes()
    .some(
      (m) =>
        m.service === 'aws_s3_bucket_notification' &&
        m.change !== 'removed' &&
        graph.outEdges(m.id).some((x) => x.to === bucket.id),
    );
  if (listed) return;
  const label = `${bucketAddr.split('.')[1]}_${fnAddr.split('.')[1]}`;
  const permission = `aws_lambda_permission.${label}`;
  const notification = `aws_s3_bucket_notification.${bucketAddr.split('.')[1]}`;
  if (state.usedAddresses.has(permission) || state.usedAddresses.has(notification)) return;
  state.usedAddresses.add(permission);
  state.usedAddresses.add(notification);
  const region = state.regionOf.get(fn.id) ?? state.primaryRegion;
  const mark = change ?? (fn.change === 'added' || bucket.change === 'added' ? 'added' : undefined);
  const common = {
    concern: 'compute' as const,
    region,
    nodeId: fn.id,
    known: true,
    ...(mark ? { change: mark } : {}),
  };
  const ownerIndex = state.resources.findIndex((r) => r.address === fnAddr);
  state.resources.splice(
    ownerIndex + 1,
    0,
    {
      ...common,
      type: 'aws_lambda_permission',
      name: label,
      address: permission,
      comments: [`S3 may invoke ${fn.name} for ${bucket.name}`],
      body: [
        attr('statement_id', str('AllowS3Invoke')),
        attr('action', str('lambda:InvokeFunction')),
        attr('function_name', ref(fnAddr, 'function_name')),
        attr('principal', str('s3.amazonaws.com')),
        attr('source_arn', ref(bucketAddr, 'arn')),
      ],
    },
    {
      ...common,
      type: 'aws_s3_bucket_notification',
      name: notification.split('.')[1]!,
      address: notification,
      comments: [`${bucket.name} → ${fn.name}`],
      body: [
        attr('bucket', ref(bucketAddr, 'id')),
        blank,
        block(
          'lambda_function',
          [
            attr('lambda_function_arn', ref(fnAddr, 'arn')),
            attr('events', list([str('s3:ObjectCreated:*')])),
          ],
          { repeated: true },
        ),
      ],
      dependsOn: [permission],
    },
  );
}

const OUTPUT_ATTRS: Record<string, { attr: string; what: string }> = {
  aws_lb: { attr: 'dns_name', what: 'DNS name of the load balancer' },
  aws_cloudfront_distribution: { attr: 'domain_name', what: 'CloudFront domain' },
  aws_apigatewayv2_api: { attr: 'api_endpoint', what: 'API endpoint' },
  aws_sqs_queue: { attr: 'url', what: 'queue URL' },
  aws_db_instance: { attr: 'address', what: 'database endpoint' },
  aws_rds_cluster: { attr: 'endpoint', what: 'writer endpoint' },
  aws_dynamodb_table: { attr: 'name', what: 'table name' },
  aws_elasticache_replication_group: { attr: 'primary_endpoint_address', what: 'cache endpoint' },
  aws_route53_zone: { attr: 'name_servers', what: 'name servers to delegate to' },
};

function outputs(resources: PlannedResource[], graph: ArchGraph): PlannedOutput[] {
  const out: PlannedOutput[] = [];
  const used = new Set<string>();
  for (const r of resources) {
    const o = OUTPUT_ATTRS[r.type];
    if (!o || r.count !== undefined || r.forEach || !r.known) continue;
    let name = `${r.name}_${o.attr}`;
    if (used.has(name)) name = `${r.type.replace(/^aws_/, '')}_${name}`;
    used.add(name);
    const node = graph.node(r.nodeId);
    out.push({
      name,
      description: `${o.what} of ${node?.name ?? r.name} (${r.region})`,
      value: ref(r.address, o.attr),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** TODO(archmap) lines of one resource, for the README. */
export function todosOf(r: PlannedResource): string[] {
  const out: string[] = [];
  const walk = (items: BodyItem[]) => {
    for (const i of items) {
      if (i.t === 'comment' && i.text.startsWith('TODO(archmap): '))
        out.push(i.text.slice('TODO(archmap): '.length));
      if (i.t === 'block') walk(i.body);
    }
  };
  for (const c of r.comments)
    if (c.startsWith('TODO(archmap): ')) out.push(c.slice('TODO(archmap): '.length));
  walk(r.body);
  return out;
}
