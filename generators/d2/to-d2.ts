// Writes a DiagramView as D2 text: containers for groups, one icon shape per node, styled edges and a legend.
// Every key is quoted and escaped: Terraform addresses contain dots, which mean nesting in D2.
import { iconDataUri, iconPathFor, PUBLIC_SUBNET_ICON } from '../../src/catalog/icons.js';
import type { ChangeMark, EdgeKind, NodeKind } from '../../src/model/kinds.js';
import { isGroupKind } from '../../src/model/kinds.js';
import { DIFF_STYLES, EDGE_STYLES } from '../shared/styles.js';
import type { DiagramView, ViewEdge, ViewNode } from '../shared/view.js';

/**
 * Quotes a string for D2: backslash, double quote and `$` (substitutions) are escaped, control characters
 * become escapes, so ids with dots, quotes or brackets stay one key.
 * @example
 * d2String('aws_ecr_repository.service["api"]') // '"aws_ecr_repository.service[\\"api\\"]"'
 */
export function d2String(text: string): string {
  const body = text
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('$', '\\$')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return `"${body}"`;
}

interface GroupStyle {
  stroke: string;
  fill: string;
  dash?: number;
  title: string;
}

/** AWS architecture-diagram colours for group boxes. */
const GROUP_STYLES: Record<string, GroupStyle> = {
  account: { stroke: '#e7157b', fill: 'transparent', title: 'AWS account' },
  region: { stroke: '#00a4a6', fill: 'transparent', dash: 4, title: 'Region' },
  zone: { stroke: '#00a4a6', fill: 'transparent', dash: 6, title: 'Availability zone' },
  vpc: { stroke: '#8c4fff', fill: 'transparent', title: 'VPC' },
  subnet_public: { stroke: '#7aa116', fill: '#f2f6e8', title: 'Public subnet' },
  subnet_private: { stroke: '#00a4a6', fill: '#e6f6f7', title: 'Private subnet' },
  group: { stroke: '#7d8998', fill: 'transparent', dash: 4, title: 'Group' },
  component: { stroke: '#7d8998', fill: '#f8f9fa', title: '' },
};

/** Icon size of a component, and the width of one label character (bold 16 px DejaVu Sans, generous). */
const ICON_PX = 52;
const LABEL_CHAR_PX = 10.5;

export interface D2TextOptions {
  /** Title written as a comment on the first line. */
  name?: string;
  /** Flow direction: left to right by default; `down` for long chains that would be too wide. */
  direction?: 'right' | 'down';
}

function groupStyleKey(node: ViewNode): string {
  if (!isGroupKind(node.kind)) return 'component';
  if (node.kind === 'subnet') return node.tier === 'public' ? 'subnet_public' : 'subnet_private';
  return node.kind;
}

function className(prefix: string, raw: string): string {
  return `${prefix}_${raw.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function iconClassOf(node: ViewNode): { name: string; path: string } | undefined {
  const path =
    node.kind === 'subnet' && node.tier === 'public'
      ? PUBLIC_SUBNET_ICON
      : iconPathFor({ kind: node.kind as NodeKind, service: node.service });
  if (!path || !iconDataUri(path)) return undefined;
  return { name: className('icon', path.replace(/\.svg$/, '').replace(/^.*\//, '')), path };
}

function multiplier(count: number | '?' | undefined): string {
  return count === undefined ? '' : ` ×${count}`;
}

function nodeLabel(node: ViewNode): string {
  if (isGroupKind(node.kind)) {
    // One line (`VPC shop-prod · 10.20.0.0/16`): D2 centres the lines of a label, which looks off at top-left.
    const style = GROUP_STYLES[groupStyleKey(node)]!;
    const head = node.tierGroup
      ? `${node.name[0]!.toUpperCase()}${node.name.slice(1)}`
      : [style.title, node.name].filter(Boolean).join(' ');
    return node.note ? `${head} · ${node.note}` : head;
  }
  const first = `${node.name}${multiplier(node.count)}`;
  return node.typeLabel ? `${first}\n${node.typeLabel}` : first;
}

function edgeLabel(edge: ViewEdge): string {
  const kinds = edge.kinds.join(' + ');
  return edge.label ? `${kinds}: ${edge.label}` : kinds;
}

function styleBlock(entries: Array<[string, string | number | undefined]>): string {
  return entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? d2String(v) : v}`)
    .join('; ');
}

function edgeStyleEntries(kind: EdgeKind): Array<[string, string | number | undefined]> {
  const s = EDGE_STYLES[kind];
  return [
    ['stroke', s.stroke],
    ['stroke-width', s.width],
    ['stroke-dash', s.dash],
    ['font-color', s.stroke],
  ];
}

function diffNodeStyle(mark: ChangeMark): string {
  const s = DIFF_STYLES[mark];
  return `{ shape: rectangle; width: 72; height: 72; label.near: outside-bottom-center; style: { ${styleBlock(
    [
      ['stroke', s.stroke],
      ['stroke-width', 3],
      ['stroke-dash', mark === 'removed' ? 5 : undefined],
      ['fill', s.fill],
      ['border-radius', 6],
      ['font-color', mark === 'removed' ? s.stroke : undefined],
    ],
  )} } }`;
}

function diffEdgeStyle(mark: ChangeMark): string {
  const s = DIFF_STYLES[mark];
  return `{ style: { ${styleBlock([
    ['stroke', s.stroke],
    ['stroke-width', 3],
    ['stroke-dash', mark === 'removed' ? 6 : undefined],
    ['font-color', s.stroke],
  ])} } }`;
}

/**
 * Renders a view as D2 text. Output is deterministic: classes, nodes and edges are sorted.
 * @example
 * const text = toD2(buildView(graph), { name: 'shop' });
 */
export function toD2(view: DiagramView, options: D2TextOptions = {}): string {
  const byKey = new Map(view.nodes.map((n) => [n.key, n]));
  const children = new Map<string, ViewNode[]>();
  for (const n of view.nodes) {
    const list = children.get(n.parent ?? '') ?? [];
    list.push(n);
    children.set(n.parent ?? '', list);
  }
  // D2 keys are case-insensitive: siblings that differ only in case get a suffix to stay two shapes.
  const d2Keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of [...view.nodes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    let key = n.key;
    for (let i = 2; taken.has(`${n.parent ?? ''}\u0000${key.toLowerCase()}`); i++) key = `${n.key}~${i}`;
    taken.add(`${n.parent ?? ''}\u0000${key.toLowerCase()}`);
    d2Keys.set(n.key, key);
  }
  const pathOf = (key: string): string => {
    const chain: string[] = [];
    let cur: ViewNode | undefined = byKey.get(key);
    while (cur) {
      chain.unshift(d2String(d2Keys.get(cur.key)!));
      cur = cur.parent ? byKey.get(cur.parent) : undefined;
    }
    return chain.join('.');
  };

  const iconClasses = new Map<string, string>();
  const groupClasses = new Set<string>();
  const marks = new Set<ChangeMark>();
  for (const n of view.nodes) {
    if (n.change) marks.add(n.change);
    if (n.container) groupClasses.add(groupStyleKey(n));
    const icon = n.container && isGroupKind(n.kind) ? undefined : iconClassOf(n);
    if (icon) iconClasses.set(icon.name, icon.path);
  }
  const edgeKinds = new Set<EdgeKind>();
  for (const e of view.edges) {
    edgeKinds.add(e.kind);
    if (e.change) marks.add(e.change);
  }

  const out: string[] = [];
  const title = options.name ? `${options.name}: ` : '';
  out.push(
    `# ${title}archmap diagram, detail ${view.detail}${
      view.hiddenPlumbing ? `, ${view.hiddenPlumbing} plumbing resources hidden (--all shows them)` : ''
    }`,
  );
  out.push(`direction: ${options.direction ?? 'right'}`);
  out.push('');
  out.push('classes: {');
  for (const [name, path] of [...iconClasses.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`  ${name}: { icon: ${d2String(iconDataUri(path)!)} }`);
  }
  out.push(`  component: { shape: image; width: ${ICON_PX}; height: ${ICON_PX} }`);
  for (const key of [...groupClasses].sort()) {
    const s = GROUP_STYLES[key]!;
    out.push(
      `  ${className('group', key)}: { label.near: top-left; style: { ${styleBlock([
        ['stroke', s.stroke],
        ['fill', s.fill],
        ['stroke-width', 2],
        ['stroke-dash', s.dash],
        ['font-color', key === 'component' ? '#232f3e' : s.stroke],
        ['font-size', 15],
      ])} } }`,
    );
  }
  for (const kind of [...edgeKinds].sort()) {
    out.push(`  ${className('edge', kind)}: { style: { ${styleBlock(edgeStyleEntries(kind))} } }`);
  }
  for (const mark of [...marks].sort()) {
    out.push(`  ${mark}: ${diffNodeStyle(mark)}`);
    out.push(`  ${mark}_edge: ${diffEdgeStyle(mark)}`);
  }
  out.push('}');
  out.push('');

  if (edgeKinds.size || marks.size) {
    out.push('vars: {');
    out.push('  d2-legend: {');
    for (const mark of (['added', 'modified', 'removed'] as const).filter((m) => marks.has(m))) {
      const s = DIFF_STYLES[mark];
      out.push(
        `    ${mark}: ${d2String(s.label)} { style: { ${styleBlock([
          ['stroke', s.stroke],
          ['fill', s.fill],
          ['stroke-width', 3],
          ['stroke-dash', mark === 'removed' ? 5 : undefined],
        ])} } }`,
      );
    }
    if (edgeKinds.size) {
      out.push('    from: { style.opacity: 0 }');
      out.push('    to: { style.opacity: 0 }');
      for (const kind of [...edgeKinds].sort()) {
        out.push(`    from -> to: ${d2String(kind)} { style: { ${styleBlock(edgeStyleEntries(kind))} } }`);
      }
    }
    out.push('  }');
    out.push('}');
    out.push('');
  }

  const writeNode = (node: ViewNode, indent: string) => {
    const classes: string[] = [];
    const icon = node.container && isGroupKind(node.kind) ? undefined : iconClassOf(node);
    if (node.container) classes.push(className('group', groupStyleKey(node)));
    if (icon && !node.container) classes.push(icon.name);
    if (!node.container) classes.push('component');
    if (node.change) classes.push(node.change);
    const kids = (children.get(node.key) ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    out.push(`${indent}${d2String(d2Keys.get(node.key)!)}: ${d2String(nodeLabel(node))} {`);
    out.push(`${indent}  class: ${classes.length === 1 ? classes[0] : `[${classes.join('; ')}]`}`);
    // Top to bottom, siblings sit side by side and the layout spaces them by shape width only: an icon as
    // wide as its label (drawn centred in it) keeps neighbouring labels apart.
    if (options.direction === 'down' && !node.container && !node.change) {
      const longest = Math.max(
        ...nodeLabel(node)
          .split('\n')
          .map((line) => line.length),
      );
      out.push(`${indent}  width: ${Math.max(ICON_PX, Math.ceil(longest * LABEL_CHAR_PX))}`);
    }
    if (node.container && icon) out.push(`${indent}  icon: ${d2String(iconDataUri(icon.path)!)}`);
    if (node.container && icon) out.push(`${indent}  icon.near: top-right`);
    for (const kid of kids) writeNode(kid, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const root of (children.get('') ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    writeNode(root, '');
  }
  if (view.edges.length) out.push('');
  for (const edge of view.edges) {
    const classes = [className('edge', edge.kind)];
    if (edge.change) classes.push(`${edge.change}_edge`);
    out.push(
      `${pathOf(edge.from)} -> ${pathOf(edge.to)}: ${d2String(edgeLabel(edge))} { class: ${
        classes.length === 1 ? classes[0] : `[${classes.join('; ')}]`
      } }`,
    );
  }
  return `${out.join('\n')}\n`;
}
