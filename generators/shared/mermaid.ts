// Mermaid text for a diagram view: a `flowchart LR` with subgraphs for groups, a shape per kind, labelled edges
// and diff classes, kept to the subset GitHub renders inline. Used by the mermaid and docs generators.
import type { ChangeMark, EdgeKind, NodeKind } from '../../src/model/kinds.js';
import { isGroupKind } from '../../src/model/kinds.js';
import { DIFF_STYLES, EDGE_STYLES } from './styles.js';
import type { DiagramView, ViewEdge, ViewNode } from './view.js';

/**
 * Quotes text for a Mermaid label: `"` and the characters Mermaid treats as markup become entities, and
 * newlines become `<br/>`.
 * @example
 * mermaidText('orders\nSQS') // '"orders<br/>SQS"'
 */
export function mermaidText(text: string): string {
  const body = text
    .replaceAll('&', '#amp;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '#lt;')
    .replaceAll('>', '#gt;')
    .replaceAll('\n', '<br/>')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `"${body}"`;
}

/** Opening and closing brackets of each node shape (GitHub-supported flowchart shapes only). */
const SHAPES: Partial<Record<NodeKind, [string, string]>> = {
  database: ['[(', ')]'],
  cache: ['[(', ')]'],
  search: ['[(', ')]'],
  storage: ['[(', ')]'],
  queue: ['>', ']'],
  topic: ['>', ']'],
  stream: ['>', ']'],
  function: ['([', '])'],
  load_balancer: ['{{', '}}'],
  api_gateway: ['{{', '}}'],
  cdn: ['{{', '}}'],
  dns: ['{{', '}}'],
  external: ['[/', '/]'],
  client: ['[/', '/]'],
  identity: ['[\\', '/]'],
  secret: ['[\\', '/]'],
  service: ['(', ')'],
  container: ['(', ')'],
};

const GROUP_TITLES: Partial<Record<NodeKind, string>> = {
  account: 'AWS account',
  region: 'Region',
  zone: 'Availability zone',
  vpc: 'VPC',
};

/** Arrow per edge kind: async messaging dotted, routing thick, the rest solid. */
function arrow(kind: EdgeKind): string {
  if (kind === 'routes') return '==>';
  if (EDGE_STYLES[kind].dash !== undefined) return '-.->';
  return '-->';
}

/** Mermaid ids: letters, digits and `_`, prefixed so that no id is a keyword (`end`) or starts an arrow. */
function makeIds(keys: string[], prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of [...keys].sort()) {
    const base = `${prefix}${key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

function nodeText(node: ViewNode): string {
  if (node.container) {
    const title =
      node.kind === 'subnet'
        ? `${node.tier === 'public' ? 'Public' : 'Private'} subnet`
        : GROUP_TITLES[node.kind];
    const second = [title ?? (isGroupKind(node.kind) ? '' : node.typeLabel), node.note]
      .filter(Boolean)
      .join(' · ');
    return second ? `${node.name}\n${second}` : node.name;
  }
  const first = `${node.name}${node.count === undefined ? '' : ` ×${node.count}`}`;
  return node.typeLabel ? `${first}\n${node.typeLabel}` : first;
}

function edgeText(edge: ViewEdge): string {
  const kinds = edge.kinds.join(' + ');
  return edge.label ? `${kinds}: ${edge.label}` : kinds;
}

function classDef(mark: ChangeMark): string {
  const s = DIFF_STYLES[mark];
  const dash = mark === 'removed' ? ',stroke-dasharray:5 5' : '';
  return `  classDef ${mark} fill:${s.fill},stroke:${s.stroke},stroke-width:3px,color:#1f2937${dash}`;
}

function linkStyle(mark: ChangeMark | undefined, kind: EdgeKind): string {
  if (mark) {
    const s = DIFF_STYLES[mark];
    return `stroke:${s.stroke},stroke-width:3px${mark === 'removed' ? ',stroke-dasharray:6 4' : ''}`;
  }
  return `stroke:${EDGE_STYLES[kind].stroke}`;
}

/**
 * Renders a view as a Mermaid flowchart. Output is deterministic (sorted) and uses only GitHub-supported syntax.
 * @example
 * const text = toMermaid(buildView(graph), { name: 'shop' });
 */
export function toMermaid(view: DiagramView, options: { name?: string } = {}): string {
  const nodeIds = makeIds(
    view.nodes.map((n) => n.key),
    'n_',
  );
  const children = new Map<string, ViewNode[]>();
  for (const n of view.nodes) {
    const list = children.get(n.parent ?? '') ?? [];
    list.push(n);
    children.set(n.parent ?? '', list);
  }
  const out: string[] = [];
  out.push(
    `%% ${options.name ? `${options.name}: ` : ''}archmap diagram, detail ${view.detail}${
      view.hiddenPlumbing ? `, ${view.hiddenPlumbing} plumbing resources hidden` : ''
    }`,
  );
  out.push('flowchart LR');
  const marked = new Map<ChangeMark, string[]>();
  const write = (node: ViewNode, indent: string) => {
    const id = nodeIds.get(node.key)!;
    if (node.change) marked.set(node.change, [...(marked.get(node.change) ?? []), id]);
    if (node.container) {
      out.push(`${indent}subgraph ${id}[${mermaidText(nodeText(node))}]`);
      const kids = (children.get(node.key) ?? []).sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
      for (const kid of kids) write(kid, `${indent}  `);
      out.push(`${indent}end`);
      return;
    }
    const [open, close] = SHAPES[node.kind] ?? ['[', ']'];
    out.push(`${indent}${id}${open}${mermaidText(nodeText(node))}${close}`);
  };
  for (const root of (children.get('') ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    write(root, '  ');
  }
  const styles = new Map<string, number[]>();
  view.edges.forEach((edge, index) => {
    out.push(
      `  ${nodeIds.get(edge.from)} ${arrow(edge.kind)}|${mermaidText(edgeText(edge))}| ${nodeIds.get(edge.to)}`,
    );
    const style = linkStyle(edge.change, edge.kind);
    styles.set(style, [...(styles.get(style) ?? []), index]);
  });
  const marks = (['added', 'modified', 'removed'] as const).filter(
    (m) => marked.has(m) || view.edges.some((e) => e.change === m),
  );
  if (marks.length) {
    out.push('  subgraph legend["Legend"]');
    for (const mark of marks) out.push(`    legend_${mark}[${mermaidText(DIFF_STYLES[mark].label)}]`);
    out.push('  end');
    for (const mark of marks) marked.set(mark, [...(marked.get(mark) ?? []), `legend_${mark}`]);
  }
  for (const mark of marks) out.push(classDef(mark));
  for (const mark of marks) out.push(`  class ${marked.get(mark)!.join(',')} ${mark}`);
  for (const [style, indexes] of [...styles.entries()].sort(([, a], [, b]) => a[0]! - b[0]!)) {
    out.push(`  linkStyle ${indexes.join(',')} ${style}`);
  }
  return `${out.join('\n')}\n`;
}
