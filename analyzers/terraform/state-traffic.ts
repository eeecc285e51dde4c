// Traffic from real attribute values alone (tfstate, show -json, plan JSON without configuration): security-group
// ids in ingress rules → the members of those groups, ARNs in IAM policies → what the compute may call, names and
// hosts in env vars → what the compute talks to, load balancer → target group → target. The same edges as HCL.
import type { EdgeKind, NodeKind } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode } from '../../src/model/schema.js';
import { connectionForAccess, envConnection } from '../shared/connections.js';
import { actionMode, messageFlow, SEND_VERB } from './graph.js';

/** The part of a state resource instance read here (state-graph's ResourceInstance). */
interface ResourceInstance {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

type AddEdge<I> = (
  from: string,
  to: string,
  kind: EdgeKind,
  inst: I,
  extra?: Partial<ArchEdge>,
  discriminator?: string,
) => void;

export interface StateTrafficInput<I extends ResourceInstance> {
  managed: I[];
  nodes: Map<string, ArchNode>;
  edges: Map<string, ArchEdge>;
  /** A real value (id, ARN, name, host) → the address that owns it. */
  resolve(value: string): string | undefined;
  addEdge: AddEdge<I>;
}

const SG_TYPES = new Set(['aws_security_group']);
const CARRIERS = new Set(['aws_launch_template', 'aws_launch_configuration']);
const TARGET_GROUPS = new Set(['aws_lb_target_group', 'aws_alb_target_group']);

/** Every string under a value whose key path ends in a `*security_group*` name. */
function groupIds(values: unknown, key = '', depth = 0, out: string[] = []): string[] {
  if (depth > 6) return out;
  if (typeof values === 'string') {
    if (/security_group/.test(key)) out.push(values);
  } else if (Array.isArray(values)) for (const v of values) groupIds(v, key, depth + 1, out);
  else if (values && typeof values === 'object')
    for (const [k, v] of Object.entries(values)) groupIds(v, k, depth + 1, out);
  return out;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function first(v: unknown): Record<string, unknown> | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return x && typeof x === 'object' ? (x as Record<string, unknown>) : undefined;
}

function parsePolicy(text: unknown): { actions: string[]; resources: string[] }[] {
  if (typeof text !== 'string') return [];
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return list
      .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
      .filter((s) => s.Effect !== 'Deny')
      .map((s) => ({ actions: strings(s.Action), resources: strings(s.Resource) }));
  } catch {
    return [];
  }
}

export function stateTraffic<I extends ResourceInstance>(input: StateTrafficInput<I>): void {
  const { managed, nodes, resolve, addEdge } = input;
  const byAddress = new Map(managed.map((i) => [i.address, i]));
  const kindOf = (a: string): NodeKind | undefined => nodes.get(a)?.kind;
  const traffic = () => {
    const joined = new Set<string>();
    for (const e of input.edges.values())
      if (e.kind !== 'depends_on' && e.kind !== 'access') joined.add(`${e.from}\u0000${e.to}`);
    return joined;
  };

  // Security groups: members, then rules.
  const groupsOfCarrier = new Map<string, string[]>();
  for (const i of managed)
    if (CARRIERS.has(i.type))
      groupsOfCarrier.set(
        i.address,
        groupIds(i.values)
          .map(resolve)
          .filter((a): a is string => !!a),
      );
  const members = new Map<string, string[]>();
  const join = (group: string, member: string) => {
    const list = members.get(group) ?? [];
    if (!list.includes(member)) list.push(member);
    members.set(group, list);
  };
  for (const i of managed) {
    const node = nodes.get(i.address);
    if (!node || node.plumbing || i.type.includes('security_group')) continue;
    for (const id of groupIds(i.values)) {
      const g = resolve(id);
      if (g && SG_TYPES.has(byAddress.get(g)?.type ?? '')) join(g, i.address);
    }
    const lt =
      first(i.values.launch_template) ??
      first(first(first(i.values.mixed_instances_policy)?.launch_template)?.launch_template_specification);
    const ltId = lt ? (lt.id ?? lt.launch_template_id ?? lt.name) : i.values.launch_configuration;
    const carrier = typeof ltId === 'string' ? resolve(ltId) : undefined;
    for (const g of carrier ? (groupsOfCarrier.get(carrier) ?? []) : []) join(g, i.address);
  }
  const rules: { a: string; b: string; port?: number | string; protocol?: string; inst: I }[] = [];
  const portOf = (from: unknown, to: unknown) =>
    typeof from === 'number' && from === to
      ? from
      : typeof from === 'number' && typeof to === 'number' && from > 0
        ? `${from}-${to}`
        : undefined;
  const protocolOf = (p: unknown) => (typeof p === 'string' && p !== '-1' && p !== 'all' ? p : undefined);
  for (const i of managed) {
    const v = i.values;
    if (i.type === 'aws_security_group') {
      for (const ing of Array.isArray(v.ingress) ? v.ingress : []) {
        if (!ing || typeof ing !== 'object') continue;
        const r = ing as Record<string, unknown>;
        for (const id of strings(r.security_groups)) {
          const b = resolve(id);
          if (b)
            rules.push({
              a: i.address,
              b,
              port: portOf(r.from_port, r.to_port),
              protocol: protocolOf(r.protocol),
              inst: i,
            });
        }
      }
    } else if (i.type === 'aws_security_group_rule' && v.type === 'ingress') {
      const a = typeof v.security_group_id === 'string' ? resolve(v.security_group_id) : undefined;
      const b =
        typeof v.source_security_group_id === 'string' ? resolve(v.source_security_group_id) : undefined;
      if (a && b)
        rules.push({ a, b, port: portOf(v.from_port, v.to_port), protocol: protocolOf(v.protocol), inst: i });
    } else if (i.type === 'aws_vpc_security_group_ingress_rule') {
      const a = typeof v.security_group_id === 'string' ? resolve(v.security_group_id) : undefined;
      const b =
        typeof v.referenced_security_group_id === 'string'
          ? resolve(v.referenced_security_group_id)
          : undefined;
      if (a && b)
        rules.push({
          a,
          b,
          port: portOf(v.from_port, v.to_port),
          protocol: protocolOf(v.ip_protocol),
          inst: i,
        });
    }
  }
  for (const rule of rules) {
    const extra: Partial<ArchEdge> = {
      ...(rule.port !== undefined ? { label: `:${rule.port}`, port: rule.port } : {}),
      ...(rule.protocol ? { protocol: rule.protocol } : {}),
      props: { via: 'security-group' },
    };
    for (const f of members.get(rule.b) ?? [rule.b])
      for (const t of members.get(rule.a) ?? [rule.a])
        addEdge(f, t, 'calls', rule.inst, extra, rule.port !== undefined ? String(rule.port) : undefined);
  }

  // IAM: policies by role, roles by compute. Roles, profiles and policies share names, so each is looked up
  // among its own type (by name or ARN).
  const named = new Map<string, string>();
  for (const i of managed)
    if (i.type === 'aws_iam_role' || i.type === 'aws_iam_instance_profile' || i.type === 'aws_iam_policy')
      for (const k of [i.values.name, i.values.arn])
        if (typeof k === 'string') named.set(`${i.type}\u0000${k}`, i.address);
  const typed = (type: string, value: unknown) =>
    typeof value === 'string' && value ? named.get(`${type}\u0000${value}`) : undefined;
  const roleOf = (value: unknown): string | undefined => typed('aws_iam_role', value);
  const policies = new Map<string, unknown[]>();
  const addPolicy = (role: string | undefined, policy: unknown) => {
    if (role) policies.set(role, [...(policies.get(role) ?? []), policy]);
  };
  for (const i of managed) {
    const v = i.values;
    if (i.type === 'aws_iam_role') {
      for (const ip of Array.isArray(v.inline_policy) ? v.inline_policy : [])
        addPolicy(i.address, (ip as Record<string, unknown> | null)?.policy);
    } else if (i.type === 'aws_iam_role_policy') addPolicy(roleOf(v.role), v.policy);
    else if (i.type === 'aws_iam_role_policy_attachment' || i.type === 'aws_iam_policy_attachment') {
      const policy = byAddress.get(typed('aws_iam_policy', v.policy_arn) ?? '');
      if (!policy) continue;
      for (const r of i.type === 'aws_iam_role_policy_attachment' ? [v.role] : strings(v.roles))
        addPolicy(roleOf(r), policy.values.policy);
    }
  }
  const servicesOf = (td: string) =>
    managed
      .filter(
        (s) =>
          s.type === 'aws_ecs_service' &&
          typeof s.values.task_definition === 'string' &&
          resolve(s.values.task_definition) === td,
      )
      .map((s) => s.address);
  const profileRole = (name: unknown) => {
    const p = byAddress.get(typed('aws_iam_instance_profile', name) ?? '');
    return p ? roleOf(p.values.role) : undefined;
  };
  const computeRoles: { holder: string; role: string; inst: I }[] = [];
  for (const i of managed) {
    const v = i.values;
    let role: string | undefined;
    let holders = [i.address];
    if (i.type === 'aws_lambda_function') role = roleOf(v.role);
    else if (i.type === 'aws_ecs_task_definition') {
      role = roleOf(v.task_role_arn);
      const services = servicesOf(i.address);
      if (services.length) holders = services;
    } else if (i.type === 'aws_instance') role = profileRole(v.iam_instance_profile);
    if (role) for (const h of holders) computeRoles.push({ holder: h, role, inst: i });
  }
  const joined = traffic();
  for (const { holder, role, inst } of computeRoles) {
    const modes = new Map<string, { read: boolean; write: boolean; sends: boolean; consumes: boolean }>();
    for (const policy of policies.get(role) ?? []) {
      for (const st of parsePolicy(policy)) {
        for (const arn of st.resources) {
          const t = resolve(arn);
          if (!t || t === holder || t === role) continue;
          const m = modes.get(t) ?? { read: false, write: false, sends: false, consumes: false };
          for (const a of st.actions) {
            const mode = actionMode(a);
            if (mode !== 'write') m.read = true;
            if (mode !== 'read') m.write = true;
            if (SEND_VERB.test(a.split(':')[1] ?? a)) m.sends = true;
            if (messageFlow([a]) === 'read') m.consumes = true;
          }
          modes.set(t, m);
        }
      }
    }
    for (const [t, m] of modes) {
      const kind = kindOf(t);
      let grant: 'read' | 'write' | 'read-write' =
        m.read && m.write ? 'read-write' : m.write ? 'write' : 'read';
      if (kind === 'queue' || kind === 'stream' || kind === 'topic') {
        if (!m.sends && !m.consumes) continue;
        grant = m.consumes ? 'read' : 'write';
      }
      const how = connectionForAccess(grant, kind);
      if (!how) continue;
      const [f, to] = how.direction === 'out' ? [holder, t] : [t, holder];
      if (joined.has(`${f}\u0000${to}`) || joined.has(`${to}\u0000${f}`)) continue;
      joined.add(`${f}\u0000${to}`);
      addEdge(f, to, how.kind, inst, { props: { inferred: true, iam: grant } });
    }
  }

  // Env vars that name another component (resolved by value).
  for (const i of managed) {
    const node = nodes.get(i.address);
    const refs = node?.props.envRefs as Record<string, string> | undefined;
    const env = node?.props.env as Record<string, string> | undefined;
    if (!refs || !env) continue;
    for (const [name, target] of Object.entries(refs)) {
      const how = envConnection(name, env[name] ?? '', kindOf(target));
      if (!how) continue;
      const [f, to] = how.direction === 'out' ? [i.address, target] : [target, i.address];
      if (joined.has(`${f}\u0000${to}`) || joined.has(`${to}\u0000${f}`)) continue;
      joined.add(`${f}\u0000${to}`);
      addEdge(f, to, how.kind, i, { label: `env ${name}`, props: { inferred: true, env: name } });
    }
  }

  // Load balancer → target group → target.
  const into = new Map<string, ArchEdge[]>();
  const outOf = new Map<string, ArchEdge[]>();
  for (const e of input.edges.values()) {
    if (e.kind !== 'routes') continue;
    into.set(e.to, [...(into.get(e.to) ?? []), e]);
    outOf.set(e.from, [...(outOf.get(e.from) ?? []), e]);
  }
  for (const i of managed) {
    if (!TARGET_GROUPS.has(i.type)) continue;
    for (const e of into.get(i.address) ?? []) {
      if (kindOf(e.from) !== 'load_balancer') continue;
      for (const o of outOf.get(i.address) ?? []) if (o.to !== e.from) addEdge(e.from, o.to, 'routes', i);
    }
  }
}
