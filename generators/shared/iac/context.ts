// What a template sees while it builds one resource: the node, its neighbours, and helpers that turn
// graph facts into HCL expressions (references to generated resources, variables, TODOs).
import type { ArchGraph } from '../../../src/model/graph.js';
import type { EdgeKind } from '../../../src/model/kinds.js';
import type { ArchNode } from '../../../src/model/schema.js';
import { type BodyItem, comment, type Expr, list, map, ref, str, tpl, variable } from './hcl.js';
import { kebab } from './names.js';
import type { Concern, PlannedResource, PlannedVariable } from './types.js';

/** Shared state of one scaffold run; templates reach it through their TemplateContext. */
export interface PlanState {
  graph: ArchGraph;
  project: string;
  primaryRegion: string;
  /** node id → generated address (`aws_sqs_queue.orders`). */
  addressOf: Map<string, string>;
  /** node id → region it is deployed in. */
  regionOf: Map<string, string>;
  variables: Map<string, PlannedVariable>;
  resources: PlannedResource[];
  /** `type` → physical names already used, so that copies in other regions get a suffix. */
  physicalNames: Map<string, Set<string>>;
  usedAddresses: Set<string>;
  /** State ids/ARNs/URLs → the node they belong to, built on first use. */
  idIndex?: Map<string, { nodeId: string; attr: string }>;
}

/** Arguments that name another resource, whose literal value from state may stand for a reference. */
const REF_ARG =
  /^(arn|role|zone_id|bucket|function_name|cluster|queue_url|topic_arn|api_id|user_pool_id)$|_(id|ids|arn|arns|name)$/;

/** Type fragments an argument's name implies (`subnet_group_name` → a subnet group, `role` → an IAM role). */
const ARG_TYPES: Record<string, string> = {
  load_balancer: 'aws_lb',
  allocation: 'aws_eip',
  certificate: 'acm_certificate',
  zone: 'route53_zone',
  hosted_zone: 'route53_zone',
  function: 'lambda_function',
  queue: 'sqs_queue',
  topic: 'sns_topic',
};

const GENERIC_TAILS = new Set(['role', 'key', 'policy', 'certificate', 'zone', 'queue', 'topic', 'bucket']);

/** Whether a node's type fits what an argument names (`execution_role_arn` → an IAM role). */
function typeFits(argName: string): (service: string | undefined) => boolean {
  const stem = argName.replace(/_(id|ids|arn|arns|name|url)$/, '');
  if (stem === 'arn') return () => true;
  const last = stem.split('_').pop()!;
  // `execution_role_arn` names a role; `subnet_group_name` names a subnet group, not any group.
  const fragments = [ARG_TYPES[stem] ?? stem, ...(GENERIC_TAILS.has(last) ? [ARG_TYPES[last] ?? last] : [])];
  return (service) => fragments.some((f) => (service ?? '').includes(f));
}

const IDENTITY_ATTRS = ['arn', 'id', 'zone_id', 'name', 'bucket', 'function_name', 'url'];

/**
 * Resource types whose name is not exported as `name` (AWS provider 6.x): a reference to "the name" of one of
 * these must use its own attribute, or Terraform rejects it (`aws_lambda_function.x.name` does not exist).
 */
const NAME_ATTRIBUTE: Record<string, string> = {
  aws_lambda_function: 'function_name',
  aws_s3_bucket: 'bucket',
  aws_db_instance: 'identifier',
  aws_rds_cluster: 'cluster_identifier',
  aws_elasticache_cluster: 'cluster_id',
  aws_elasticache_replication_group: 'replication_group_id',
  aws_ecs_task_definition: 'family',
  aws_docdb_cluster: 'cluster_identifier',
  aws_neptune_cluster: 'cluster_identifier',
  aws_dax_cluster: 'cluster_name',
  aws_opensearch_domain: 'domain_name',
  aws_elasticsearch_domain: 'domain_name',
  aws_msk_cluster: 'cluster_name',
  aws_cloudwatch_metric_alarm: 'alarm_name',
  aws_api_gateway_stage: 'stage_name',
};

/** The attribute a resource type exports for `attribute` (`name` of a Lambda is its `function_name`). */
export function attributeOf(type: string | undefined, attribute: string): string {
  return attribute === 'name' && type ? (NAME_ATTRIBUTE[type] ?? attribute) : attribute;
}

/** Arguments that take a list of references (`vpc_security_group_ids`, `subnets`), never a single one. */
export function isListArgument(argName: string): boolean {
  return /_(ids|arns|names)$/.test(argName) || ['security_groups', 'subnets', 'layers'].includes(argName);
}

function refAttribute(argName: string, type: string): string {
  if (argName === 'role')
    return type === 'aws_lambda_function' || type === 'aws_iam_instance_profile'
      ? type === 'aws_lambda_function'
        ? 'arn'
        : 'name'
      : 'name';
  if (argName === 'zone_id') return 'zone_id';
  if (argName === 'function_name') return 'arn';
  if (/_arns?$/.test(argName)) return 'arn';
  if (/_name$/.test(argName)) return 'name';
  return 'id';
}

const REF_IN_STRING = /\$\{([^}]+)\}/g;
const HARD_CODED =
  /^(arn:aws[a-z-]*:(?!iam::aws:policy\/)|(sg|subnet|vpc|igw|nat|eipalloc|rtb|acl|eni|vpce|ami|i|lt|tgw)-[0-9a-f]{6,}$|https?:\/\/[^ ]*amazonaws\.com)|\.amazonaws\.com$/;

export class TemplateContext {
  constructor(
    readonly state: PlanState,
    readonly node: ArchNode,
    /** The resource's own address. */
    readonly address: string,
    readonly label: string,
    readonly region: string,
  ) {}

  get graph(): ArchGraph {
    return this.state.graph;
  }

  get type(): string {
    return this.address.slice(0, this.address.indexOf('.'));
  }

  /** A property from the graph (Terraform snake_case first, then the CloudFormation PascalCase name). */
  prop(tf: string, cfn?: string): unknown {
    const props = this.node.props;
    if (props[tf] !== undefined) return props[tf];
    if (cfn && props[cfn] !== undefined) return props[cfn];
    return undefined;
  }

  /** A literal property value (no unresolved expression inside). */
  literal(tf: string, cfn?: string): string | number | boolean | undefined {
    const v = this.prop(tf, cfn);
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (
      typeof v === 'string' &&
      !v.includes('${') &&
      v !== '?' &&
      v !== '(known after apply)' &&
      !HARD_CODED.test(v)
    )
      return v;
    return undefined;
  }

  /** A property as an expression: literals stay literals, `${aws_x.y.attr}` becomes a reference. */
  expr(tf: string, cfn?: string): Expr | undefined {
    const e = this.toExpr(this.prop(tf, cfn), tf) ?? this.labelledRef(tf);
    // One reference where the argument takes a list (`vpc_security_group_ids = aws_security_group.web.id`).
    return e && isListArgument(tf) && (e.t === 'ref' || e.t === 'str' || e.t === 'tpl') ? list([e]) : e;
  }

  /** A dependency edge labelled with the argument's name (`role`, `zone_id`) says what the argument references. */
  labelledRef(argName: string): Expr | undefined {
    const edges = this.graph
      .outEdges(this.node.id)
      .filter((x) => x.label === argName && x.change !== 'removed' && this.graph.hasNode(x.to));
    if (!edges.length) return undefined;
    const attribute = refAttribute(argName, this.type);
    // `vpc_security_group_ids` is a list even when the source named one group.
    if (isListArgument(argName))
      return list([...new Set(edges.map((e) => e.to))].sort().map((to) => this.ref(to, attribute)));
    return this.ref(edges[0]!.to, attribute);
  }

  /**
   * A literal read from state that equals an identifying attribute of a node this one points at (a role name,
   * a zone id): the source wrote a reference, so the stub does too.
   */
  private refByValue(value: string, argName: string): Expr | undefined {
    if (!REF_ARG.test(argName)) return undefined;
    const fits = typeFits(argName);
    const hits: Array<[string, string]> = [];
    for (const e of this.graph.outEdges(this.node.id)) {
      const other = this.graph.node(e.to);
      if (!other || other.id === this.node.id || other.change === 'removed') continue;
      for (const a of IDENTITY_ATTRS) {
        if (other.props[a] !== value) continue;
        // A name says little on its own (a security group and a subnet group share one): the type must fit too.
        if (!fits(other.service)) continue;
        hits.push([other.id, a]);
      }
    }
    if (!hits.length)
      for (const other of this.graph.nodes()) {
        if (other.id === this.node.id || other.change === 'removed') continue;
        const global = /^aws_(iam|route53|cloudfront)_/.test(other.service ?? '');
        if (!global && this.state.regionOf.get(other.id) !== this.region) continue;
        // Across the whole graph only a node's own identity counts (its id, ARN, or a hosted zone's id).
        if (other.props.arn === value) hits.push([other.id, 'arn']);
        if (other.props.id === value) hits.push([other.id, 'id']);
        if (other.service === 'aws_route53_zone' && other.props.zone_id === value)
          hits.push([other.id, 'zone_id']);
      }
    const targets = new Set(hits.map(([id]) => id));
    if (targets.size !== 1) return undefined;
    const attrs = hits.map(([, a]) => a);
    if (/_name$/.test(argName)) return this.ref(hits[0]![0], 'name');
    const preferred = [argName, refAttribute(argName, this.type), 'arn', 'id'].find((a) => attrs.includes(a));
    return this.ref(hits[0]![0], preferred ?? attrs[0]!);
  }

  /**
   * Converts a property value. `argName` tells which attribute a bare node id stands for
   * (`subnet_ids: ["aws_subnet.a"]` → `.id`, `role_arn: "aws_iam_role.x"` → `.arn`).
   */
  toExpr(value: unknown, argName = ''): Expr | undefined {
    if (typeof value === 'number') return { t: 'num', v: value };
    if (typeof value === 'boolean') return { t: 'bool', v: value };
    if (typeof value === 'string') {
      if (
        !value.includes('${') &&
        /^[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(\[[^\]]+\])?$/.test(value) &&
        this.graph.hasNode(value)
      )
        return this.ref(value, /_arns?$/.test(argName) ? 'arn' : /_name$/.test(argName) ? 'name' : 'id');
      const byValue = this.refByValue(value, argName);
      if (byValue) return byValue;
      // Ids and endpoints read from state or a live scan are never copied: a stub must reference, not hard-code.
      // An id that belongs to another node in the same region becomes a reference to it.
      if (HARD_CODED.test(value)) return this.refById(value);
      if (value === '?' || value === '(known after apply)' || value === '') return undefined;
      if (!value.includes('${')) return str(value);
      const parts: Array<string | Expr> = [];
      let last = 0;
      for (const m of value.matchAll(REF_IN_STRING)) {
        const target = this.refFromTraversal(m[1]!.trim());
        if (!target) return undefined;
        if (m.index! > last) parts.push(value.slice(last, m.index));
        parts.push(target);
        last = m.index! + m[0].length;
      }
      if (last < value.length) parts.push(value.slice(last));
      return parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : tpl(...parts);
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => this.toExpr(v, argName));
      return items.every((i): i is Expr => i !== undefined) ? list(items) : undefined;
    }
    if (value && typeof value === 'object') {
      const entries: Array<[string, Expr]> = [];
      for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const e = this.toExpr(v, k);
        if (!e) return undefined;
        entries.push([k, e]);
      }
      return map(entries);
    }
    return undefined;
  }

  /** A state id, ARN or URL of another node in this region → a reference to that node's attribute. */
  private refById(value: string): Expr | undefined {
    if (!this.state.idIndex) {
      const index = new Map<string, { nodeId: string; attr: string }>();
      for (const n of this.graph.nodes()) {
        if (n.change === 'removed') continue;
        for (const a of ['id', 'arn', 'url']) {
          const v = n.props[a];
          if (typeof v === 'string' && HARD_CODED.test(v) && !index.has(v))
            index.set(v, { nodeId: n.id, attr: a });
        }
      }
      this.state.idIndex = index;
    }
    const hit = this.state.idIndex.get(value);
    if (!hit || hit.nodeId === this.node.id) return undefined;
    if (this.state.regionOf.get(hit.nodeId) === this.region) return this.ref(hit.nodeId, hit.attr);
    // A regional copy (`worker_orders_euc1`) still carries its original's ids: point at the same copy of the target.
    const suffix = this.copySuffix();
    const copy = suffix ? this.graph.node(`${hit.nodeId}${suffix}`) : undefined;
    if (copy && this.state.regionOf.get(copy.id) === this.region) return this.ref(copy.id, hit.attr);
    return undefined;
  }

  /** `_euc1` when this node is a copy of `<its id without _euc1>` that lives in another region. */
  private copySuffix(): string | undefined {
    const id = this.node.id;
    for (let i = id.lastIndexOf('_'); i > id.lastIndexOf('.'); i = id.lastIndexOf('_', i - 1)) {
      const original = this.graph.node(id.slice(0, i));
      if (original && this.state.regionOf.get(original.id) !== this.region) return id.slice(i);
    }
    return undefined;
  }

  /** `aws_sqs_queue.orders.arn` → a reference when `aws_sqs_queue.orders` is a node. */
  private refFromTraversal(text: string): Expr | undefined {
    const dot = text.lastIndexOf('.');
    if (dot < 0) return undefined;
    const target = text.slice(0, dot);
    const attribute = text.slice(dot + 1);
    if (!/^[a-z_][a-z0-9_]*$/.test(attribute) || !this.graph.hasNode(target)) return undefined;
    return this.ref(target, attribute);
  }

  /** The node a property points at (`${aws_iam_role.worker.arn}` → the role node). */
  propTarget(tf: string, cfn?: string): ArchNode | undefined {
    const v = this.prop(tf, cfn);
    if (typeof v !== 'string') return undefined;
    const m = /^\$\{(.+)\.[a-z_0-9]+\}$/.exec(v.trim());
    return m ? this.graph.node(m[1]!) : undefined;
  }

  /**
   * A reference to another node's attribute. When that node is not generated (for example with
   * `--only-changes`), a variable stands in for it, so the output never hard-codes an id.
   */
  ref(nodeId: string, attribute: string): Expr {
    const other = this.graph.node(nodeId);
    const address = this.state.addressOf.get(nodeId);
    if (address) return ref(address, attributeOf(address.slice(0, address.indexOf('.')), attribute));
    attribute = attributeOf(other?.service, attribute);
    const base = other ? (this.state.addressOf.get(other.id) ?? other.id) : nodeId;
    const name = `${base
      .replace(/^module\./, '')
      .replace(/^aws_/, '')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')}_${attribute}`.toLowerCase();
    return this.variable(name, {
      type: 'string',
      description: `${attribute} of the existing ${nodeId}, which this scaffold does not manage.`,
    });
  }

  /** Registers (once) and returns a variable. */
  variable(name: string, spec: Omit<PlannedVariable, 'name'>): Expr {
    if (!this.state.variables.has(name)) this.state.variables.set(name, { name, ...spec });
    return variable(name);
  }

  todo(text: string): BodyItem {
    return comment(`TODO(archmap): ${text}`);
  }

  /** A physical name: the design's own name when known, otherwise `<project>-<label>`. Unique per type. */
  physicalName(tf = 'name', cfn?: string, opts: { maxLength?: number; separator?: string } = {}): Expr {
    const known = this.literal(tf, cfn);
    let text = typeof known === 'string' ? known : undefined;
    const used = this.state.physicalNames.get(this.type) ?? new Set<string>();
    this.state.physicalNames.set(this.type, used);
    if (text !== undefined) {
      if (used.has(text)) text = `${text}-${this.region}`;
      used.add(text);
      return str(text);
    }
    const suffix = kebab(this.label).replace(/_/g, opts.separator ?? '-');
    used.add(`\u0000${suffix}`);
    return tpl(this.projectVar(), `-${suffix}`);
  }

  projectVar(): Expr {
    return this.variable('project', {
      type: 'string',
      description: 'Prefix for physical resource names.',
      default: str(this.state.project),
    });
  }

  /** Neighbours by edge direction and kind. */
  neighbours(direction: 'out' | 'in', kinds?: EdgeKind[]): ArchNode[] {
    const edges = direction === 'out' ? this.graph.outEdges(this.node.id) : this.graph.inEdges(this.node.id);
    const out: ArchNode[] = [];
    for (const e of edges) {
      if (e.change === 'removed') continue;
      if (kinds && !kinds.includes(e.kind)) continue;
      const other = this.graph.node(direction === 'out' ? e.to : e.from);
      if (other && other.change !== 'removed' && !out.includes(other)) out.push(other);
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The VPC this node sits in (through parent subnet or VPC). */
  vpc(): ArchNode | undefined {
    if (this.node.kind === 'vpc') return this.node;
    return this.graph.ancestors(this.node.id).find((n) => n.kind === 'vpc');
  }

  /** Subnets of this node's VPC in one tier, sorted; public is told by name, tags or map_public_ip_on_launch. */
  subnets(tier: 'private' | 'public'): ArchNode[] {
    const vpc = this.vpc();
    if (!vpc) return [];
    return this.graph
      .children(vpc.id)
      .filter((n) => n.kind === 'subnet' && n.change !== 'removed' && subnetTier(n) === tier)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** `[aws_subnet.private_a.id, aws_subnet.private_b.id]`, or a variable when the VPC is unknown. */
  subnetIds(tier: 'private' | 'public'): Expr {
    const subnets = this.subnets(tier);
    if (subnets.length) return list(subnets.map((s) => this.ref(s.id, 'id')));
    return this.variable(`${tier}_subnet_ids_${this.region.replace(/-/g, '_')}`, {
      type: 'list(string)',
      description: `${tier === 'private' ? 'Private' : 'Public'} subnet ids in ${this.region}.`,
    });
  }

  vpcId(): Expr {
    const own = this.expr('vpc_id', 'VpcId');
    if (own) return own;
    const vpc = this.vpc();
    if (vpc) return this.ref(vpc.id, 'id');
    return this.variable(`vpc_id_${this.region.replace(/-/g, '_')}`, {
      type: 'string',
      description: `The VPC in ${this.region}.`,
    });
  }

  /** The first node of a Terraform type in the same region (e.g. the ECS cluster of a service). */
  sameRegion(type: string): ArchNode | undefined {
    return this.graph
      .nodes()
      .filter(
        (n) => n.service === type && n.change !== 'removed' && this.state.regionOf.get(n.id) === this.region,
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  }

  /** Adds a resource that exists for this node's sake (S3 versioning, a DB subnet group, an IAM role…). */
  companion(
    type: string,
    suffix: string,
    body: BodyItem[],
    opts: { concern?: Concern; comments?: string[]; name?: string; region?: string } = {},
  ): string {
    let name = opts.name ?? (suffix ? `${this.label}_${suffix}` : this.label);
    // The design already lists this resource (e.g. the bucket's public access block): don't write it twice.
    const listed = this.graph.node(`${type}.${name}`);
    if (listed && listed.change !== 'removed') return this.state.addressOf.get(listed.id) ?? listed.id;
    while (this.state.usedAddresses.has(`${type}.${name}`)) name = `${name}_2`;
    const address = `${type}.${name}`;
    this.state.usedAddresses.add(address);
    this.state.resources.push({
      type,
      name,
      address,
      concern: opts.concern ?? concernOfCompanion(type),
      region: opts.region ?? this.region,
      nodeId: this.node.id,
      comments: opts.comments ?? [],
      body,
      known: true,
      ...(this.node.change ? { change: this.node.change } : {}),
    });
    return address;
  }
}

function concernOfCompanion(type: string): Concern {
  if (/^aws_(iam|lambda|ecs|appautoscaling|cloudwatch_log)/.test(type)) return 'compute';
  if (/^aws_(sqs|sns|cloudwatch_event|kinesis)/.test(type)) return 'messaging';
  if (/^aws_(lb|route53|cloudfront|acm|wafv2|globalaccelerator)/.test(type)) return 'edge';
  if (/^aws_(vpc|subnet|security_group|route|nat|internet|eip)/.test(type)) return 'network';
  return 'data';
}

export function subnetTier(n: ArchNode): 'private' | 'public' {
  if (n.props.map_public_ip_on_launch === true || n.props.MapPublicIpOnLaunch === true) return 'public';
  const tier = n.tags.Tier ?? n.tags.tier;
  if (tier) return /public/i.test(tier) ? 'public' : 'private';
  return /public/i.test(`${n.id} ${n.name}`) ? 'public' : 'private';
}
