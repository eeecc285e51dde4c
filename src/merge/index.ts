// Merge: many PartialGraphs in, one ArchGraph out. Correlate (which nodes are the same thing) → fold each class
// into one node with every source and alias → re-point edges → bind env vars (Terraform says ENV=resource, code
// says what it does with process.env.ENV) → drop placeholders that found their resource.
import { ArchGraph, edgeId } from '../model/graph.js';
import type { ArchEdge, ArchNode, Diagnostic, PartialGraph, Source } from '../model/schema.js';
import {
  classes,
  correlateByAlias,
  correlateCodeRefs,
  correlateCodeWithCompute,
  correlateLiveWithCloudFormation,
  correlateLiveWithTerraform,
  correlateRegions,
  nameKeys,
  UnionFind,
} from './correlate.js';

import { reconcilePermissions } from './reconcile-permissions.js';

export { type DriftItem, type DriftReport, driftReport, formatDrift } from './drift.js';

/** Which analyzer's view names a merged node: Terraform address or CloudFormation logical id, then live ARN, then code. */
const ANALYZER_RANK: Record<string, number> = { terraform: 0, cloudformation: 0, aws: 1, typescript: 2 };

function rank(n: ArchNode): number {
  const best = Math.min(...n.sources.map((s) => ANALYZER_RANK[s.analyzer] ?? 3), 3);
  // Placeholders never name a class that holds a declared resource.
  return n.id.startsWith('ref:') ? 4 : best;
}

function fold(members: ArchNode[], diagnostics: Diagnostic[]): ArchNode {
  const sorted = [...members].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const head = sorted[0]!;
  const out: ArchNode = {
    ...head,
    props: { ...head.props },
    tags: { ...head.tags },
    sources: [...head.sources],
  };
  const aliases = new Set<string>(head.aliases ?? []);
  const conflicts = new Set<string>();
  for (const m of sorted.slice(1)) {
    if (m.id === head.id && m.kind !== head.kind) conflicts.add(`${m.kind}`);
    if (m.id !== head.id) aliases.add(m.id);
    for (const a of m.aliases ?? []) aliases.add(a);
    for (const [k, v] of Object.entries(m.props)) if (!(k in out.props)) out.props[k] = v;
    for (const [k, v] of Object.entries(m.tags)) if (!(k in out.tags)) out.tags[k] = v;
    out.sources.push(...m.sources);
    for (const key of ['parent', 'region', 'zone', 'service', 'count'] as const) {
      if (out[key] === undefined && m[key] !== undefined) (out as Record<string, unknown>)[key] = m[key];
    }
  }
  for (const kind of conflicts) {
    diagnostics.push({
      severity: 'warning',
      code: 'merge-kind-conflict',
      message: `${head.id} is a ${head.kind} in one source and a ${kind} in another; kept ${head.kind}`,
      hint: 'two analyzers disagree about this node; check the catalog entry for its type',
    });
  }
  aliases.delete(out.id);
  if (aliases.size > 0) out.aliases = [...aliases].sort();
  else delete out.aliases;
  return out;
}

/** `a -> b (kind:disc)` → `disc`. */
function discriminatorOf(e: ArchEdge): string | undefined {
  const suffix = ` (${e.kind}:`;
  const i = e.id.lastIndexOf(suffix);
  return i >= 0 && e.id.endsWith(')') ? e.id.slice(i + suffix.length, -1) : undefined;
}

function mergeEdge(prev: ArchEdge, next: ArchEdge): ArchEdge {
  const props = { ...(next.props ?? {}), ...(prev.props ?? {}) };
  const ops = new Set([
    ...((prev.props?.operations as string[] | undefined) ?? []),
    ...((next.props?.operations as string[] | undefined) ?? []),
  ]);
  if (ops.size > 0) props.operations = [...ops].sort();
  return {
    ...next,
    ...prev,
    ...(Object.keys(props).length ? { props } : {}),
    sources: [...prev.sources, ...next.sources],
  };
}

export interface MergeOptions {
  /** Keep `ref:` placeholders even when their env var was bound (for debugging the merge). */
  keepBoundPlaceholders?: boolean;
}

/**
 * Combines partial graphs into one graph: nodes seen by several analyzers become one node listing every source
 * and alias; code edges bound through env vars land on the Terraform/live resource with both provenances.
 * @example
 * const graph = mergePartials([terraformPartial, codePartial]);
 */
export function mergePartials(partials: PartialGraph[], options: MergeOptions = {}): ArchGraph {
  const diagnostics: Diagnostic[] = partials.flatMap((p) => p.diagnostics);
  const all = partials.flatMap((p) => p.nodes);

  const uf = new UnionFind();
  correlateByAlias(all, uf);
  correlateRegions(all, uf);
  correlateLiveWithCloudFormation(all, uf);
  correlateLiveWithTerraform(all, uf);
  correlateCodeRefs(all, uf);
  // A package deployed in several variants (one module per region or tenant) is the code of each of them.
  const variants = new Map<string, string[]>();
  correlateCodeWithCompute(all, uf, diagnostics, variants);

  const canonical = new Map<string, string>();
  const nodes = new Map<string, ArchNode>();
  for (const members of classes(all, uf).values()) {
    const node = fold(members, diagnostics);
    nodes.set(node.id, node);
    for (const m of members) canonical.set(m.id, node.id);
  }
  const canon = (id: string) => canonical.get(id) ?? id;
  for (const n of nodes.values()) if (n.parent) n.parent = canon(n.parent);

  // Re-point edges onto canonical ids; edges that meet keep every source.
  const edges = new Map<string, ArchEdge>();
  const put = (e: ArchEdge) => {
    const prev = edges.get(e.id);
    edges.set(e.id, prev ? mergeEdge(prev, e) : e);
  };
  const fanout = new Map<string, string[]>();
  for (const [unit, computes] of variants) {
    const u = nodes.get(canon(unit));
    if (!u) continue;
    const targets = computes.map(canon);
    for (const t of targets) {
      const c = nodes.get(t);
      if (!c) continue;
      c.sources.push(...u.sources);
      for (const [k, v] of Object.entries(u.props)) if (!(k in c.props)) c.props[k] = v;
    }
    fanout.set(u.id, targets);
    nodes.delete(u.id);
  }
  const spread = (id: string) => fanout.get(id) ?? [id];
  for (const p of partials) {
    for (const e of p.edges) {
      for (const from of spread(canon(e.from))) {
        for (const to of spread(canon(e.to))) {
          if (from === to && e.from !== e.to) continue;
          const id = from === e.from && to === e.to ? e.id : edgeId(from, to, e.kind, discriminatorOf(e));
          put({ ...e, id, from, to });
        }
      }
    }
  }

  bindEnvEdges(nodes, edges, diagnostics);
  dropEnvGuessesWhereCodeIsRead(nodes, edges);
  reconcilePermissions(nodes, edges);

  // Placeholders whose every use found a declared resource are gone; the rest stay as "used but undeclared".
  if (!options.keepBoundPlaceholders) {
    const used = new Set<string>();
    for (const e of edges.values()) used.add(e.from).add(e.to);
    for (const n of [...nodes.values()]) {
      if (n.id.startsWith('ref:') && !used.has(n.id) && n.props.bound === true) nodes.delete(n.id);
    }
    for (const n of nodes.values()) delete n.props.bound;
  }

  const graph = new ArchGraph();
  for (const n of nodes.values()) graph.addNode(n);
  for (const e of edges.values()) {
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) {
      diagnostics.push({
        severity: 'warning',
        code: 'dangling-edge',
        message: `dropped edge ${e.id}: ${graph.hasNode(e.from) ? e.to : e.from} is not a node`,
      });
      continue;
    }
    graph.addEdge(e);
  }
  for (const n of graph.nodes()) {
    if (n.parent && (!graph.hasNode(n.parent) || n.parent === n.id)) {
      diagnostics.push({
        severity: 'warning',
        code: 'dangling-parent',
        message: `${n.id}: parent ${n.parent} is missing`,
      });
      graph.graph.removeNodeAttribute(n.id, 'parent');
    }
  }
  graph.diagnostics = diagnostics;
  return graph;
}

/**
 * A Terraform guess from an env var (`props.inferred` with `props.env`) is dropped when the code that runs on that
 * compute was read: the code's own edges say what it does with the variable, and several functions often share
 * one environment map without each using every entry.
 */
function dropEnvGuessesWhereCodeIsRead(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>) {
  for (const [id, e] of [...edges]) {
    if (e.props?.inferred !== true || typeof e.props.env !== 'string') continue;
    for (const end of [e.from, e.to]) if (Array.isArray(nodes.get(end)?.props.envReads)) edges.delete(id);
  }
}

/**
 * A code edge to `ref:…/env:X` from a service that runs as compute C, where C sets X to resource T, becomes
 * C → T with the code's kind. The Terraform `depends_on` edge for X is folded into it (both provenances).
 */
function bindEnvEdges(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>, diagnostics: Diagnostic[]) {
  const index = nameIndex(nodes);
  const folded = new Map<string, Source[]>();
  for (const e of [...edges.values()]) {
    const env = e.props?.env;
    if (typeof env !== 'string') continue;
    const consumes = e.kind === 'consumes';
    const refId = consumes ? e.from : e.to;
    const computeId = consumes ? e.to : e.from;
    const ref = nodes.get(refId);
    const compute = nodes.get(computeId);
    if (!ref || !compute || !refId.startsWith('ref:')) continue;
    const envRefs = compute.props.envRefs as Record<string, string> | undefined;
    const target = envRefs?.[env] ?? byEnvValue(index, ref, compute, env);
    if (!target || !nodes.has(target)) continue;
    const t = nodes.get(target)!;
    if (ref.kind !== t.kind && !(ref.kind === 'external' && t.kind !== 'external')) {
      diagnostics.push({
        severity: 'warning',
        code: 'env-binding-kind',
        message: `${computeId}: code uses ${env} as a ${ref.kind} (${ref.service}) but it is set to ${target} (${t.kind})`,
        ...(e.sources[0]?.file ? { file: e.sources[0].file } : {}),
        ...(e.sources[0]?.line ? { line: e.sources[0].line } : {}),
        hint: 'check the env var wiring in Terraform and in the code',
      });
    }
    const [from, to] = consumes ? [target, computeId] : [computeId, target];
    // The Terraform (or live) env edge C → T depends_on (props.env = X) is folded into every edge it explains.
    const key = `${computeId}\u0000${target}\u0000${env}`;
    let envSources = folded.get(key);
    if (!envSources) {
      envSources = [];
      for (const other of [...edges.values()]) {
        // The Terraform analyzer's guess for the same variable (props.inferred) gives way to what the code does.
        const guess =
          other.props?.inferred === true &&
          ((other.from === computeId && other.to === target) ||
            (other.from === target && other.to === computeId));
        if (
          ((other.kind === 'depends_on' && other.from === computeId && other.to === target) || guess) &&
          other.props?.env === env
        ) {
          envSources.push(...other.sources);
          edges.delete(other.id);
        }
      }
      folded.set(key, envSources);
    }
    const sources: Source[] = [...e.sources, ...envSources];
    edges.delete(e.id);
    const id = edgeId(from, to, e.kind, discriminatorOf(e));
    const bound: ArchEdge = { ...e, id, from, to, sources };
    const prev = edges.get(id);
    edges.set(id, prev ? mergeEdge(prev, bound) : bound);
    ref.props.bound = true;
  }
  bindTemplateEdges(nodes, edges, index);
  dropGuessesWhereCodeSpeaks(nodes, edges);
  warnUnbound(nodes, edges, diagnostics);
}

const TRAFFIC = new Set(['calls', 'reads', 'writes', 'publishes', 'consumes']);
const fromCode = (e: ArchEdge) => e.sources.some((s) => s.analyzer === 'typescript');

/**
 * A compute whose code was read says what it does: the IaC analyzers' guesses for it (an env var or an IAM grant
 * read as traffic: `props.inferred`, `props.via = 'iam'`) give way, so a handler that only reads a table is not
 * also drawn writing it because its role may.
 */
function dropGuessesWhereCodeSpeaks(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>) {
  // Joined to its code (its handler was found and read), even when that code touches nothing.
  const speaking = new Set<string>();
  for (const n of nodes.values()) {
    if (
      n.sources.some((s) => s.analyzer === 'typescript') &&
      n.sources.some((s) => s.analyzer !== 'typescript')
    )
      speaking.add(n.id);
  }
  // Where the code left a resource unresolved, a guess about a resource the code never names may be that one.
  const touched = new Set<string>();
  for (const e of edges.values())
    if (TRAFFIC.has(e.kind) && fromCode(e))
      touched.add(`${e.from}\u0000${e.to}`).add(`${e.to}\u0000${e.from}`);
  for (const [id, e] of edges) {
    if (!TRAFFIC.has(e.kind) || fromCode(e)) continue;
    if (e.props?.inferred !== true && e.props?.via !== 'iam') continue;
    const compute = speaking.has(e.from) ? e.from : speaking.has(e.to) ? e.to : undefined;
    if (!compute) continue;
    // An IAM grant on a resource the code never names stays (the code may reach it by a name from the event);
    // on one the code uses, the code's kinds win.
    const unsure = e.props?.via === 'iam' || Number(nodes.get(compute)?.props.unresolvedUsages ?? 0) > 0;
    if (unsure && !touched.has(`${e.from}\u0000${e.to}`)) continue;
    edges.delete(id);
  }
}

/** The declared resources of a service, by name and by unresolved name template (`orders-${var.stage}`). */
function nameIndex(nodes: Map<string, ArchNode>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (key: string, id: string) => {
    const set = index.get(key) ?? new Set();
    set.add(id);
    index.set(key, set);
  };
  for (const n of nodes.values()) {
    if (n.id.startsWith('ref:') || !n.service) continue;
    for (const k of nameKeys(n)) add(`${n.service}\u0000${k}`, n.id);
    if (typeof n.props.nameTemplate === 'string') add(`${n.service}\u0000${n.props.nameTemplate}`, n.id);
  }
  return index;
}

/** The bare name in an ARN or a queue URL. */
const bareName = (v: string) =>
  v.startsWith('arn:') || /^https?:\/\//.test(v) ? (v.replace(/\/+$/, '').split(/[:/]/).pop() ?? v) : v;

function lookupName(index: Map<string, Set<string>>, service: string, name: string): string | undefined {
  const hits = index.get(`${service}\u0000${bareName(name)}`) ?? index.get(`${service}\u0000${name}`);
  return hits?.size === 1 ? [...hits][0] : undefined;
}

/**
 * No reference binds the env var, but its value names the resource: `TABLE = var.table_name` with a tfvars value
 * `orders-prod` (the table of that name), or still unresolved `${var.table_name}` (the table named the same way).
 */
function byEnvValue(
  index: Map<string, Set<string>>,
  ref: ArchNode,
  compute: ArchNode,
  env: string,
): string | undefined {
  const value = (compute.props.env as Record<string, unknown> | undefined)?.[env];
  if (typeof value !== 'string' || !value || !ref.service) return undefined;
  return lookupName(index, ref.service, value);
}

/** `"events-" + process.env.STAGE` run by a compute whose STAGE is `staging` (or `${var.stage}`) → that table. */
function bindTemplateEdges(
  nodes: Map<string, ArchNode>,
  edges: Map<string, ArchEdge>,
  index: Map<string, Set<string>>,
) {
  for (const e of [...edges.values()]) {
    const template = e.props?.template;
    if (typeof template !== 'string') continue;
    const consumes = e.kind === 'consumes';
    const refId = consumes ? e.from : e.to;
    const computeId = consumes ? e.to : e.from;
    const ref = nodes.get(refId);
    const compute = nodes.get(computeId);
    if (!ref?.service || !compute || !refId.startsWith('ref:')) continue;
    const env = (compute.props.env as Record<string, unknown> | undefined) ?? {};
    const name = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, v: string) =>
      typeof env[v] === 'string' ? (env[v] as string) : whole,
    );
    const target = lookupName(index, ref.service, name);
    if (!target) continue;
    const [from, to] = consumes ? [target, computeId] : [computeId, target];
    edges.delete(e.id);
    const id = edgeId(from, to, e.kind, discriminatorOf(e));
    const bound: ArchEdge = { ...e, id, from, to };
    const prev = edges.get(id);
    edges.set(id, prev ? mergeEdge(prev, bound) : bound);
    ref.props.bound = true;
  }
}

/** A code placeholder that infrastructure runs but no environment binds: kept, named after its variable, warned once. */
function warnUnbound(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>, diagnostics: Diagnostic[]) {
  const hasIac = [...nodes.values()].some((n) =>
    n.sources.some((s) => s.analyzer === 'terraform' || s.analyzer === 'cloudformation'),
  );
  if (!hasIac) return;
  const warned = new Set<string>();
  for (const e of edges.values()) {
    const consumes = e.kind === 'consumes';
    const ref = nodes.get(consumes ? e.from : e.to);
    const compute = nodes.get(consumes ? e.to : e.from);
    if (!ref || !compute || !ref.id.startsWith('ref:') || warned.has(ref.id)) continue;
    const variable = typeof ref.props.env === 'string' ? ref.props.env : ref.props.template;
    if (typeof variable !== 'string') continue;
    // Only code that the infrastructure runs: a code-only service has no environment to bind through.
    if (!compute.sources.some((s) => s.analyzer !== 'typescript')) continue;
    warned.add(ref.id);
    const at = e.sources.find((s) => s.file);
    diagnostics.push({
      severity: 'warning',
      code: 'code-env-unbound',
      message: `${compute.id}: ${variable} names a ${ref.service ?? ref.kind} but no environment binds it; kept as ${ref.id}`,
      ...(at?.file ? { file: at.file } : {}),
      ...(at?.line ? { line: at.line } : {}),
      hint: 'set the env var to the resource (a reference, or a --var-file / --env that gives its name)',
    });
  }
}
