// Stacks → nodes and edges. Each resource becomes a node through the catalog's CloudFormation type; edges come from
// the catalog's edge and link rules, environment variables, IAM statements (roles, SAM policy templates, Serverless
// iamRoleStatements), SAM events, Step Functions definitions and API definitions.
import { dirname, relative, resolve } from 'node:path';
import {
  kindForUnknownType,
  lookupArn,
  lookupCloudFormationType,
  parseArn,
  samPolicyTemplates,
} from '../../src/catalog/index.js';
import type { AttrPath, CatalogEntry } from '../../src/catalog/types.js';
import { edgeId } from '../../src/model/graph.js';
import { type EdgeKind, type NodeKind, TRAFFIC_EDGE_KINDS } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode, Source } from '../../src/model/schema.js';
import { looksLikeSecretName, looksLikeSecretValue } from '../../src/model/secrets.js';
import { accessEdges, grantOf } from './access.js';
import { ANALYZER, isRecord, type RawResource, type Stack, type Workspace } from './template.js';
import {
  type CfnObject,
  type CfnValue,
  displayOf,
  Interp,
  isObj,
  plain,
  RefV,
  refsIn,
  valuesAt,
} from './values.js';

const TRAFFIC = new Set<EdgeKind>(TRAFFIC_EDGE_KINDS);

/** Types that only hold metadata and are never drawn. */
const SKIP_TYPES = new Set(['AWS::CDK::Metadata', 'AWS::Serverless::Connector']);

export interface Statement {
  actions: string[];
  resources: CfnValue[];
  line?: number;
}

/** A resource with its resolved properties. */
export interface Rec {
  stack: Stack;
  res: RawResource;
  id: string;
  type: string;
  entry: CatalogEntry | undefined;
  values: CfnObject;
  node?: ArchNode;
}

export class CfnGraphBuilder {
  readonly nodes = new Map<string, ArchNode>();
  readonly edges = new Map<string, ArchEdge>();
  readonly recs = new Map<string, Rec>();
  /** Statements granted directly to a compute node (SAM Policies, Serverless iam statements). */
  readonly policies = new Map<string, Statement[]>();
  /** Edges found by the flavour-specific readers (SAM events, Serverless events, CDK source). */
  private readonly permissionEdges = new Set<string>();

  constructor(
    readonly ws: Workspace,
    /** Absolute scan root: paths in props and provenance are relative to it. */
    readonly root: string,
  ) {}

  rel(abs: string): string {
    return relative(this.root, abs).split('\\').join('/') || '.';
  }

  source(r: Rec, line?: number): Source {
    return {
      analyzer: ANALYZER,
      file: r.stack.file,
      line: line ?? r.res.line ?? 1,
      address: r.res.logicalId,
    };
  }

  // Records --------------------------------------------------------------------------------------------

  collect(): void {
    for (const stack of this.ws.stacks) {
      this.groupNode(stack);
      for (const res of stack.resources.values()) {
        if (SKIP_TYPES.has(res.type)) continue;
        if (stack.children.has(res.logicalId)) continue;
        if (res.condition && stack.condition(res.condition, res.line) === false) continue;
        const values = (stack.resolve(res.properties, res.line) ?? {}) as CfnObject;
        const id = stack.idOf(res.logicalId);
        this.recs.set(id, {
          stack,
          res,
          id,
          type: res.type,
          entry: lookupCloudFormationType(res.type),
          values: isObj(values) ? values : {},
        });
      }
    }
  }

  private groupNode(stack: Stack): void {
    const parent = stack.parent;
    this.nodes.set(stack.name, {
      id: stack.name,
      kind: 'group',
      name: stack.name.split('/').pop() ?? stack.name,
      provider: 'aws',
      service: 'AWS::CloudFormation::Stack',
      props: { stackName: stack.name, flavor: stack.flavor },
      tags: {},
      sources: [{ analyzer: ANALYZER, file: stack.file, line: 1 }],
      ...(parent ? { parent: parent.name } : {}),
    });
  }

  // Nodes ----------------------------------------------------------------------------------------------

  buildNodes(): void {
    for (const r of this.recs.values()) {
      const entry = r.entry;
      const tags: Record<string, string> = {};
      const t = r.values.Tags;
      if (Array.isArray(t)) {
        for (const x of t)
          if (isObj(x) && typeof x.Key === 'string' && typeof x.Value === 'string') tags[x.Key] = x.Value;
      } else if (isObj(t)) for (const [k, v] of Object.entries(t)) if (typeof v === 'string') tags[k] = v;
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.values)) {
        if (k === 'Tags' || looksLikeSecretName(k)) continue;
        const p = scrub(plain(v));
        if (p !== undefined) props[k] = p;
      }
      props.logicalId = r.res.logicalId;
      // The deployed stack's name, as the live resource's `aws:cloudformation:stack-name` tag says it.
      if (!r.stack.parent) props.stack = r.stack.name;
      props.cfnType = r.type;
      if (r.res.condition) props.condition = r.res.condition;
      const nameAttr = entry?.nameAttr?.cfn;
      const physical = nameAttr ? r.values[nameAttr] : undefined;
      const cdkPath = r.res.metadata['aws:cdk:path'];
      if (typeof cdkPath === 'string') props.cdkPath = cdkPath;
      const fallback =
        r.stack.flavor === 'cdk'
          ? (r.id.split('/').pop() ?? r.res.logicalId)
          : r.id.slice(r.stack.name.length + 1) || r.res.logicalId;
      if (!entry) props.unknownType = true;
      const node: ArchNode = {
        id: r.id,
        kind: entry?.kind ?? kindForUnknownType(snakeType(r.type)),
        name: typeof physical === 'string' && physical ? physical : fallback,
        provider: 'aws',
        service: entry?.tfType ?? r.type,
        props,
        tags,
        sources: [this.source(r)],
        ...(entry?.plumbing ? { plumbing: true } : {}),
      };
      r.node = node;
      this.nodes.set(node.id, node);
    }
  }

  /** Lambda code location in the Terraform analyzer's shape: handler + source_dir (root-relative). */
  codeLocation(r: Rec, codeDir: string | undefined, handler: string | undefined, entryFile?: string): void {
    const node = r.node;
    if (!node) return;
    if (codeDir) node.props.source_dir = this.rel(codeDir);
    if (entryFile) node.props.entry = this.rel(entryFile);
    if (handler) node.props.handler = handler;
  }

  assignParents(): void {
    for (const r of this.recs.values()) {
      const node = r.node!;
      for (const rule of r.entry?.containment ?? []) {
        const targets = this.targetsAt(r, rule).filter((t) => this.nodes.get(t)?.kind === rule.group);
        if (targets.length === 0) continue;
        if (targets.length === 1 || rule.group === 'vpc') node.parent = targets[0]!;
        else {
          const vpcs = new Set(targets.map((t) => this.nodes.get(t)?.parent));
          const vpc = [...vpcs][0];
          node.parent = vpcs.size === 1 && vpc ? vpc : targets[0]!;
          node.props.subnets = targets;
        }
        break;
      }
      node.parent ??= r.stack.name;
    }
  }

  // Edges ----------------------------------------------------------------------------------------------

  addEdge(
    from: string,
    to: string,
    kind: EdgeKind,
    src: Source,
    extra: Partial<ArchEdge> = {},
    disc?: string,
  ): string | undefined {
    if (from === to || !this.nodes.has(from) || !this.nodes.has(to)) return undefined;
    if (this.nodes.get(from)?.kind === 'group' || this.nodes.get(to)?.kind === 'group') return undefined;
    const id = edgeId(from, to, kind, disc);
    const prev = this.edges.get(id);
    if (prev) {
      if (!prev.sources.some((s) => s.file === src.file && s.line === src.line)) prev.sources.push(src);
      return id;
    }
    this.edges.set(id, { id, from, to, kind, ...extra, sources: [src] });
    return id;
  }

  /** Node ids referenced by a value (references to nodes, or literal ARNs/names of scanned resources). */
  targetsOf(v: CfnValue | undefined): string[] {
    const out = new Set<string>();
    for (const ref of refsIn(v)) if (this.nodes.has(ref.target)) out.add(ref.target);
    for (const text of texts(v)) for (const t of this.byArnText(text)) out.add(t);
    return [...out].sort();
  }

  targetsAt(r: Rec, path: AttrPath | undefined): string[] {
    if (!path?.cfn) return [];
    let targets = this.targetsOf(valuesAt(r.values, path.cfn.split('.')) as CfnValue);
    if (path.via) {
      const via = path.via;
      targets = [
        ...new Set(
          targets.flatMap((t) => {
            const tr = this.recs.get(t);
            return tr ? this.targetsAt(tr, via) : [];
          }),
        ),
      ].sort();
    }
    return targets;
  }

  /** A literal physical name (`orders-dev-table`, as Serverless variables resolve to) → the one resource so named. */
  private byPhysicalName(v: CfnValue): string | undefined {
    if (typeof v !== 'string' || v.length < 3) return undefined;
    const hits = [...this.nodes.values()].filter((n) => n.name === v && n.kind !== 'group' && !n.plumbing);
    return hits.length === 1 ? hits[0]!.id : undefined;
  }

  /** A literal ARN (`arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:orders`) → the scanned resource of that name. */
  private byArnText(text: string): string[] {
    if (!text.startsWith('arn:')) return [];
    const arn = text.replace(/\$\{[^}]*\}/g, 'x');
    const entry = lookupArn(arn);
    const parsed = parseArn(arn);
    if (!entry || !parsed) return [];
    // `arn:aws:s3:::bucket/*`: the bucket is the part before the key pattern.
    const base =
      parsed.resourceName === '*' || parsed.resourceName === ''
        ? (parsed.resourceType ?? '')
        : parsed.resourceName;
    const name = base.replace(/\/\*$|\*$/, '').split('/')[0]!;
    if (!name || name.includes('*')) return [];
    const out: string[] = [];
    for (const n of this.nodes.values()) if (n.service === entry.tfType && n.name === name) out.push(n.id);
    return out;
  }

  buildEdges(): void {
    const consumedByEnv = new Map<string, Set<string>>();
    for (const r of this.recs.values()) this.envEdges(r, consumedByEnv);
    for (const r of this.recs.values()) {
      const src = this.source(r);
      const consumed = new Set<string>();
      for (const rule of r.entry?.containment ?? []) if (rule.cfn) consumed.add(rule.cfn);
      for (const rule of r.entry?.edges ?? []) {
        if (!rule.cfn) continue;
        consumed.add(rule.cfn);
        if (r.type.startsWith('AWS::StepFunctions::') || r.type === 'AWS::Serverless::StateMachine') continue;
        for (const t of this.targetsAt(r, rule)) {
          const extra = rule.label ? { label: rule.label } : {};
          if (rule.direction === 'out') this.addEdge(r.id, t, rule.kind, src, extra);
          else this.addEdge(t, r.id, rule.kind, src, extra);
        }
      }
      for (const link of r.entry?.links ?? []) {
        if (!link.from.cfn || !link.to.cfn) continue;
        consumed.add(link.from.cfn).add(link.to.cfn);
        for (const f of preferDrawn(this.nodes, this.targetsAt(r, link.from)))
          for (const t of preferDrawn(this.nodes, this.targetsAt(r, link.to))) {
            const id = this.addEdge(f, t, link.kind, src, link.label ? { label: link.label } : {});
            if (id && r.type === 'AWS::Lambda::Permission') this.permissionEdges.add(id);
          }
      }
      // Every other reference is a plain dependency (skipped for env vars, which have their own edges).
      const envTargets = consumedByEnv.get(r.id) ?? new Set();
      for (const [key, v] of Object.entries(r.values)) {
        if ([...consumed].some((c) => c === key || c.startsWith(`${key}.`))) {
          // The rule covered one path under this key; other references under it still count as dependencies.
          if ([...consumed].includes(key)) continue;
        }
        if (key === 'Environment' || key === 'ContainerDefinitions' || key === 'Policies' || key === 'Events')
          continue;
        for (const t of this.targetsOf(v)) if (!envTargets.has(t)) this.addEdge(r.id, t, 'depends_on', src);
      }
    }
    this.stateMachineEdges();
    this.apiDefinitionEdges();
  }

  /** The edges that need every other reader's grants first, then pruning. */
  finishEdges(): void {
    this.iamEdges();
    this.securityGroupEdges();
    this.prune();
  }

  /** Environment variables of Lambda functions and ECS task definitions (copied onto their services). */
  private envEdges(r: Rec, consumed: Map<string, Set<string>>): void {
    const env: Record<string, string> = {};
    const envRefs: Record<string, string> = {};
    const add = (name: unknown, value: CfnValue | undefined) => {
      if (typeof name !== 'string' || value === undefined) return;
      if (looksLikeSecretName(name) || looksLikeSecretValue(value)) return;
      env[name] = displayOf(value);
      const target = this.targetsOf(value)[0] ?? this.byPhysicalName(value);
      if (target) envRefs[name] = target;
    };
    const entryType = r.entry?.tfType;
    if (entryType === 'aws_lambda_function') {
      for (const vars of valuesAt(r.values, ['Environment', 'Variables']))
        if (isObj(vars)) for (const [k, v] of Object.entries(vars)) add(k, v);
    } else if (entryType === 'aws_ecs_task_definition') {
      for (const e of valuesAt(r.values, ['ContainerDefinitions', 'Environment']))
        if (isObj(e)) add(e.Name, e.Value);
    } else return;
    if (Object.keys(env).length === 0) return;
    const holders = [r];
    if (entryType === 'aws_ecs_task_definition') {
      const services = [...this.recs.values()].filter(
        (s) =>
          s.entry?.tfType === 'aws_ecs_service' &&
          this.targetsAt(s, { cfn: 'TaskDefinition' }).includes(r.id),
      );
      if (services.length) holders.splice(0, 1, ...services);
    }
    const targets = new Set<string>();
    for (const h of holders) {
      h.node!.props.env = { ...env };
      h.node!.props.envRefs = { ...envRefs };
      for (const [name, target] of Object.entries(envRefs)) {
        targets.add(target);
        this.addEdge(
          h.id,
          target,
          'depends_on',
          this.source(h),
          { label: `env ${name}`, props: { env: name } },
          `env:${name}`,
        );
      }
    }
    consumed.set(r.id, targets);
  }

  /** Amazon States Language definitions: every resource a task names is called, published to or written. */
  private stateMachineEdges(): void {
    for (const r of this.recs.values()) {
      if (r.entry?.tfType !== 'aws_sfn_state_machine') continue;
      const src = this.source(r);
      const parts: CfnValue[] = [];
      for (const key of ['Definition', 'DefinitionString', 'DefinitionSubstitutions']) {
        const v = r.values[key];
        if (v !== undefined) parts.push(v);
      }
      const text = parts
        .map((p) =>
          typeof p === 'string' ? p : p instanceof Interp ? p.text : JSON.stringify(plain(p) ?? ''),
        )
        .join(' ');
      for (const t of this.targetsOf(parts)) {
        const kind = this.nodes.get(t)?.kind;
        if (kind === 'identity' || kind === 'network') continue;
        for (const k of stateMachineKinds(kind, text)) this.addEdge(r.id, t, k, src, { label: 'task' });
      }
    }
  }

  /** OpenAPI bodies of REST and HTTP APIs: `x-amazon-apigateway-integration` uris name their backends. */
  private apiDefinitionEdges(): void {
    for (const r of this.recs.values()) {
      const tf = r.entry?.tfType;
      if (tf !== 'aws_api_gateway_rest_api' && tf !== 'aws_apigatewayv2_api') continue;
      const body = r.values.DefinitionBody ?? r.values.Body;
      if (body === undefined) continue;
      const src = this.source(r);
      const uris: CfnValue[] = [];
      // HTTP API first-class integrations (`integrationSubtype: SQS-SendMessage`…) name their target in
      // requestParameters (QueueUrl, EventBusName, StreamName, StateMachineArn).
      const sends: CfnValue[] = [];
      const starts: CfnValue[] = [];
      const walk = (v: CfnValue, depth: number): void => {
        if (depth > 30) return;
        if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
        else if (isObj(v)) {
          const integ = v['x-amazon-apigateway-integration'];
          if (isObj(integ) && integ.uri !== undefined) uris.push(integ.uri);
          if (
            isObj(integ) &&
            typeof integ.integrationSubtype === 'string' &&
            isObj(integ.requestParameters)
          ) {
            const into = /^StepFunctions-/.test(integ.integrationSubtype) ? starts : sends;
            for (const [k, x] of Object.entries(integ.requestParameters))
              if (/^(QueueUrl|EventBusName|StreamName|StateMachineArn)$/.test(k)) into.push(x);
          }
          for (const x of Object.values(v)) walk(x, depth + 1);
        }
      };
      walk(body, 0);
      for (const t of this.targetsOf(uris)) this.addEdge(r.id, t, 'calls', src, { label: 'integration' });
      for (const t of this.targetsOf(sends))
        this.addEdge(r.id, t, 'publishes', src, { label: 'integration' });
      for (const t of this.targetsOf(starts)) this.addEdge(r.id, t, 'calls', src, { label: 'integration' });
    }
  }

  /** Statements of roles (inline, managed, AWS::IAM::Policy) and of compute nodes themselves → traffic edges. */
  private iamEdges(): void {
    const byRole = new Map<string, Statement[]>();
    const addDoc = (roles: string[], doc: CfnValue | undefined, line?: number) => {
      const st = statementsOf(doc, line);
      if (st.length === 0) return;
      for (const role of roles) byRole.set(role, [...(byRole.get(role) ?? []), ...st]);
    };
    for (const r of this.recs.values()) {
      if (r.type === 'AWS::IAM::Role') {
        for (const p of valuesAt(r.values, ['Policies']))
          if (isObj(p)) addDoc([r.id], p.PolicyDocument, r.res.line);
        for (const p of this.targetsOf(r.values.ManagedPolicyArns)) {
          const pr = this.recs.get(p);
          if (pr) addDoc([r.id], pr.values.PolicyDocument, pr.res.line);
        }
      } else if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
        addDoc(this.targetsOf(r.values.Roles), r.values.PolicyDocument, r.res.line);
      }
    }
    const principals = new Map<string, Statement[]>();
    for (const [id, st] of this.policies) principals.set(id, [...st]);
    for (const r of this.recs.values()) {
      const tf = r.entry?.tfType;
      let roles: string[] = [];
      if (tf === 'aws_lambda_function') roles = this.targetsOf(r.values.Role);
      else if (tf === 'aws_sfn_state_machine') roles = this.targetsOf(r.values.RoleArn);
      else if (tf === 'aws_ecs_task_definition') roles = this.targetsOf(r.values.TaskRoleArn);
      if (roles.length === 0) continue;
      let holders = [r.id];
      if (tf === 'aws_ecs_task_definition') {
        const services = [...this.recs.values()]
          .filter(
            (s) =>
              s.entry?.tfType === 'aws_ecs_service' &&
              this.targetsAt(s, { cfn: 'TaskDefinition' }).includes(r.id),
          )
          .map((s) => s.id);
        if (services.length) holders = services;
      }
      for (const h of holders)
        for (const role of roles)
          principals.set(h, [...(principals.get(h) ?? []), ...(byRole.get(role) ?? [])]);
    }
    for (const [principal, statements] of principals) {
      const rec = this.recs.get(principal);
      const node = this.nodes.get(principal);
      if (!node) continue;
      // Actions per target over every statement: one `access` edge per pair, as the Terraform analyzer draws it.
      const granted = new Map<string, { actions: string[]; src: Source }>();
      for (const st of statements) {
        const src: Source = rec ? this.source(rec, st.line) : (node.sources[0] ?? { analyzer: ANALYZER });
        const targets = new Map<string, boolean>();
        for (const res of st.resources) {
          const stream =
            refsIn(res).some((x) => x.attr === 'StreamArn') || texts(res).some((x) => /\/stream\//.test(x));
          for (const t of this.targetsOf(res)) targets.set(t, (targets.get(t) ?? false) || stream);
        }
        for (const [t, stream] of [...targets].sort(([a], [b]) => (a < b ? -1 : 1))) {
          if (t === principal) continue;
          const target = this.nodes.get(t)!;
          const g = granted.get(t) ?? { actions: [], src };
          g.actions.push(...st.actions);
          granted.set(t, g);
          const grant = grantOf(st.actions)?.access;
          for (const e of accessEdges(st.actions, target.kind, stream)) {
            const [from, to] = e.inbound ? [t, principal] : [principal, t];
            this.addEdge(from, to, e.kind, src, {
              label: 'iam',
              props: { via: 'iam', ...(grant ? { iam: grant } : {}) },
            });
          }
        }
      }
      for (const [t, g] of [...granted].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const grant = grantOf(g.actions);
        if (grant)
          this.addEdge(principal, t, 'access', g.src, {
            label: grant.access,
            props: { access: grant.access, ...(grant.sends ? { sends: true } : {}) },
          });
      }
    }
  }

  /** SG ingress: members of the source group call members of the group that allows them. */
  private securityGroupEdges(): void {
    const rules: { to: string[]; from: string[]; port?: number | string; r: Rec }[] = [];
    for (const r of this.recs.values()) {
      if (r.type === 'AWS::EC2::SecurityGroupIngress')
        rules.push({
          to: this.targetsOf(r.values.GroupId),
          from: this.targetsOf(r.values.SourceSecurityGroupId),
          port: portOf(r.values),
          r,
        });
      else if (r.type === 'AWS::EC2::SecurityGroup')
        for (const ing of valuesAt(r.values, ['SecurityGroupIngress']))
          if (isObj(ing))
            rules.push({ to: [r.id], from: this.targetsOf(ing.SourceSecurityGroupId), port: portOf(ing), r });
    }
    if (rules.length === 0) return;
    const members = new Map<string, string[]>();
    for (const r of this.recs.values()) {
      if (r.entry?.plumbing || r.type.startsWith('AWS::EC2::SecurityGroup')) continue;
      const sgs = new Set<string>();
      const walk = (v: CfnValue, key: string, depth: number) => {
        if (depth > 8) return;
        if (/SecurityGroup/.test(key)) for (const t of this.targetsOf(v)) sgs.add(t);
        else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
        else if (Array.isArray(v)) for (const x of v) walk(x, key, depth + 1);
      };
      walk(r.values, '', 0);
      for (const sg of sgs)
        if (this.recs.get(sg)?.type === 'AWS::EC2::SecurityGroup')
          members.set(sg, [...(members.get(sg) ?? []), r.id]);
    }
    for (const rule of rules)
      for (const a of rule.to)
        for (const b of rule.from)
          for (const f of members.get(b) ?? [b])
            for (const t of members.get(a) ?? [a])
              this.addEdge(
                f,
                t,
                'calls',
                this.source(rule.r),
                {
                  ...(rule.port !== undefined ? { label: `:${rule.port}`, port: rule.port } : {}),
                  props: { via: 'security-group' },
                },
                rule.port !== undefined ? String(rule.port) : undefined,
              );
  }

  /** A permission edge says nothing new when traffic already joins the pair; a plain reference likewise. */
  private prune(): void {
    const traffic = new Set<string>();
    for (const e of this.edges.values())
      if (TRAFFIC.has(e.kind) && !this.permissionEdges.has(e.id)) traffic.add(`${e.from}\u0000${e.to}`);
    for (const id of this.permissionEdges) {
      const e = this.edges.get(id);
      if (e && traffic.has(`${e.from}\u0000${e.to}`)) this.edges.delete(id);
    }
    const typed = new Set<string>();
    for (const e of this.edges.values())
      if (e.kind !== 'depends_on' || e.label) typed.add(`${e.from}\u0000${e.to}`);
    for (const [id, e] of this.edges)
      if (e.kind === 'depends_on' && !e.label && typed.has(`${e.from}\u0000${e.to}`)) this.edges.delete(id);
  }

  /** SAM policy templates and inline statements, Serverless statements: granted to `principal` directly. */
  grant(principal: string, statements: Statement[]): void {
    if (statements.length)
      this.policies.set(principal, [...(this.policies.get(principal) ?? []), ...statements]);
  }

  /** `Policies:` of a SAM function or state machine: template names, inline statements, managed policy names. */
  samPolicies(r: Rec): Statement[] {
    const out: Statement[] = [];
    const list = r.values.Policies;
    for (const p of Array.isArray(list) ? list : list !== undefined ? [list] : []) {
      if (!isObj(p)) continue;
      if (p.Statement !== undefined) {
        out.push(...statementsOf(p, r.res.line));
        continue;
      }
      for (const [name, args] of Object.entries(p)) {
        const tpl = samPolicyTemplates[name];
        if (!tpl) continue;
        const arg = isObj(args) ? args[tpl.param] : undefined;
        if (arg === undefined) continue;
        const resources: CfnValue[] = [arg];
        // A literal name: find the resource of that type and name.
        if (typeof arg === 'string') {
          const entry = lookupCloudFormationType(tpl.cfnType);
          for (const n of this.nodes.values())
            if (n.service === entry?.tfType && (n.name === arg || n.props.logicalId === arg))
              resources.push(new RefV(n.id, undefined, arg));
        }
        out.push({ actions: [...tpl.actions], resources, ...(r.res.line ? { line: r.res.line } : {}) });
      }
    }
    return out;
  }

  /** The directory of a template, for CodeUri and local paths. */
  dirOf(r: Rec): string {
    return dirname(r.stack.abs);
  }

  resolvePath(r: Rec, p: string): string {
    return resolve(this.dirOf(r), p);
  }
}

/** Of several targets, the drawn ones: `${Api}/${Api.Stage}/POST/x` names the API, not its stage. */
function preferDrawn(nodes: Map<string, ArchNode>, ids: string[]): string[] {
  const drawn = ids.filter((id) => !nodes.get(id)?.plumbing);
  return drawn.length > 0 ? drawn : ids;
}

function stateMachineKinds(kind: NodeKind | undefined, text: string): EdgeKind[] {
  switch (kind) {
    case 'queue':
    case 'topic':
    case 'stream':
      return ['publishes'];
    case 'database':
    case 'storage':
    case 'cache': {
      const reads = /dynamodb:(getItem|query|scan)|s3:getObject/i.test(text);
      const writes = /dynamodb:(putItem|updateItem|deleteItem)|s3:putObject/i.test(text);
      return reads && !writes
        ? ['reads']
        : writes && !reads
          ? ['writes']
          : reads
            ? ['reads', 'writes']
            : ['writes'];
    }
    default:
      return ['calls'];
  }
}

/** Allow statements of a policy document. */
export function statementsOf(doc: CfnValue | undefined, line?: number): Statement[] {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d) as CfnValue;
    } catch {
      return [];
    }
  }
  if (!isObj(d)) return [];
  const list = d.Statement;
  const out: Statement[] = [];
  for (const s of Array.isArray(list) ? list : list !== undefined ? [list] : []) {
    if (!isObj(s) || s.Effect === 'Deny') continue;
    const actions = (Array.isArray(s.Action) ? s.Action : [s.Action]).filter(
      (a): a is string => typeof a === 'string',
    );
    const resources = Array.isArray(s.Resource) ? s.Resource : s.Resource !== undefined ? [s.Resource] : [];
    out.push({ actions, resources, ...(line ? { line } : {}) });
  }
  return out;
}

/** Literal texts (and the known text of Interps) inside a value. */
function texts(v: CfnValue | undefined, out: string[] = [], depth = 0): string[] {
  if (v === undefined || depth > 50) return out;
  if (typeof v === 'string') out.push(v);
  else if (v instanceof Interp) out.push(v.text);
  else if (Array.isArray(v)) for (const x of v) texts(x, out, depth + 1);
  else if (isObj(v)) for (const x of Object.values(v)) texts(x, out, depth + 1);
  return out;
}

function portOf(v: CfnObject): number | string | undefined {
  const from = v.FromPort;
  const to = v.ToPort;
  if (typeof from === 'number' && from === to) return from;
  if (typeof from === 'number' && typeof to === 'number') return `${from}-${to}`;
  return undefined;
}

function scrub(v: unknown, depth = 0): unknown {
  if (depth > 50) return undefined;
  if (looksLikeSecretValue(v)) return undefined;
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (looksLikeSecretName(k)) continue;
      const s = scrub(x, depth + 1);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return v;
}

/** `AWS::Foo::BarQueue` → `aws_foo_bar_queue`, for the kind guess of unknown types. */
function snakeType(type: string): string {
  return type
    .split('::')
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .join('_');
}
