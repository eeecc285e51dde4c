// Merge: many PartialGraphs in, one ArchGraph out. First cut: union by id, sources and props combined.
import { ArchGraph } from '../model/graph.js';
import type { ArchEdge, ArchNode, Diagnostic, PartialGraph } from '../model/schema.js';

function mergeNode(a: ArchNode, b: ArchNode, diagnostics: Diagnostic[]): ArchNode {
  if (a.kind !== b.kind) {
    diagnostics.push({
      severity: 'warning',
      code: 'merge-kind-conflict',
      message: `${a.id} is a ${a.kind} in one source and a ${b.kind} in another; kept ${a.kind}`,
    });
  }
  return {
    ...b,
    ...a,
    props: { ...b.props, ...a.props },
    tags: { ...b.tags, ...a.tags },
    sources: [...a.sources, ...b.sources],
    aliases: [...new Set([...(a.aliases ?? []), ...(b.aliases ?? [])])],
  };
}

/**
 * Combines partial graphs into one graph. Edges whose ends are missing become diagnostics.
 * @example
 * const graph = mergePartials([terraformPartial, codePartial]);
 */
export function mergePartials(partials: PartialGraph[]): ArchGraph {
  const diagnostics: Diagnostic[] = partials.flatMap((p) => p.diagnostics);
  const nodes = new Map<string, ArchNode>();
  for (const p of partials) {
    for (const n of p.nodes) {
      const prev = nodes.get(n.id);
      nodes.set(n.id, prev ? mergeNode(prev, n, diagnostics) : n);
    }
  }
  const graph = new ArchGraph();
  for (const n of nodes.values()) {
    if (n.aliases?.length === 0) delete n.aliases;
    graph.addNode(n);
  }
  const edges = new Map<string, ArchEdge>();
  for (const p of partials) {
    for (const e of p.edges) {
      const prev = edges.get(e.id);
      edges.set(e.id, prev ? { ...prev, sources: [...prev.sources, ...e.sources] } : e);
    }
  }
  for (const e of edges.values()) {
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) {
      diagnostics.push({
        severity: 'warning',
        code: 'dangling-edge',
        message: `dropped edge ${e.id}: an end is missing`,
      });
      continue;
    }
    graph.addEdge(e);
  }
  for (const n of graph.nodes()) {
    if (n.parent && !graph.hasNode(n.parent)) {
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
