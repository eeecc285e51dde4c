// ArchGraph: a thin typed wrapper over graphology's DirectedGraph. Containment is `parent`, never an edge.
import { MultiDirectedGraph } from 'graphology';
import type { ArchEdge, ArchNode, ChangeSet, Diagnostic, GraphFile, ShardStamp } from './schema.js';
import { GRAPH_FORMAT_VERSION } from './schema.js';

export class ArchGraph {
  /** The graphology graph; node attributes are ArchNodes, edge attributes ArchEdges. Use it for algorithms. */
  readonly graph: MultiDirectedGraph<ArchNode, ArchEdge> = new MultiDirectedGraph<ArchNode, ArchEdge>({
    allowSelfLoops: true,
  });
  diagnostics: Diagnostic[] = [];
  changeset: ChangeSet | undefined;
  name: string | undefined;
  /** Set when this graph is one shard of a sharded scan. */
  shard: ShardStamp | undefined;

  /**
   * @example
   * const g = ArchGraph.from({ version: 1, nodes: [], edges: [], diagnostics: [] });
   */
  static from(file: Pick<GraphFile, 'nodes' | 'edges'> & Partial<GraphFile>): ArchGraph {
    const g = new ArchGraph();
    for (const n of file.nodes) g.addNode(n);
    for (const e of file.edges) g.addEdge(e);
    g.diagnostics = [...(file.diagnostics ?? [])];
    g.changeset = file.changeset;
    g.name = file.name;
    g.shard = file.shard;
    return g;
  }

  addNode(node: ArchNode): void {
    this.graph.addNode(node.id, node);
  }

  /** Adds or replaces a node. */
  setNode(node: ArchNode): void {
    if (this.graph.hasNode(node.id)) this.graph.replaceNodeAttributes(node.id, node);
    else this.graph.addNode(node.id, node);
  }

  addEdge(edge: ArchEdge): void {
    this.graph.addEdgeWithKey(edge.id, edge.from, edge.to, edge);
  }

  hasNode(id: string): boolean {
    return this.graph.hasNode(id);
  }

  hasEdge(id: string): boolean {
    return this.graph.hasEdge(id);
  }

  node(id: string): ArchNode | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
  }

  edge(id: string): ArchEdge | undefined {
    return this.graph.hasEdge(id) ? this.graph.getEdgeAttributes(id) : undefined;
  }

  removeNode(id: string): void {
    this.graph.dropNode(id);
  }

  removeEdge(id: string): void {
    this.graph.dropEdge(id);
  }

  nodes(): ArchNode[] {
    return this.graph.mapNodes((_id, attrs) => attrs);
  }

  edges(): ArchEdge[] {
    return this.graph.mapEdges((_id, attrs) => attrs);
  }

  /** Children by parent id, built on first use and dropped on any change to the nodes. */
  private childIndex: Map<string, ArchNode[]> | undefined;

  constructor() {
    const drop = () => {
      this.childIndex = undefined;
    };
    for (const event of ['nodeAdded', 'nodeDropped', 'nodeAttributesUpdated', 'cleared'] as const)
      this.graph.on(event, drop);
  }

  /** Direct children by `parent`, in node order. */
  children(id: string): ArchNode[] {
    if (!this.childIndex) {
      const index = new Map<string, ArchNode[]>();
      this.graph.forEachNode((_id, n) => {
        if (n.parent === undefined) return;
        const list = index.get(n.parent);
        if (list) list.push(n);
        else index.set(n.parent, [n]);
      });
      this.childIndex = index;
    }
    return [...(this.childIndex.get(id) ?? [])];
  }

  /** The chain of ancestors, nearest first. Stops on a cycle or a missing parent. */
  ancestors(id: string): ArchNode[] {
    const out: ArchNode[] = [];
    const seen = new Set<string>([id]);
    let current = this.node(id)?.parent;
    while (current && !seen.has(current)) {
      seen.add(current);
      const n = this.node(current);
      if (!n) break;
      out.push(n);
      current = n.parent;
    }
    return out;
  }

  outEdges(id: string): ArchEdge[] {
    return this.graph.mapOutEdges(id, (_e, attrs) => attrs);
  }

  inEdges(id: string): ArchEdge[] {
    return this.graph.mapInEdges(id, (_e, attrs) => attrs);
  }

  get order(): number {
    return this.graph.order;
  }

  get size(): number {
    return this.graph.size;
  }

  clone(): ArchGraph {
    return ArchGraph.from(structuredClone(this.toFile()));
  }

  toFile(): GraphFile {
    const file: GraphFile = {
      version: GRAPH_FORMAT_VERSION,
      nodes: this.nodes(),
      edges: this.edges(),
      diagnostics: this.diagnostics,
    };
    if (this.name !== undefined) file.name = this.name;
    if (this.changeset !== undefined) file.changeset = this.changeset;
    if (this.shard !== undefined) file.shard = this.shard;
    return file;
  }
}

/** Stable edge id: `from -> to (kind)`, with a suffix when several edges share it. */
export function edgeId(from: string, to: string, kind: string, discriminator?: string): string {
  return discriminator ? `${from} -> ${to} (${kind}:${discriminator})` : `${from} -> ${to} (${kind})`;
}
