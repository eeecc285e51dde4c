// Writes a DiagramView as a diagrams.net file: containers for groups, an aws4 resource icon per component, labelled
// edges. draw.io has no automatic layout on load, so nodes are placed here: left to right in traffic tiers
// (users/DNS → edge → compute → data → async), stacked within a tier, each container sized to what it holds.
import type { ChangeMark, EdgeKind, NodeKind } from '../../src/model/kinds.js';
import { isGroupKind } from '../../src/model/kinds.js';
import type { DiagramView, ViewEdge, ViewNode } from '../shared/view.js';

export interface DrawioTextOptions {
  name?: string;
}

/** aws4 resource icons (draw.io's "AWS 2021" library) per Terraform type; the kind's default otherwise. */
const SERVICE_ICONS: Record<string, string> = {
  aws_lambda_function: 'lambda',
  aws_ecs_service: 'ecs',
  aws_ecs_cluster: 'ecs',
  aws_eks_cluster: 'eks',
  aws_instance: 'ec2',
  aws_autoscaling_group: 'auto_scaling2',
  aws_db_instance: 'rds',
  aws_rds_cluster: 'aurora',
  aws_dynamodb_table: 'dynamodb',
  aws_elasticache_replication_group: 'elasticache',
  aws_elasticache_cluster: 'elasticache',
  aws_s3_bucket: 's3',
  aws_sqs_queue: 'sqs',
  aws_sns_topic: 'sns',
  aws_cloudwatch_event_bus: 'eventbridge',
  aws_cloudwatch_event_rule: 'eventbridge',
  aws_kinesis_stream: 'kinesis_data_streams',
  aws_sfn_state_machine: 'step_functions',
  aws_cloudfront_distribution: 'cloudfront',
  aws_route53_zone: 'route_53',
  aws_route53_record: 'route_53',
  aws_lb: 'elastic_load_balancing',
  aws_alb: 'elastic_load_balancing',
  aws_api_gateway_rest_api: 'api_gateway',
  aws_apigatewayv2_api: 'api_gateway',
  aws_secretsmanager_secret: 'secrets_manager',
  aws_cognito_user_pool: 'cognito',
  aws_opensearch_domain: 'opensearch_service',
  aws_nat_gateway: 'nat_gateway',
  aws_internet_gateway: 'internet_gateway',
  aws_ecr_repository: 'ecr',
};

const KIND_ICONS: Partial<Record<NodeKind, string>> = {
  service: 'ec2',
  function: 'lambda',
  container: 'ecs',
  database: 'rds',
  cache: 'elasticache',
  queue: 'sqs',
  topic: 'sns',
  stream: 'kinesis',
  storage: 's3',
  load_balancer: 'elastic_load_balancing',
  cdn: 'cloudfront',
  dns: 'route_53',
  api_gateway: 'api_gateway',
  search: 'opensearch_service',
  secret: 'secrets_manager',
  identity: 'identity_and_access_management',
  network: 'vpc',
  client: 'client',
  external: 'internet',
};

/** AWS category colours of the aws4 library. */
const KIND_COLOURS: Partial<Record<NodeKind, string>> = {
  service: '#ED7100',
  function: '#ED7100',
  container: '#ED7100',
  database: '#C925D1',
  cache: '#C925D1',
  storage: '#7AA116',
  queue: '#E7157B',
  topic: '#E7157B',
  stream: '#8C4FFF',
  load_balancer: '#8C4FFF',
  cdn: '#8C4FFF',
  dns: '#8C4FFF',
  api_gateway: '#E7157B',
  search: '#8C4FFF',
  secret: '#DD344C',
  identity: '#DD344C',
  network: '#8C4FFF',
};

/** Left-to-right tier of a component kind. */
const TIERS: Partial<Record<NodeKind, number>> = {
  client: 0,
  external: 0,
  dns: 0,
  cdn: 1,
  api_gateway: 1,
  load_balancer: 1,
  service: 2,
  function: 2,
  container: 2,
  network: 2,
  database: 3,
  cache: 3,
  storage: 3,
  search: 3,
  secret: 3,
  identity: 3,
  queue: 4,
  topic: 4,
  stream: 4,
};

const ASYNC: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['publishes', 'consumes', 'triggers']);
const STRUCTURAL: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['depends_on', 'access']);
const CHANGE_COLOURS: Record<ChangeMark, string> = {
  added: '#1E8E3E',
  modified: '#F29900',
  removed: '#D93025',
};

const ICON = 60;
const LEAF_W = 150;
const LEAF_H = 110;
const GAP = 30;
const PAD = 30;
const HEADER = 40;

interface Box {
  node: ViewNode;
  x: number;
  y: number;
  w: number;
  h: number;
  children: Box[];
  tier: number;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Escapes text for an XML attribute; newlines become `&#xa;` so draw.io keeps them. */
function attr(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll('\n', '&#xa;')
      .replaceAll('\r', '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in XML 1.0
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function isContainer(node: ViewNode): boolean {
  return isGroupKind(node.kind) || node.container;
}

/** Sizes every box bottom-up and places children in tier columns; coordinates are relative to the parent. */
function layout(node: ViewNode | undefined, childrenOf: Map<string | undefined, ViewNode[]>): Box[] {
  const kids = (childrenOf.get(node?.key) ?? []).map((child) => {
    if (!isContainer(child)) {
      return { node: child, x: 0, y: 0, w: LEAF_W, h: LEAF_H, children: [], tier: TIERS[child.kind] ?? 2 };
    }
    const inner = layout(child, childrenOf);
    const box: Box = { node: child, x: 0, y: 0, w: 0, h: 0, children: inner, tier: 2 };
    box.tier = inner.length ? Math.min(...inner.map((b) => b.tier)) : 2;
    const right = Math.max(LEAF_W, ...inner.map((b) => b.x + b.w));
    const bottom = Math.max(LEAF_H, ...inner.map((b) => b.y + b.h));
    box.w = right + PAD;
    box.h = bottom + PAD;
    return box;
  });
  const columns = new Map<number, Box[]>();
  for (const box of kids) columns.set(box.tier, [...(columns.get(box.tier) ?? []), box]);
  let x = node ? PAD : 0;
  for (const tier of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(tier)!;
    let y = node ? HEADER : 0;
    for (const box of column) {
      box.x = x;
      box.y = y;
      y += box.h + GAP;
    }
    x += Math.max(...column.map((b) => b.w)) + GAP * 2;
  }
  return kids;
}

function groupStyle(node: ViewNode): string {
  const common = 'html=1;container=1;collapsible=0;verticalAlign=top;align=left;spacingLeft=30;fontSize=12;';
  const group = (icon: string, stroke: string, fill: string, font: string, dashed = 0) =>
    `points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];outlineConnect=0;gradientColor=none;shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.${icon};strokeColor=${stroke};fillColor=${fill};fontColor=${font};dashed=${dashed};${common}`;
  switch (node.kind) {
    case 'account':
      return group('group_account', '#CD2264', 'none', '#CD2264');
    case 'region':
      return group('group_region', '#00A4A6', 'none', '#147EBA', 1);
    case 'vpc':
      return group('group_vpc2', '#8C4FFF', 'none', '#AAB7B8');
    case 'subnet':
      return node.tier === 'public'
        ? group('group_security_group;grStroke=0', '#7AA116', '#F2F6E8', '#248814')
        : group('group_security_group;grStroke=0', '#00A4A6', '#E6F6F7', '#147EBA');
    case 'zone':
      return `rounded=0;fillColor=none;strokeColor=#147EBA;dashed=1;fontColor=#147EBA;${common}`;
    default:
      return `rounded=0;fillColor=none;strokeColor=#7D8998;dashed=1;fontColor=#5A6C86;${common}`;
  }
}

function leafStyle(node: ViewNode): string {
  const icon = SERVICE_ICONS[node.service ?? ''] ?? KIND_ICONS[node.kind] ?? 'general';
  const fill = KIND_COLOURS[node.kind] ?? '#232F3E';
  const font = node.change ? CHANGE_COLOURS[node.change] : '#232F3E';
  return `sketch=0;outlineConnect=0;fontColor=${font};gradientColor=none;fillColor=${fill};strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;pointerEvents=1;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.${icon};`;
}

function nodeLabel(node: ViewNode): string {
  if (isContainer(node)) {
    const name = node.tierGroup ? `${node.name[0]!.toUpperCase()}${node.name.slice(1)}` : node.name;
    return node.note ? `${name} · ${node.note}` : name;
  }
  const first = `${node.name}${node.count === undefined ? '' : ` ×${node.count}`}`;
  const lines = [first, node.typeLabel, node.change ? `(${node.change})` : ''].filter(Boolean);
  return lines.join('\n');
}

function edgeStyle(edge: ViewEdge): string {
  const colour = edge.change
    ? CHANGE_COLOURS[edge.change]
    : STRUCTURAL.has(edge.kind)
      ? '#AAB7B8'
      : '#232F3E';
  const dashed = ASYNC.has(edge.kind) || STRUCTURAL.has(edge.kind) || edge.change === 'removed' ? 1 : 0;
  return `edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=${colour};strokeWidth=${edge.change ? 3 : 2};dashed=${dashed};fontSize=11;labelBackgroundColor=#ffffff;`;
}

/**
 * The view as an uncompressed diagrams.net file. Every cell is an `<object>` whose `archmap_id` is the view key,
 * so a user can tell what a shape stands for in draw.io's "Edit Data", and tests can read the file back.
 * @example
 * const xml = toDrawio(buildView(graph), { name: 'shop' });
 */
export function toDrawio(view: DiagramView, options: DrawioTextOptions = {}): string {
  const keys = new Set(view.nodes.map((n) => n.key));
  const childrenOf = new Map<string | undefined, ViewNode[]>();
  for (const node of [...view.nodes].sort((a, b) => byString(a.key, b.key))) {
    const parent = node.parent && keys.has(node.parent) ? node.parent : undefined;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), node]);
  }
  const roots = layout(undefined, childrenOf);
  const ids = new Map<string, string>();
  const cells: string[] = [];
  const place = (boxes: Box[], parent: string) => {
    for (const box of boxes) {
      const id = `n${ids.size + 1}`;
      ids.set(box.node.key, id);
      const container = isContainer(box.node);
      const style = container ? groupStyle(box.node) : leafStyle(box.node);
      const w = container ? box.w : ICON;
      const h = container ? box.h : ICON;
      const x = container ? box.x : box.x + (LEAF_W - ICON) / 2;
      cells.push(
        `<object id="${id}" label="${attr(nodeLabel(box.node))}" archmap_id="${attr(box.node.key)}" archmap_kind="${box.node.kind}"${
          box.node.change ? ` archmap_change="${box.node.change}"` : ''
        }><mxCell style="${attr(style)}" vertex="1" parent="${parent}"><mxGeometry x="${x}" y="${box.y}" width="${w}" height="${h}" as="geometry"/></mxCell></object>`,
      );
      if (box.children.length) place(box.children, id);
    }
  };
  place(roots, '1');
  const edges = [...view.edges].sort((a, b) => byString(a.key, b.key));
  edges.forEach((edge, i) => {
    const source = ids.get(edge.from);
    const target = ids.get(edge.to);
    if (!source || !target) return;
    const label = `${edge.kinds.join(' + ')}${edge.label ? `: ${edge.label}` : ''}`;
    cells.push(
      `<object id="e${i + 1}" label="${attr(label)}" archmap_from="${attr(edge.from)}" archmap_to="${attr(edge.to)}" archmap_kind="${edge.kind}"${
        edge.change ? ` archmap_change="${edge.change}"` : ''
      }><mxCell style="${attr(edgeStyle(edge))}" edge="1" parent="1" source="${source}" target="${target}"><mxGeometry relative="1" as="geometry"/></mxCell></object>`,
    );
  });
  const width = Math.max(800, ...roots.map((b) => b.x + b.w)) + 40;
  const height = Math.max(600, ...roots.map((b) => b.y + b.h)) + 40;
  const name = options.name ?? 'archmap';
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="archmap" type="device">',
    `  <diagram id="archmap" name="${attr(name)}">`,
    `    <mxGraphModel dx="${width}" dy="${height}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" pageWidth="${width}" pageHeight="${height}" math="0" shadow="0">`,
    '      <root>',
    '        <mxCell id="0"/>',
    '        <mxCell id="1" parent="0"/>',
    ...cells.map((c) => `        ${c}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
  ].join('\n')}\n`;
}
