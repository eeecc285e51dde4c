// Evaluated resources → nodes and edges: catalog kinds, containment (subnet/VPC/region), catalog edge and link
// rules, security-group reachability, env vars, IAM access and API Gateway OpenAPI integrations.
import { parse as parseYaml } from 'yaml';
import { lookupArn, lookupRegistryModule, lookupTerraformType, parseArn } from '../../src/catalog/index.js';
import type { AttrPath, CatalogEntry, RegistryModuleEntry } from '../../src/catalog/types.js';
import { edgeId } from '../../src/model/graph.js';
import type { EdgeKind } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode, Source } from '../../src/model/schema.js';
import { holdsSecret, REDACTED } from '../../src/model/secrets.js';
import {
  ANALYZER,
  attr,
  evaluateBody,
  type ModuleInstance,
  type OpaqueCall,
  type ResourceDecl,
} from './modules.js';
import { isSensitiveName, isSensitiveValue } from './sensitive.js';
import { deepRefs, isObject, Unknown, type Value, type ValueObject, valueFromJson } from './values.js';
import {
  CROSS_ROOT,
  connectionForAccess,
  ENV_INPUT,
  type Inferred,
  inferConnection,
  kindFromName,
  valuesAtPath,
} from './wiring.js';

export interface Evaluated {
  address: string;
  decl: ResourceDecl;
  inst: ModuleInstance;
  entry: CatalogEntry | undefined;
  values: ValueObject;
  refs: Map<string, Set<string>>;
  count?: number | '?';
  region?: string;
  /** Becomes a node (managed resources, and data sources of catalog types). */
  isNode: boolean;
}

/** A module call shown as one node: its registry entry (when catalogued), evaluated inputs and their lines. */
export interface ModuleCall {
  call: OpaqueCall;
  module?: RegistryModuleEntry;
  inputs: ValueObject;
  lines: Map<string, number>;
}

/** Evaluates every resource instance of every module instance. */
export function evaluateResources(instances: ModuleInstance[], tick: () => void): Map<string, Evaluated> {
  const out = new Map<string, Evaluated>();
  for (const inst of instances) {
    for (const decl of inst.def.resources.values()) {
      const entry = lookupTerraformType(decl.type);
      const region = inst.regionOf(decl);
      for (const i of inst.instancesOf(decl)) {
        const ev = inst.evaluator.with(i.bindings);
        const { values, refs } = evaluateBody(ev, decl.block.body, inst.ws.tracker);
        const dependsOn = attr(decl.block.body, 'depends_on');
        if (dependsOn) {
          const { refs: r } = ev.collect(dependsOn.expr);
          if (r.size) refs.set('depends_on', r);
          delete values.depends_on;
        }
        out.set(i.address, {
          address: i.address,
          decl,
          inst,
          entry,
          values,
          refs,
          ...(i.count !== undefined ? { count: i.count } : {}),
          ...(region ? { region } : {}),
          isNode: decl.mode === 'managed' || entry !== undefined,
        });
        tick();
      }
    }
  }
  return out;
}

/** Known values only: a list with an unknown element is unknown; objects keep their known keys. */
function plainKnown(v: Value): unknown {
  if (v instanceof Unknown || isSensitiveValue(v)) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => plainKnown(x));
    return items.includes(undefined) ? undefined : items;
  }
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(v).sort();
    for (const k of keys) {
      if (isSensitiveName(k)) continue;
      const x = plainKnown(v[k]!);
      if (x !== undefined) out[k] = x;
    }
    return keys.length > 0 && Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

/** Values at a dotted path, through nested blocks (objects or lists of them) and Unknown `inner`s. */
function valuesAt(v: Value | undefined, path: string[]): Value[] {
  if (v === undefined) return [];
  if (path.length === 0) return Array.isArray(v) ? v.flatMap((x) => valuesAt(x, [])) : [v];
  if (v instanceof Unknown) return v.inner !== undefined ? valuesAt(v.inner, path) : [v];
  if (Array.isArray(v)) return v.flatMap((x) => valuesAt(x, path));
  if (isObject(v)) return valuesAt(v[path[0]!], path.slice(1));
  if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
    try {
      return valuesAt(valueFromJson(JSON.parse(v)), path);
    } catch {
      return [];
    }
  }
  return [];
}

export class GraphBuilder {
  readonly nodes = new Map<string, ArchNode>();
  readonly edges = new Map<string, ArchEdge>();
  /** Parent group per evaluated address (for the VPC of a subnet). */
  private readonly byId = new Map<string, string>();
  private readonly parents = new Map<string, { parent?: string; zone?: string; vpc?: string }>();
  /** Nodes of roots built before this one (Terragrunt dependencies), by id: edges may end there. */
  external: ReadonlyMap<string, ArchNode> = new Map();

  private has(id: string): boolean {
    return this.nodes.has(id) || this.external.has(id);
  }

  /** Module calls shown as one node (not downloaded, or not followable), by address. */
  readonly modules = new Map<string, ModuleCall>();

  constructor(
    readonly records: Map<string, Evaluated>,
    /** Maps an address to a node id (a prefix in multi-root scans). */
    readonly idOf: (address: string) => string,
    /** Group that holds region groups and region-less nodes (the root group in multi-root scans). */
    readonly rootGroup: string | undefined,
    readonly regionId: (region: string) => string,
  ) {}

  source(r: Evaluated): Source {
    return { analyzer: ANALYZER, file: r.decl.file, line: r.decl.block.line, address: r.address };
  }

  /** The node addresses behind a set of refs: data sources and non-node records are seen through. */
  targets(refs: Iterable<string>, seen = new Set<string>()): string[] {
    const out = new Set<string>();
    for (const ref of refs) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const r = this.records.get(ref);
      if (r?.isNode) out.add(ref);
      else if (r) {
        const inner = new Set<string>();
        for (const set of r.refs.values()) for (const x of set) inner.add(x);
        for (const t of this.targets(inner, seen)) out.add(t);
      } else if (this.has(this.idOf(ref))) out.add(ref);
    }
    return [...out].sort();
  }

  /** Refs recorded at a catalog attribute path (and below it), or inside a structured value at that path. */
  refsAt(r: Evaluated, path: AttrPath | undefined): string[] {
    if (!path?.tf) return [];
    const p = path.tf;
    const found = new Set<string>();
    for (const [k, set] of r.refs) {
      if (k === p || k.startsWith(`${p}.`)) for (const x of set) found.add(x);
      else if (p.startsWith(`${k}.`)) {
        for (const v of valuesAt(r.values[k.split('.')[0]!], p.split('.').slice(1))) deepRefs(v, found);
      }
    }
    let targets = this.targets(found);
    if (path.via) {
      const via = path.via;
      targets = [
        ...new Set(
          targets.flatMap((t) => {
            const tr = this.records.get(t);
            return tr ? this.refsAt(tr, via) : [];
          }),
        ),
      ].sort();
    }
    return targets;
  }

  /**
   * A connector that names its end by a plain string (`rule = each.value.Name` in terraform-aws-eventbridge) is
   * matched to the node of the same module instance with that name.
   */
  private byName(r: Evaluated, path: AttrPath): string[] {
    if (!path.tf || path.via) return [];
    const v = valuesAt(r.values, path.tf.split('.'))[0];
    if (typeof v !== 'string' || v === '' || v.startsWith('arn:')) return [];
    const out: string[] = [];
    for (const other of this.records.values()) {
      if (other === r || !other.isNode || other.inst !== r.inst || other.entry?.plumbing) continue;
      const name = other.values[other.entry?.nameAttr?.tf ?? 'name'];
      if (name === v) out.push(other.address);
    }
    return out.length === 1 ? out : [];
  }

  private pathsOf(path: AttrPath | undefined): string[] {
    return path?.tf ? [path.tf] : [];
  }

  addEdge(
    from: string,
    to: string,
    kind: EdgeKind,
    src: Source,
    extra: Partial<ArchEdge> = {},
    disc?: string,
  ): void {
    const f = this.idOf(from);
    const t = this.idOf(to);
    if (f === t || !this.has(f) || !this.has(t)) return;
    const id = edgeId(f, t, kind, disc);
    const prev = this.edges.get(id);
    if (prev) {
      if (!prev.sources.some((s) => s.address === src.address && s.line === src.line)) prev.sources.push(src);
      return;
    }
    this.edges.set(id, { id, from: f, to: t, kind, ...extra, sources: [src] });
  }

  // Nodes ----------------------------------------------------------------------------------------------

  buildNodes(): void {
    for (const r of this.records.values()) {
      if (!r.isNode) continue;
      const type = r.decl.type;
      const tagsValue = r.values.tags;
      const tags: Record<string, string> = { ...r.inst.defaultTagsOf(r.decl) };
      if (isObject(tagsValue))
        for (const [k, v] of Object.entries(tagsValue)) if (typeof v === 'string') tags[k] = v;
      const props = (plainKnown(r.values) as Record<string, unknown> | undefined) ?? {};
      delete props.tags;
      for (const [name, a] of Object.entries(props)) if (a === undefined) delete props[name];
      if (r.decl.mode === 'data') props.data = true;
      if (type === 'aws_lambda_function') Object.assign(props, this.packageSource(r));
      const nameAttr = r.entry?.nameAttr?.tf ?? 'name';
      const named = r.values[nameAttr];
      // A name still unknown (`"orders-${var.stage}"`) is kept as its template, so code can bind to it by shape.
      if (named instanceof Unknown) props.nameTemplate = named.display();
      const label = `${r.decl.name}${r.address.slice(r.address.lastIndexOf(r.decl.name) + r.decl.name.length)}`;
      const node: ArchNode = {
        id: this.idOf(r.address),
        kind: r.entry?.kind ?? 'generic',
        name:
          typeof named === 'string' && named
            ? named
            : (tags.Name ?? moduleLabel(r.address, r.decl.name) ?? label),
        provider: type.split('_')[0] ?? 'generic',
        service: type,
        props,
        tags,
        sources: [this.source(r)],
        ...(r.region ? { region: r.region } : {}),
        ...(r.count !== undefined ? { count: r.count } : {}),
        ...(r.entry?.plumbing ? { plumbing: true } : {}),
      };
      this.nodes.set(node.id, node);
      this.byId.set(node.id, r.address);
    }
  }

  /**
   * Where a Lambda's code comes from when `filename`/`s3_key` name a `data.archive_file` (directly or through an
   * `aws_s3_object`): its `source_dir`/`source_file`, so the code analyzer can find the handler's source folder.
   */
  private packageSource(r: Evaluated): Record<string, string> {
    const seen = new Set<string>();
    const stack: Array<{ value: Value | undefined; depth: number }> = ['filename', 's3_key', 'image_uri'].map(
      (k) => ({ value: r.values[k], depth: 0 }),
    );
    while (stack.length) {
      const { value, depth } = stack.pop()!;
      if (!(value instanceof Unknown) || depth > 3) continue;
      for (const ref of value.refs) {
        const target = this.records.get(ref);
        if (!target || seen.has(ref)) continue;
        seen.add(ref);
        if (target.decl.type === 'archive_file') {
          const out: Record<string, string> = {};
          for (const k of ['source_dir', 'source_file'])
            if (typeof target.values[k] === 'string') out[k] = target.values[k] as string;
          if (Object.keys(out).length) return out;
        }
        for (const k of ['source', 'key', 'output_path', 'content_base64'])
          stack.push({ value: target.values[k], depth: depth + 1 });
      }
    }
    return {};
  }

  /** Opaque nodes for module calls that could not be followed; a registry module in the catalog gets its kind. */
  addOpaqueModules(instances: ModuleInstance[]): void {
    for (const inst of instances) {
      for (const o of inst.opaque) {
        const id = this.idOf(o.address);
        const module = lookupRegistryModule(o.source);
        const main = module ? lookupTerraformType(module.tfType) : undefined;
        const inputs = o.inputs();
        const lines = new Map(o.decl.block.body.attrs.map((a) => [a.name, a.line]));
        for (const b of o.decl.block.body.blocks) if (!lines.has(b.type)) lines.set(b.type, b.line);
        this.modules.set(o.address, { call: o, ...(module ? { module } : {}), inputs, lines });
        // Env vars and grants of resources may name the module node: its id must lead back to its address.
        this.byId.set(id, o.address);
        const props: Record<string, unknown> = { source: o.source, inputs: plainKnown(inputs) ?? {} };
        if (module) props.module = module.source;
        const named = module?.nameInput ? inputs[module.nameInput] : undefined;
        if (typeof named === 'string' && named) props.resourceName = named;
        this.nodes.set(id, {
          id,
          // Several calls of one module are told apart by their call name, never by the resource inside.
          kind: module ? (module.kind ?? main?.kind ?? 'generic') : 'module',
          name: o.name,
          provider: 'terraform',
          service: module ? module.tfType : 'module',
          props,
          tags: {},
          sources: [{ analyzer: ANALYZER, file: o.decl.file, line: o.decl.block.line, address: o.address }],
          ...(module?.plumbing || (module && !module.kind && main?.plumbing) ? { plumbing: true } : {}),
        });
      }
    }
  }

  /** Parents: subnet/VPC by catalog containment, else the region group, else the root group. */
  assignParents(): void {
    const regions = new Set<string>();
    const order = [...this.records.values()].filter((r) => r.isNode);
    // VPCs first, then subnets, then everything else, so that a subnet's VPC is known when it is needed.
    const rank = (r: Evaluated) => (r.entry?.kind === 'vpc' ? 0 : r.entry?.kind === 'subnet' ? 1 : 2);
    order.sort((a, b) => rank(a) - rank(b));
    for (const r of order) {
      const node = this.nodes.get(this.idOf(r.address))!;
      let placed = false;
      for (const rule of r.entry?.containment ?? []) {
        const targets = this.refsAt(r, rule).filter((t) => this.records.get(t)?.entry?.kind === rule.group);
        if (targets.length === 0) continue;
        placed = true;
        if (rule.group === 'vpc') {
          node.parent = this.idOf(targets[0]!);
          this.parents.set(r.address, { parent: node.parent, vpc: targets[0]! });
          break;
        }
        const zones = targets.map((t) => this.azOf(t));
        if (targets.length === 1) {
          node.parent = this.idOf(targets[0]!);
          if (zones[0]) node.zone = zones[0];
        } else {
          const vpc = this.parents.get(targets[0]!)?.vpc;
          if (vpc) node.parent = this.idOf(vpc);
          else node.parent = this.idOf(targets[0]!);
          node.props.subnets = targets.map((t) => this.idOf(t));
          if (zones[0] && zones.every((z) => z === zones[0])) node.zone = zones[0];
        }
        break;
      }
      if (r.entry?.kind === 'subnet') {
        const az = r.values.availability_zone;
        if (typeof az === 'string') node.zone = az;
        this.parents.set(r.address, { vpc: this.vpcFromParent(node.parent) });
      }
      if (!placed) {
        if (r.region) {
          node.parent = this.regionId(r.region);
          regions.add(r.region);
        } else if (this.rootGroup) node.parent = this.rootGroup;
      }
    }
    for (const region of regions) {
      const id = this.regionId(region);
      this.nodes.set(id, {
        id,
        kind: 'region',
        name: region,
        provider: 'aws',
        props: {},
        tags: {},
        sources: [],
        region,
        ...(this.rootGroup ? { parent: this.rootGroup } : {}),
      });
    }
    // VPCs without a region (no provider region) still belong to the root group.
  }

  private vpcFromParent(parentId: string | undefined): string | undefined {
    return parentId ? this.byId.get(parentId) : undefined;
  }

  private azOf(address: string): string | undefined {
    const az = this.records.get(address)?.values.availability_zone;
    return typeof az === 'string' ? az : undefined;
  }

  // Edges ----------------------------------------------------------------------------------------------

  buildEdges(): void {
    const envConsumed = new Map<string, Set<string>>();
    for (const r of this.records.values()) if (r.isNode) this.envOf(r, envConsumed);
    for (const r of this.records.values()) {
      if (!r.isNode) continue;
      const src = this.source(r);
      const consumed = new Set<string>();
      const entry = r.entry;
      for (const rule of entry?.containment ?? []) {
        consumed.add(rule.tf ?? '');
      }
      for (const rule of entry?.edges ?? []) {
        for (const p of this.pathsOf(rule)) consumed.add(p);
        for (const t of this.refsAt(r, rule)) {
          // A pipeline stage's OAuth token or a role is configuration, never something a stage runs.
          if (
            (rule.kind === 'triggers' || rule.kind === 'calls') &&
            NOT_TRAFFIC_TARGETS.has(this.kindOf(t) ?? '')
          )
            continue;
          const extra = rule.label ? { label: rule.label } : {};
          const kind =
            (rule.byTarget ? connectionForAccess('write', this.kindOf(t))?.kind : undefined) ?? rule.kind;
          if (rule.direction === 'out') this.addEdge(r.address, t, kind, src, extra);
          else this.addEdge(t, r.address, kind, src, extra);
        }
      }
      for (const link of entry?.links ?? []) {
        for (const p of [...this.pathsOf(link.from), ...this.pathsOf(link.to)]) consumed.add(p);
        const from = this.refsAt(r, link.from);
        const to = this.refsAt(r, link.to);
        if (from.length === 0) from.push(...this.byName(r, link.from));
        if (to.length === 0) to.push(...this.byName(r, link.to));
        for (const f of from)
          for (const t of to) this.addEdge(f, t, link.kind, src, link.label ? { label: link.label } : {});
      }
      const envTargets = envConsumed.get(r.address) ?? new Set<string>();
      const taken = [...consumed].filter(Boolean);
      for (const [path, refs] of r.refs) {
        if (taken.some((c) => path === c || path.startsWith(`${c}.`))) continue;
        for (const t of this.targets(refs)) {
          if (envTargets.has(t)) continue;
          this.addEdge(r.address, t, 'depends_on', src);
        }
      }
    }
    this.securityGroupEdges();
    this.iamEdges();
    this.openApiEdges();
    this.moduleEdges();
    this.containerDefinitionsToServices();
    this.trafficFromEnvAndIam();
    this.serviceNameEdges();
    this.throughTargetGroups();
    this.apiRoutes();
    // A plain reference adds nothing when a more telling edge joins the same two nodes.
    const typed = new Set<string>();
    for (const e of this.edges.values())
      if (e.kind !== 'depends_on' || e.label) typed.add(`${e.from}\u0000${e.to}`);
    for (const [id, e] of this.edges)
      if (e.kind === 'depends_on' && !e.label && typed.has(`${e.from}\u0000${e.to}`)) this.edges.delete(id);
  }

  /**
   * What an API Gateway sends a request to (integration uri, OpenAPI body, Lambda permission for the API) is a
   * route, not a call; an integration naming an NLB/ALB listener routes to its load balancer.
   */
  private apiRoutes(): void {
    const kindOfId = (id: string) => (this.nodes.get(id) ?? this.external.get(id))?.kind;
    for (const [id, e] of [...this.edges]) {
      if (kindOfId(e.from) !== 'api_gateway' || (e.kind !== 'calls' && e.kind !== 'triggers')) continue;
      let to = e.to;
      const target = this.nodes.get(to);
      if (target && LISTENERS.has(target.service ?? '')) {
        const address = this.byId.get(to);
        const r = address ? this.records.get(address) : undefined;
        const lb = r ? this.refsAt(r, { tf: 'load_balancer_arn' })[0] : undefined;
        if (!lb) continue;
        to = this.idOf(lb);
      }
      if (!ROUTED.has(kindOfId(to) ?? 'generic')) continue;
      this.edges.delete(id);
      const rid = edgeId(e.from, to, 'routes');
      const prev = this.edges.get(rid);
      if (prev) {
        for (const src of e.sources)
          if (!prev.sources.some((s) => s.address === src.address && s.line === src.line))
            prev.sources.push(src);
      } else this.edges.set(rid, { ...e, id: rid, to, kind: 'routes' });
    }
  }

  /**
   * A load balancer routes to what its target groups hold: listener → target group → ASG/instance/service becomes
   * one `routes` edge from the load balancer, with the provenance of the target group's attachment.
   */
  private throughTargetGroups(): void {
    const into = new Map<string, ArchEdge[]>();
    const outOf = new Map<string, ArchEdge[]>();
    for (const e of this.edges.values()) {
      if (e.kind !== 'routes') continue;
      into.set(e.to, [...(into.get(e.to) ?? []), e]);
      outOf.set(e.from, [...(outOf.get(e.from) ?? []), e]);
    }
    for (const [id, node] of this.nodes) {
      if (!TARGET_GROUPS.has(node.service ?? '')) continue;
      for (const i of into.get(id) ?? []) {
        if (
          this.nodes.get(i.from)?.kind !== 'load_balancer' &&
          this.external.get(i.from)?.kind !== 'load_balancer'
        )
          continue;
        for (const o of outOf.get(id) ?? []) {
          if (o.to === i.from) continue;
          const eid = edgeId(i.from, o.to, 'routes');
          if (!this.edges.has(eid))
            this.edges.set(eid, { id: eid, from: i.from, to: o.to, kind: 'routes', sources: [...o.sources] });
        }
      }
    }
  }

  // Module calls shown as one node ---------------------------------------------------------------------

  private kindOf(address: string): ArchNode['kind'] | undefined {
    const id = this.idOf(address);
    return (this.nodes.get(id) ?? this.external.get(id))?.kind;
  }

  /** Source and call name of an unknown module, for guessing what it is. */
  private hintOf(address: string): string {
    const m = this.modules.get(address);
    return m && !m.module ? `${m.call.source.split('/').pop() ?? ''} ${m.call.name}` : '';
  }

  private isSecurityGroup(address: string): boolean {
    return (
      this.records.get(address)?.decl.type === 'aws_security_group' ||
      this.modules.get(address)?.module?.tfType === 'aws_security_group'
    );
  }

  private sgMemberCache: Map<string, string[]> | undefined;

  /** A security group stands for the components in it; one nobody uses stands for itself. */
  private throughGroups(targets: string[]): string[] {
    this.sgMemberCache ??= this.sgMembers();
    const out = new Set<string>();
    for (const t of targets) {
      if (this.isSecurityGroup(t)) for (const m of this.sgMemberCache.get(t) ?? [t]) out.add(m);
      else out.add(t);
    }
    return [...out].sort();
  }

  /** Node addresses referenced under a dotted input path of a module call. */
  private moduleTargets(m: ModuleCall, input: string): string[] {
    const refs = new Set<string>();
    for (const v of valuesAtPath(m.inputs, input.split('.'))) deepRefs(v, refs);
    return this.targets(refs).filter((t) => t !== m.call.address);
  }

  /**
   * Edges of module calls shown as one node: the registry catalog's input rules and links, environment variables,
   * IAM statements; for a module the catalog does not know, each input that references a component gives an
   * edge whose kind comes from the input name and the target's kind (`props.inferred`).
   */
  private moduleEdges(): void {
    const traffic = new Set<string>();
    const quiet = new Set<string>();
    for (const e of this.edges.values())
      if (e.kind !== 'depends_on' && e.kind !== 'access') traffic.add(`${e.from}\u0000${e.to}`);
    for (const [address, m] of this.modules) {
      const spec = m.module;
      const consumed = new Set<string>();
      const top = (input: string) => input.split('.')[0]!;
      const src = (input: string): Source => ({
        analyzer: ANALYZER,
        file: m.call.decl.file,
        line: m.lines.get(top(input)) ?? m.call.decl.block.line,
        address,
      });
      const add = (
        input: string,
        target: string,
        how: { kind: EdgeKind; direction: 'out' | 'in' } | undefined,
        extra: Partial<ArchEdge> = {},
      ) => {
        for (const t of this.throughGroups([target])) {
          if (!how) {
            this.addEdge(address, t, 'depends_on', src(input));
            continue;
          }
          const [f, to] = how.direction === 'out' ? [address, t] : [t, address];
          const key = `${this.idOf(f)}\u0000${this.idOf(to)}`;
          if (traffic.has(key)) continue;
          // An env var says less than a grant or a catalog rule already joining the pair the other way, or a
          // grant that only reads the target's metadata.
          if (
            extra.props?.env &&
            (traffic.has(`${this.idOf(to)}\u0000${this.idOf(f)}`) ||
              quiet.has(`${this.idOf(f)}\u0000${this.idOf(to)}`) ||
              quiet.has(`${this.idOf(to)}\u0000${this.idOf(f)}`))
          )
            continue;
          traffic.add(key);
          this.addEdge(f, to, how.kind, src(input), extra);
        }
      };
      const last = (input: string) =>
        input
          .split('.')
          .filter((x) => x !== '*')
          .pop() ?? input;
      for (const rule of spec?.edges ?? []) {
        consumed.add(top(rule.input));
        for (const t of this.moduleTargets(m, rule.input)) {
          const how =
            rule.kind === 'infer'
              ? inferConnection(last(rule.input), this.kindOf(t))
              : { kind: rule.kind, direction: rule.direction };
          add(rule.input, t, how, rule.label ? { label: rule.label } : {});
        }
      }
      for (const link of spec?.links ?? []) {
        consumed.add(top(link.from));
        consumed.add(top(link.to));
        const froms = this.throughGroups(this.moduleTargets(m, link.from));
        for (const t of this.moduleTargets(m, link.to)) {
          for (const f of froms) {
            const kind =
              link.kind === 'infer' ? inferConnection(last(link.to), this.kindOf(t))?.kind : link.kind;
            if (kind) this.addEdge(f, t, kind, src(link.to), link.label ? { label: link.label } : {});
          }
        }
      }
      for (const path of spec?.policies ?? []) {
        consumed.add(top(path));
        for (const v of valuesAtPath(m.inputs, path.split('.'))) {
          // Statements given inline, through policy documents, or through aws_iam_policy resources (ARNs).
          const docs = [...deepRefs(v)]
            .map((r) => this.records.get(r))
            .flatMap((r) =>
              r?.decl.type === 'aws_iam_policy_document'
                ? statements({ __document: r.values })
                : r?.decl.type === 'aws_iam_policy'
                  ? this.policyStatements(r)
                  : [],
            );
          for (const st of [...(docs.length ? [] : moduleStatements(v)), ...docs]) {
            const modes = new Set(st.actions.map(actionMode));
            const mode =
              modes.has('read-write') || (modes.has('read') && modes.has('write'))
                ? 'read-write'
                : modes.has('write')
                  ? 'write'
                  : 'read';
            if (modes.size === 0) continue;
            const flow = messageFlow(st.actions);
            for (const t of this.targets(st.resources).filter((x) => x !== address)) {
              const tk = this.kindOf(t);
              // Receiving and deleting messages is consuming; only a send verb makes a grant a publish, and
              // reading a queue's attributes (a scaler watching its depth) is neither.
              const grant = tk === 'queue' || tk === 'stream' || tk === 'topic' ? flow : mode;
              if (!grant) {
                quiet.add(`${this.idOf(address)}\u0000${this.idOf(t)}`);
                continue;
              }
              add(path, t, connectionForAccess(grant, tk), { props: { iam: grant, inferred: true } });
            }
          }
        }
      }
      for (const path of spec?.env ?? []) {
        consumed.add(top(path));
        for (const v of valuesAtPath(m.inputs, path.split('.'))) {
          for (const [name, value] of envEntries(v)) {
            for (const t of this.targets(deepRefs(value)).filter((x) => x !== address)) {
              const how = envConnection(name, value, this.kindOf(t));
              if (how) add(path, t, how, { label: `env ${name}`, props: { env: name, inferred: true } });
            }
          }
        }
      }
      for (const path of [
        ...(spec?.securityGroups ?? []),
        ...(spec?.network ?? []),
        ...(spec?.ingressFrom ?? []),
      ])
        consumed.add(top(path));
      for (const [input, value] of Object.entries(m.inputs)) {
        if (consumed.has(input)) continue;
        if (!spec && ENV_INPUT.test(input)) {
          for (const [name, v] of envEntries(value))
            for (const t of this.targets(deepRefs(v)).filter((x) => x !== address)) {
              const how = envConnection(name, v, this.kindOf(t), this.hintOf(t));
              add(input, t, how, how ? { label: `env ${name}`, props: { env: name, inferred: true } } : {});
            }
          continue;
        }
        for (const t of this.targets(deepRefs(value)).filter((x) => x !== address)) {
          if (spec || /security_group|subnet|vpc|(^|_)context$|(^|_)role/.test(input)) {
            this.addEdge(address, t, 'depends_on', src(input));
            continue;
          }
          // A queue or stream handed to a function module (outside its environment) is its event source.
          const tk = this.kindOf(t);
          const source =
            (tk === 'queue' || tk === 'stream') && kindFromName(this.hintOf(address)) === 'function'
              ? { kind: 'consumes' as const, direction: 'in' as const }
              : undefined;
          const how =
            source ??
            inferConnection(input, this.kindOf(t), this.hintOf(t)) ??
            envLike(input, value, this.kindOf(t)) ??
            (ROUTE_INPUT.test(input) ? { kind: 'calls' as const, direction: 'out' as const } : undefined);
          add(input, t, how, how ? { props: { inferred: true } } : {});
        }
      }
    }
  }

  /**
   * A container-definition module (plumbing) only describes what a service runs: the traffic its env gives
   * starts at the module calls (services, task definitions) that take its output.
   */
  private containerDefinitionsToServices(): void {
    for (const [address, m] of this.modules) {
      if (m.module?.tfType !== 'aws_ecs_task_definition' || !m.module.plumbing) continue;
      const id = this.idOf(address);
      const users = [...this.modules]
        .filter(([a, other]) => a !== address && deepRefs(other.inputs).has(address))
        .map(([a]) => this.idOf(a));
      if (users.length === 0) continue;
      for (const [eid, e] of [...this.edges]) {
        if (e.from !== id || e.kind === 'depends_on' || e.kind === 'access') continue;
        this.edges.delete(eid);
        for (const u of users) {
          const joined = [...this.edges.values()].some(
            (x) =>
              x.kind !== 'depends_on' && ((x.from === u && x.to === e.to) || (x.from === e.to && x.to === u)),
          );
          if (joined) continue;
          const nid = edgeId(u, e.to, e.kind, e.props?.env ? `env:${e.props.env}` : undefined);
          this.edges.set(nid, { ...e, id: nid, from: u });
        }
      }
    }
  }

  private readonly arnCache = new Map<string, string[]>();

  /**
   * Resources a literal ARN in a policy names (`arn:aws:dynamodb:*:*:table/PokemonTable`, `…:queue-*`): nodes of
   * the ARN's type whose name matches, wildcards allowed. A bare `*` names nothing.
   */
  private literalArnTargets(arns: string[] | undefined): string[] {
    const out: string[] = [];
    for (const arn of arns ?? []) {
      let hit = this.arnCache.get(arn);
      if (!hit) {
        hit = [];
        const parsed = parseArn(arn);
        const entry = parsed ? lookupArn(arn) : undefined;
        const name = parsed?.resourceName.split('/')[0] ?? '';
        if (entry && name.replace(/\*/g, '').length >= 3) {
          const glob = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
          for (const r of this.records.values()) {
            if (!r.isNode || r.decl.type !== entry.tfType) continue;
            const n = r.values[r.entry?.nameAttr?.tf ?? 'name'];
            if (typeof n === 'string' && glob.test(n)) hit.push(r.address);
          }
        }
        this.arnCache.set(arn, hit);
      }
      out.push(...hit);
    }
    return out;
  }

  /** Allow statements of an aws_iam_policy resource: its policy JSON, or the policy document it renders. */
  private policyStatements(r: Evaluated): Statement[] {
    const out = statements(r.values.policy ?? null);
    for (const t of r.refs.get('policy') ?? []) {
      const doc = this.records.get(t);
      if (doc?.decl.type === 'aws_iam_policy_document') out.push(...statements({ __document: doc.values }));
    }
    return out;
  }

  /**
   * Service Connect and Cloud Map names: an env var whose value is `http://pricing:8080` or
   * `pricing.internal.local` calls the ECS service that answers to that name.
   */
  private serviceNameEdges(): void {
    const byHost = new Map<string, string>();
    const addHost = (h: Value | undefined, address: string) => {
      if (typeof h === 'string' && h) byHost.set(h.toLowerCase(), address);
    };
    const connect = (cfg: Value | undefined, address: string) => {
      for (const svc of valuesAtPath(cfg, ['service'])) {
        if (!isObject(svc)) continue;
        addHost(svc.discovery_name, address);
        for (const alias of valuesAtPath(svc.client_alias, []))
          if (isObject(alias)) addHost(alias.dns_name, address);
      }
    };
    for (const r of this.records.values()) {
      if (r.decl.type === 'aws_ecs_service') connect(r.values.service_connect_configuration, r.address);
      if (r.decl.type !== 'aws_service_discovery_service') continue;
      const owners = [...this.records.values()].filter(
        (s) =>
          s.decl.type === 'aws_ecs_service' &&
          this.refsAt(s, { tf: 'service_registries.registry_arn' }).includes(r.address),
      );
      const name = r.values.name;
      if (typeof name !== 'string') continue;
      const ns = this.refsAt(r, { tf: 'dns_config.namespace_id' })
        .map((a) => this.records.get(a)?.values.name)
        .find((n): n is string => typeof n === 'string');
      for (const o of owners) {
        addHost(name, o.address);
        if (ns) addHost(`${name}.${ns}`, o.address);
      }
    }
    for (const [address, m] of this.modules) {
      if (m.module?.tfType !== 'aws_ecs_service') continue;
      for (const cfg of [
        ...valuesAtPath(m.inputs, ['service_connect_configuration']),
        ...valuesAtPath(m.inputs, ['services', '*', 'service_connect_configuration']),
      ])
        connect(cfg, address);
    }
    if (byHost.size === 0) return;
    const call = (from: string, name: string, value: unknown, src: Source) => {
      if (typeof value !== 'string') return;
      const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(value)?.[1]?.toLowerCase();
      const target = host ? byHost.get(host) : undefined;
      if (target && target !== from)
        this.addEdge(from, target, 'calls', src, {
          label: `env ${name}`,
          props: { env: name, via: 'service-discovery' },
        });
    };
    for (const r of this.records.values()) {
      if (!r.isNode) continue;
      const env = this.nodes.get(this.idOf(r.address))?.props.env as Record<string, unknown> | undefined;
      if (env && r.decl.type !== 'aws_ecs_task_definition')
        for (const [name, value] of Object.entries(env)) call(r.address, name, value, this.source(r));
    }
    for (const [address, m] of this.modules) {
      const paths = m.module?.env ?? Object.keys(m.inputs).filter((k) => ENV_INPUT.test(k));
      for (const path of paths)
        for (const v of valuesAtPath(m.inputs, path.split('.')))
          for (const [name, value] of envEntries(v))
            call(address, name, value, {
              analyzer: ANALYZER,
              file: m.call.decl.file,
              line: m.lines.get(path.split('.')[0]!) ?? m.call.decl.block.line,
              address,
            });
    }
  }

  /**
   * The ECR repositories a task definition's images come from (`${aws_ecr_repository.api.repository_url}:tag`, or a
   * literal `….dkr.ecr.<region>.amazonaws.com/<name>:tag`), by repository name, on the task definition and its
   * services: merge joins the code whose Dockerfile builds that image.
   */
  private imageRepos(r: Evaluated, defs: Value | undefined): void {
    const repos = new Set<string>();
    for (const img of valuesAt(defs, ['image'])) {
      for (const t of this.targets(deepRefs(img))) {
        if (this.records.get(t)?.decl.type !== 'aws_ecr_repository') continue;
        const name = this.nodes.get(this.idOf(t))?.name;
        if (name) repos.add(name);
      }
      const text = img instanceof Unknown ? img.display() : typeof img === 'string' ? img : '';
      const literal = /\.dkr\.ecr\.[^/]+\/([^:@${}]+)/.exec(text);
      if (literal) repos.add(literal[1]!);
    }
    if (repos.size === 0) return;
    const imageRepos = [...repos].sort();
    this.nodes.get(this.idOf(r.address))!.props.imageRepos = imageRepos;
    for (const s of this.records.values()) {
      if (s.decl.type !== 'aws_ecs_service' || !this.refsAt(s, { tf: 'task_definition' }).includes(r.address))
        continue;
      const sn = this.nodes.get(this.idOf(s.address));
      if (sn) sn.props.imageRepos = imageRepos;
    }
  }

  /** Env vars of Lambda functions and ECS task definitions (copied onto their services). */
  private envOf(r: Evaluated, consumed: Map<string, Set<string>>): void {
    const env: Record<string, string> = {};
    const envRefs: Record<string, string> = {};
    // Refs of a rendered template (templatefile/file JSON): matched back by their text in each value.
    let textRefs: ReadonlySet<string> = new Set();
    const add = (name: unknown, value: Value | undefined) => {
      if (typeof name !== 'string' || value === undefined) return;
      // A secret keeps its name (the scaffold asks for Secrets Manager there), never its value; a name that
      // only refers to a secret (`DB_SECRET_ARN`) keeps its value and its edge.
      if (holdsSecret(name) || isSensitiveValue(value)) {
        env[name] = REDACTED;
        return;
      }
      env[name] =
        value instanceof Unknown
          ? value.display()
          : typeof value === 'object' && value !== null
            ? JSON.stringify(value)
            : String(value);
      const refs = deepRefs(value);
      if (typeof value === 'string' && value.includes('${')) {
        for (const ref of textRefs) {
          const local = ref.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, '').replace(/\[[^\]]*\]$/, '');
          if (value.includes(`\${${local}.`) || value.includes(`\${${local}[`)) refs.add(ref);
        }
      }
      const targets = this.targets(refs);
      if (targets[0]) envRefs[name] = this.idOf(targets[0]);
    };
    if (r.decl.type === 'aws_lambda_function') {
      for (const vars of valuesAt(r.values.environment, ['variables']))
        if (isObject(vars)) for (const [k, v] of Object.entries(vars)) add(k, v);
    } else if (r.decl.type === 'aws_codebuild_project') {
      for (const e of valuesAt(r.values.environment, ['environment_variable']))
        if (isObject(e) && (e.type == null || e.type === 'PLAINTEXT')) add(e.name, e.value);
      // A build's variables are parameters (queue names, buckets for a test run), not its traffic; the one
      // connection a build has is the image registry it pushes to.
      for (const [name, id] of Object.entries(envRefs))
        if (this.nodes.get(id)?.service !== 'aws_ecr_repository') delete envRefs[name];
    } else if (r.decl.type === 'aws_ecs_task_definition') {
      let defs = r.values.container_definitions;
      if (defs instanceof Unknown && defs.inner === undefined && defs.template) {
        // templatefile()/file() JSON with interpolations: unknowns were rendered as "${…}" inside strings.
        textRefs = defs.refs;
        try {
          defs = valueFromJson(JSON.parse(defs.text));
        } catch {
          // Not JSON after all; no env to read.
        }
      }
      for (const e of valuesAt(defs, ['environment'])) if (isObject(e)) add(e.name, e.value);
      this.imageRepos(r, defs);
    } else return;
    if (Object.keys(env).length === 0) return;
    const node = this.nodes.get(this.idOf(r.address))!;
    node.props.env = env;
    node.props.envRefs = envRefs;
    const holders = [r.address];
    if (r.decl.type === 'aws_ecs_task_definition') {
      const services = [...this.records.values()].filter(
        (s) =>
          s.decl.type === 'aws_ecs_service' && this.refsAt(s, { tf: 'task_definition' }).includes(r.address),
      );
      for (const s of services) {
        const sn = this.nodes.get(this.idOf(s.address));
        if (!sn) continue;
        sn.props.env = { ...env };
        sn.props.envRefs = { ...envRefs };
      }
      if (services.length) holders.splice(0, 1, ...services.map((s) => s.address));
    }
    const targets = new Set<string>(consumed.get(r.address));
    for (const [name, target] of Object.entries(envRefs)) {
      const address = this.addressOfId(target);
      if (!address) continue;
      targets.add(address);
      for (const h of holders) {
        this.envTraffic.push({ holder: h, target: address, name, value: env[name] ?? '' });
        const hr = this.records.get(h)!;
        this.addEdge(
          h,
          address,
          'depends_on',
          this.source(hr),
          { label: `env ${name}`, props: { env: name } },
          `env:${name}`,
        );
      }
    }
    consumed.set(r.address, targets);
  }

  private addressOfId(id: string): string | undefined {
    return this.byId.get(id) ?? (this.external.has(id) ? `${CROSS_ROOT}${id}` : undefined);
  }

  /** Env vars of compute resources that name another component, for trafficFromEnvAndIam. */
  private readonly envTraffic: { holder: string; target: string; name: string; value: string }[] = [];

  /**
   * Env vars and IAM grants of compute resources become traffic: the grant's verbs decide the kind when there is
   * one (write to a queue publishes, read from a table reads), else the variable's name and the target's kind.
   * Nothing is added where a catalog rule or security group already joins the two.
   */
  private trafficFromEnvAndIam(): void {
    const joined = new Set<string>();
    for (const e of this.edges.values())
      if (e.kind !== 'depends_on' && e.kind !== 'access') {
        joined.add(`${e.from}\u0000${e.to}`);
        joined.add(`${e.to}\u0000${e.from}`);
      }
    const access = new Map<string, ArchEdge>();
    for (const e of this.edges.values()) if (e.kind === 'access') access.set(`${e.from}\u0000${e.to}`, e);
    const pairs = new Map<
      string,
      { holder: string; target: string; env?: { name: string; value: string } }
    >();
    for (const c of this.envTraffic) {
      const key = `${this.idOf(c.holder)}\u0000${this.idOf(c.target)}`;
      if (!pairs.has(key))
        pairs.set(key, { holder: c.holder, target: c.target, env: { name: c.name, value: c.value } });
    }
    for (const e of access.values()) {
      const holder = this.byId.get(e.from);
      const target = this.addressOfId(e.to);
      const key = `${e.from}\u0000${e.to}`;
      if (holder && target && !pairs.has(key)) pairs.set(key, { holder, target });
    }
    for (const [key, p] of pairs) {
      if (joined.has(key)) continue;
      const kind = this.kindOf(p.target);
      const a = access.get(key);
      let grant = a?.props?.access as 'read' | 'write' | 'read-write' | undefined;
      // Receiving and deleting messages is consuming; only a send verb makes a grant on a queue a publish.
      if (grant && (kind === 'queue' || kind === 'stream' || kind === 'topic'))
        grant = a?.props?.consumes ? 'read' : a?.props?.sends ? 'write' : undefined;
      // A grant that only reads a queue's metadata says the variable naming it is not traffic either.
      if (a && !grant && (kind === 'queue' || kind === 'stream' || kind === 'topic')) continue;
      const how =
        (grant ? connectionForAccess(grant, kind) : undefined) ??
        (p.env ? envConnection(p.env.name, p.env.value, kind) : undefined);
      if (!how) continue;
      const [f, t] = how.direction === 'out' ? [p.holder, p.target] : [p.target, p.holder];
      const hr = this.records.get(p.holder);
      if (!hr) continue;
      this.addEdge(f, t, how.kind, this.source(hr), {
        ...(p.env ? { label: `env ${p.env.name}` } : {}),
        props: { inferred: true, ...(p.env ? { env: p.env.name } : {}), ...(grant ? { iam: grant } : {}) },
      });
    }
  }

  /**
   * Members of each security group: resources that list it in a *security_group* attribute. A launch template
   * or launch configuration (plumbing) passes its groups on to the autoscaling groups and instances built from it.
   */
  private sgMembers(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const groupsOf = (r: Evaluated): string[] => {
      const found: string[] = [];
      for (const [path, refs] of r.refs) {
        if (!/security_group/.test(path.split('.').pop() ?? '')) continue;
        for (const t of this.targets(refs)) if (this.isSecurityGroup(t) && !found.includes(t)) found.push(t);
      }
      return found;
    };
    const carried = new Map<string, string[]>();
    for (const r of this.records.values())
      if (LAUNCH_CARRIERS.has(r.decl.type)) carried.set(r.address, groupsOf(r));
    for (const r of this.records.values()) {
      if (!r.isNode || r.entry?.plumbing || r.decl.type.includes('security_group')) continue;
      const groups = groupsOf(r);
      if (carried.size)
        for (const [path, refs] of r.refs) {
          if (!/launch_(template|configuration)/.test(path)) continue;
          for (const ref of refs)
            for (const g of carried.get(ref) ?? []) if (!groups.includes(g)) groups.push(g);
        }
      for (const t of groups) {
        const list = out.get(t) ?? [];
        if (!list.includes(r.address)) list.push(r.address);
        out.set(t, list);
      }
    }
    return out;
  }

  /** SG A allows SG B on port P → B's members call A's members on P (or B → A when nobody is in them). */
  private securityGroupEdges(): void {
    const rules: { a: string[]; b: string[]; from: unknown; to: unknown; protocol: unknown; r: Evaluated }[] =
      [];
    for (const r of this.records.values()) {
      const v = r.values;
      if (r.decl.type === 'aws_security_group_rule') {
        if (v.type !== 'ingress') continue;
        rules.push({
          a: this.refsAt(r, { tf: 'security_group_id' }),
          b: this.refsAt(r, { tf: 'source_security_group_id' }),
          from: v.from_port,
          to: v.to_port,
          protocol: v.protocol,
          r,
        });
      } else if (r.decl.type === 'aws_vpc_security_group_ingress_rule') {
        rules.push({
          a: this.refsAt(r, { tf: 'security_group_id' }),
          b: this.refsAt(r, { tf: 'referenced_security_group_id' }),
          from: v.from_port,
          to: v.to_port,
          protocol: v.ip_protocol,
          r,
        });
      } else if (r.decl.type === 'aws_security_group') {
        for (const ing of valuesAt(v.ingress, [])) {
          if (!isObject(ing)) continue;
          rules.push({
            a: [r.address],
            b: this.targets(deepRefs(ing.security_groups ?? null)),
            from: ing.from_port,
            to: ing.to_port,
            protocol: ing.protocol,
            r,
          });
        }
      }
    }
    if (rules.length === 0) return;
    const members = this.sgMembers();
    for (const rule of rules) {
      const port =
        typeof rule.from === 'number' && rule.from === rule.to
          ? rule.from
          : typeof rule.from === 'number' && typeof rule.to === 'number'
            ? `${rule.from}-${rule.to}`
            : undefined;
      const protocol =
        typeof rule.protocol === 'string' && rule.protocol !== '-1' ? rule.protocol : undefined;
      const extra: Partial<ArchEdge> = {
        ...(port !== undefined ? { label: `:${port}`, port } : {}),
        ...(protocol ? { protocol } : {}),
        props: { via: 'security-group' },
      };
      for (const a of rule.a) {
        for (const b of rule.b) {
          const to = members.get(a) ?? [a];
          const from = members.get(b) ?? [b];
          for (const f of from)
            for (const t of to)
              this.addEdge(
                f,
                t,
                'calls',
                this.source(rule.r),
                extra,
                port !== undefined ? String(port) : undefined,
              );
        }
      }
    }
  }

  /** Policies attached to a compute node's role whose Resource names another node → access edges. */
  private iamEdges(): void {
    const byRole = new Map<string, Value[]>();
    const addPolicy = (roles: string[], policy: Value | undefined) => {
      if (policy === undefined) return;
      for (const role of roles) byRole.set(role, [...(byRole.get(role) ?? []), policy]);
    };
    const policyValue = (r: Evaluated, path: string): Value[] => {
      const v = valuesAt(r.values, path.split('.'));
      const out: Value[] = [...v];
      // A data aws_iam_policy_document's .json: use the document's statements.
      for (const t of r.refs.get(path) ?? []) {
        const doc = this.records.get(t);
        if (doc?.decl.type === 'aws_iam_policy_document') out.push({ __document: doc.values });
      }
      return out;
    };
    for (const r of this.records.values()) {
      const type = r.decl.type;
      if (type === 'aws_iam_role_policy') {
        for (const p of policyValue(r, 'policy')) addPolicy(this.refsAt(r, { tf: 'role' }), p);
      } else if (type === 'aws_iam_role_policy_attachment' || type === 'aws_iam_policy_attachment') {
        const roles = this.refsAt(r, { tf: type === 'aws_iam_policy_attachment' ? 'roles' : 'role' });
        for (const p of this.refsAt(r, { tf: 'policy_arn' })) {
          const pr = this.records.get(p);
          if (pr) for (const v of policyValue(pr, 'policy')) addPolicy(roles, v);
        }
      } else if (type === 'aws_iam_role') {
        for (const ip of valuesAt(r.values.inline_policy, []))
          if (isObject(ip)) addPolicy([r.address], ip.policy);
        for (const p of this.refsAt(r, { tf: 'managed_policy_arns' })) {
          const pr = this.records.get(p);
          if (pr) for (const v of policyValue(pr, 'policy')) addPolicy([r.address], v);
        }
      }
    }
    if (byRole.size === 0) return;
    const computeRoles: [string, string[]][] = [];
    for (const r of this.records.values()) {
      if (!r.isNode) continue;
      let roles: string[] = [];
      if (r.decl.type === 'aws_lambda_function') roles = this.refsAt(r, { tf: 'role' });
      else if (r.decl.type === 'aws_ecs_task_definition') roles = this.refsAt(r, { tf: 'task_role_arn' });
      else if (r.decl.type === 'aws_instance' || r.decl.type === 'aws_launch_template') {
        roles = this.refsAt(r, { tf: 'iam_instance_profile', via: { tf: 'role' } });
        if (roles.length === 0)
          roles = this.refsAt(r, { tf: 'iam_instance_profile.name', via: { tf: 'role' } });
      }
      if (roles.length === 0) continue;
      let holders = [r.address];
      if (r.decl.type === 'aws_ecs_task_definition') {
        const services = [...this.records.values()]
          .filter(
            (s) =>
              s.decl.type === 'aws_ecs_service' &&
              this.refsAt(s, { tf: 'task_definition' }).includes(r.address),
          )
          .map((s) => s.address);
        if (services.length) holders = services;
      }
      for (const h of holders) computeRoles.push([h, roles]);
    }
    for (const [compute, roles] of computeRoles) {
      const access = new Map<string, Set<'read' | 'write'>>();
      const sends = new Set<string>();
      const consumes = new Set<string>();
      const src = this.source(this.records.get(compute)!);
      for (const role of roles) {
        for (const policy of byRole.get(role) ?? []) {
          for (const st of statements(policy)) {
            for (const t of [...this.targets(st.resources), ...this.literalArnTargets(st.literals)]) {
              if (t === compute || t === role) continue;
              const set = access.get(t) ?? new Set();
              if (st.actions.some((a) => SEND_VERB.test(a.split(':')[1] ?? a))) sends.add(t);
              if (messageFlow(st.actions) === 'read') consumes.add(t);
              for (const m of st.actions.map(actionMode)) {
                if (m === 'read-write') {
                  set.add('read');
                  set.add('write');
                } else set.add(m);
              }
              access.set(t, set);
            }
          }
        }
      }
      for (const [t, set] of access) {
        const label =
          set.has('read') && set.has('write') ? 'read-write' : set.has('write') ? 'write' : 'read';
        this.addEdge(compute, t, 'access', src, {
          label,
          props: {
            access: label,
            ...(sends.has(t) ? { sends: true } : {}),
            ...(consumes.has(t) ? { consumes: true } : {}),
          },
        });
      }
    }
  }

  /** API Gateway REST/HTTP APIs defined by an OpenAPI body: x-amazon-apigateway-integration uris. */
  private openApiEdges(): void {
    for (const r of this.records.values()) {
      if (r.decl.type !== 'aws_api_gateway_rest_api' && r.decl.type !== 'aws_apigatewayv2_api') continue;
      const body = r.values.body;
      if (body === undefined || body === null) continue;
      const src = this.source(r);
      const uris = new Set<string>();
      const literalUris: string[] = [];
      const walk = (v: Value): void => {
        if (v instanceof Unknown) {
          if (v.inner !== undefined) walk(v.inner);
          return;
        }
        if (Array.isArray(v)) v.forEach(walk);
        else if (isObject(v)) {
          const integ = v['x-amazon-apigateway-integration'];
          if (isObject(integ) && integ.uri !== undefined) {
            deepRefs(integ.uri, uris);
            if (typeof integ.uri === 'string') literalUris.push(integ.uri);
          }
          Object.values(v).forEach(walk);
        }
      };
      // A file() body is text: OpenAPI as JSON or YAML.
      walk(typeof body === 'string' ? parseDocument(body) : body);
      // Literal Lambda ARNs in the uris: match the function by name.
      for (const uri of literalUris) {
        const name = /:function:([^/:]+)/.exec(uri)?.[1];
        if (!name) continue;
        for (const fn of this.records.values())
          if (fn.decl.type === 'aws_lambda_function' && fn.values.function_name === name)
            uris.add(fn.address);
      }
      // A rendered template (templatefile/file with interpolations) keeps only its refs.
      if (body instanceof Unknown && body.inner === undefined) deepRefs(body, uris);
      for (const t of this.targets(uris)) {
        const kind = this.records.get(t)?.entry?.kind;
        if (kind === 'function' || kind === 'container' || kind === 'service' || kind === 'load_balancer')
          this.addEdge(r.address, t, 'calls', src, { label: 'integration' });
      }
    }
  }
}

function parseDocument(text: string): Value {
  try {
    return valueFromJson(JSON.parse(text));
  } catch {
    try {
      return valueFromJson(parseYaml(text));
    } catch {
      return null;
    }
  }
}

interface Statement {
  actions: string[];
  resources: Set<string>;
  /** Resources written as literal ARNs (`arn:aws:dynamodb:*:*:table/Orders`). */
  literals?: string[];
}

function strings(v: Value | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Allow statements of a policy: a JSON string, a jsonencode structure, or a policy document's blocks. */
function statements(policy: Value): Statement[] {
  if (isObject(policy) && isObject(policy.__document as Value)) {
    const doc = policy.__document as ValueObject;
    return valuesAt(doc.statement, [])
      .filter(isObject)
      .filter((s) => s.effect !== 'Deny')
      .map((s) => ({
        actions: strings(s.actions),
        resources: deepRefs(s.resources ?? null),
        literals: strings(s.resources),
      }));
  }
  let v: Value = policy;
  if (v instanceof Unknown && v.inner !== undefined) v = v.inner;
  if (typeof v === 'string') {
    try {
      v = valueFromJson(JSON.parse(v));
    } catch {
      return [];
    }
  }
  if (!isObject(v)) return [];
  return valuesAt(v.Statement, [])
    .filter(isObject)
    .filter((s) => s.Effect !== 'Deny')
    .map((s) => ({
      actions: strings(s.Action),
      resources: deepRefs(s.Resource ?? null),
      literals: strings(s.Resource),
    }));
}

const READ_VERBS =
  /^(Get|List|Describe|Receive|Query|Scan|BatchGet|Select|Head|Search|Read|Lookup|Download|Subscribe|Consume)/;

/** Verbs that put something on a queue, topic, stream or bus (deleting a received message is consuming). */
export const SEND_VERB = /^(\*|Send|Publish|Put|StartExecution|Invoke)/;

/** Verbs that take messages or records off a queue, stream or topic. */
const CONSUME_VERB = /^(\*|Receive|GetRecords|GetShardIterator|SubscribeToShard|Consume|Poll)/;

/**
 * What a grant on a queue, stream or topic means for the messages: `write` (sends), `read` (consumes), or
 * nothing when it only reads metadata (GetQueueAttributes: a scaler watching the depth).
 */
export function messageFlow(actions: string[]): 'write' | 'read' | undefined {
  const verbs = actions.map((a) => a.split(':')[1] ?? a);
  // A worker granted Receive and Send on its own queue (to requeue) consumes it.
  if (verbs.some((v) => v !== '*' && CONSUME_VERB.test(v))) return 'read';
  if (verbs.some((v) => SEND_VERB.test(v))) return 'write';
  return undefined;
}

export function actionMode(action: string): 'read' | 'write' | 'read-write' {
  const verb = action.split(':')[1] ?? action;
  if (verb === '*' || verb === '') return 'read-write';
  if (verb.endsWith('*')) {
    const stem = verb.slice(0, -1);
    return READ_VERBS.test(stem) && stem.length > 0 ? 'read' : 'read-write';
  }
  return READ_VERBS.test(verb) ? 'read' : 'write';
}

/** Name/value pairs of an environment input: a map, a list of `{ name, value }`, or container-definition JSON. */
function envEntries(v: Value): [string, Value][] {
  if (v instanceof Unknown) return v.inner !== undefined ? envEntries(v.inner) : [];
  if (typeof v === 'string' && /^\s*[[{]/.test(v)) return envEntries(parseDocument(v));
  if (Array.isArray(v)) return v.flatMap(envEntries);
  if (!isObject(v)) return [];
  if (typeof v.name === 'string' && 'value' in v) return [[v.name, v.value!]];
  if (v.environment !== undefined) return envEntries(v.environment);
  return Object.entries(v).filter(([k]) => k !== 'secrets' && !isSensitiveName(k));
}

/** An address (`http://${…}`, a DNS name) means calls; otherwise the name and the target's kind decide. */
function envConnection(
  name: string,
  value: Value,
  targetKind: ArchNode['kind'] | undefined,
  hint = '',
): Inferred | undefined {
  return envLike(name, value, targetKind) ?? inferConnection(name, targetKind, hint);
}

/** Inputs of an unknown module that send requests to what they name. */
const ROUTE_INPUT = /(^|_)(routes?|integrations?|targets?|backends?|upstreams?|handlers?|origins?)($|_)/;

function envLike(name: string, value: Value, targetKind: ArchNode['kind'] | undefined): Inferred | undefined {
  const text = value instanceof Unknown ? value.text : typeof value === 'string' ? value : '';
  const compute = [
    'function',
    'container',
    'service',
    'load_balancer',
    'api_gateway',
    'module',
    'generic',
    'external',
  ];
  if (
    targetKind &&
    compute.includes(targetKind) &&
    (/:\/\//.test(text) || /(url|endpoint|host|dns_name|address)/i.test(`${name} ${text}`))
  )
    return { kind: 'calls', direction: 'out' };
  return undefined;
}

/** IAM statements given to a module: a map or list of `{ actions, resources }`, or a policy JSON document. */
function moduleStatements(v: Value): Statement[] {
  if (typeof v === 'string' || v instanceof Unknown) return statements(v);
  if (isObject(v) && (v.Statement !== undefined || v.statement !== undefined)) return statements(v);
  const list = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
  return list
    .filter(isObject)
    .filter((st) => st.effect !== 'Deny' && st.Effect !== 'Deny')
    .map((st) => ({
      actions: strings(st.actions ?? st.Action),
      resources: deepRefs(st.resources ?? st.Resource ?? null),
    }));
}

/** Kinds a catalog traffic rule never ends at (a stage configuration naming a token secret). */
const NOT_TRAFFIC_TARGETS = new Set<string>(['secret', 'identity']);

/** Listeners: an API integration naming one routes to its load balancer. */
const LISTENERS = new Set(['aws_lb_listener', 'aws_alb_listener']);

/** What an API Gateway can route a request to. */
const ROUTED = new Set<string>([
  'function',
  'load_balancer',
  'container',
  'service',
  'external',
  'api_gateway',
  'cdn',
]);

/** Target groups: a load balancer's routes pass through them to the targets. */
const TARGET_GROUPS = new Set(['aws_lb_target_group', 'aws_alb_target_group']);

/** Plumbing that hands its security groups to what is launched from it. */
const LAUNCH_CARRIERS = new Set(['aws_launch_template', 'aws_launch_configuration']);

/** Resource names that say nothing (`this`, `main`): inside a module the call name tells instances apart. */
const GENERIC_NAMES = new Set(['this', 'main', 'default', 'primary', 'self', 'resource']);

/** `module.send_receipt.aws_lambda_function.this[0]` → `send_receipt` (with the module's own instance key). */
function moduleLabel(address: string, resourceName: string): string | undefined {
  if (!GENERIC_NAMES.has(resourceName)) return undefined;
  const calls = [...address.matchAll(/module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./g)];
  const last = calls[calls.length - 1];
  return last ? `${last[1]}${last[2] ?? ''}` : undefined;
}
