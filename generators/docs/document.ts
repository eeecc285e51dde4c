// Builds the design document as data (sections of paragraphs, lists, tables, diagrams) from the revised graph,
// its ChangeSet and the base graph. Markdown and HTML renderers turn the same model into text.
import { lookupTerraformType } from '../../src/catalog/index.js';
import type { ArchGraph } from '../../src/model/graph.js';
import { isGroupKind } from '../../src/model/kinds.js';
import type { ArchNode, CapacityRow, ChangeOp } from '../../src/model/schema.js';
import { planScaffold, todosOf } from '../shared/iac/plan.js';

export type Block =
  | { t: 'p'; text: string }
  | { t: 'list'; items: string[]; ordered?: boolean }
  | { t: 'table'; head: string[]; rows: string[][]; align?: Array<'left' | 'right'> }
  | { t: 'mermaid'; text: string }
  /** A diagram image: `href` is linked from Markdown; `svg` (inline markup) is embedded in HTML. */
  | { t: 'figure'; caption: string; href?: string; svg?: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface DesignDocument {
  title: string;
  subtitle: string;
  sections: Section[];
}

export interface DocumentInputs {
  revised: ArchGraph;
  base: ArchGraph;
  mermaid: { current: string; proposed: string };
  diagrams?: { current?: { href?: string; svg?: string }; proposed?: { href?: string; svg?: string } };
  /** The input file names, for the commands the document quotes. */
  files?: { revised?: string; base?: string };
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const byId = (a: ArchNode, b: ArchNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function displayName(n: ArchNode | undefined): string {
  if (!n) return '';
  return (n.service && lookupTerraformType(n.service)?.displayName) || n.kind;
}

function regionOf(g: ArchGraph, n: ArchNode): string | undefined {
  if (n.region) return n.region;
  for (const a of g.ancestors(n.id)) {
    if (a.region) return a.region;
    if (a.kind === 'region') return a.id.replace(/^region:/, '');
  }
  return undefined;
}

function components(g: ArchGraph): ArchNode[] {
  return g
    .nodes()
    .filter((n) => !isGroupKind(n.kind) && !n.plumbing && n.change !== 'removed')
    .sort(byId);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 57)}…` : v;
  const json = JSON.stringify(v);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

// ── sections ────────────────────────────────────────────────────────────────────────────────────

function context(base: ArchGraph): Section {
  const comps = components(base);
  const regions = [...new Set(comps.map((n) => regionOf(base, n)).filter((r): r is string => !!r))].sort();
  const byKind = new Map<string, ArchNode[]>();
  for (const n of comps) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  const entry = comps.filter((n) => ['load_balancer', 'cdn', 'api_gateway', 'dns'].includes(n.kind));
  const stores = comps.filter((n) =>
    ['database', 'cache', 'storage', 'queue', 'topic', 'stream'].includes(n.kind),
  );
  const compute = comps.filter((n) => ['service', 'function', 'container'].includes(n.kind));
  const analyzers = [...new Set(base.nodes().flatMap((n) => n.sources.map((s) => s.analyzer)))].sort();
  const files = new Set(base.nodes().flatMap((n) => n.sources.flatMap((s) => (s.file ? [s.file] : []))));
  const blocks: Block[] = [
    {
      t: 'p',
      text:
        `${base.name ? `**${base.name}** runs` : 'The system runs'} in ${
          regions.length ? regions.map(code).join(', ') : 'one region'
        } with ${plural(comps.length, 'component')} (plumbing such as IAM and security groups not counted): ` +
        [...byKind.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, ns]) => `${ns.length} ${k.replace(/_/g, ' ')}`)
          .join(', ') +
        '.',
    },
  ];
  if (entry.length)
    blocks.push({
      t: 'p',
      text: `Traffic enters through ${entry.map((n) => `${displayName(n)} ${code(n.id)}`).join(', ')}.`,
    });
  if (compute.length || stores.length)
    blocks.push({
      t: 'table',
      head: ['Component', 'Product', 'Region', 'Talks to'],
      rows: [...compute, ...stores].map((n) => [
        code(n.id),
        displayName(n),
        regionOf(base, n) ?? '—',
        base
          .outEdges(n.id)
          .filter((e) => e.kind !== 'depends_on')
          .map((e) => `${e.kind} ${code(e.to)}`)
          .join(', ') || '—',
      ]),
    });
  blocks.push({
    t: 'p',
    text: `This picture was assembled by archmap from ${analyzers.length ? analyzers.join(', ') : 'hand-written'} sources${
      files.size ? ` (${plural(files.size, 'file')})` : ''
    }; every element keeps its provenance in the graph file.`,
  });
  return { id: 'context', title: 'Context', blocks };
}

function currentArchitecture(inputs: DocumentInputs): Section {
  const blocks: Block[] = [{ t: 'mermaid', text: inputs.mermaid.current }];
  const d = inputs.diagrams?.current;
  if (d?.href || d?.svg) blocks.push({ t: 'figure', caption: 'Current architecture (full detail)', ...d });
  else if (inputs.files?.base)
    blocks.push({
      t: 'p',
      text: `Full-detail SVG: ${code(`archmap diagram ${inputs.files.base} -o current.svg`)}.`,
    });
  return { id: 'current-architecture', title: 'Current architecture', blocks };
}

function scenario(revised: ArchGraph): Section {
  const cs = revised.changeset!;
  const blocks: Block[] = [];
  if (cs.scenario) {
    const params = Object.entries(cs.scenario.params);
    blocks.push({
      t: 'p',
      text: `Scenario ${code(cs.scenario.name)}${
        params.length ? ` with ${params.map(([k, v]) => `${k} = ${code(formatValue(v))}`).join(', ')}` : ''
      }, planned by the ${cs.planner ?? 'offline'} planner.`,
    });
  }
  if (cs.summary) blocks.push({ t: 'p', text: cs.summary });
  if (cs.goals.length) blocks.push({ t: 'p', text: '**Goals**' }, { t: 'list', items: cs.goals });
  if (blocks.length === 0) blocks.push({ t: 'p', text: 'The ChangeSet names no scenario or goals.' });
  return { id: 'scenario', title: 'Scenario and goals', blocks };
}

function describeOp(op: ChangeOp, revised: ArchGraph): [string, string] {
  switch (op.op) {
    case 'add_node': {
      const r = op.node.region ?? regionOf(revised, op.node);
      return [`Add ${displayName(op.node)}${r ? ` in ${r}` : ''}`, code(op.node.id)];
    }
    case 'remove_node':
      return ['Remove', code(op.id)];
    case 'update_node': {
      const keys = Object.entries(op.set).flatMap(([k, v]) =>
        k === 'props' || k === 'tags'
          ? Object.entries(v as Record<string, unknown>).map(([pk, pv]) => `${pk} = ${formatValue(pv)}`)
          : [`${k} = ${formatValue(v)}`],
      );
      return [`Change ${keys.map(code).join(', ') || 'settings'}`, code(op.id)];
    }
    case 'add_edge':
      return [
        `Connect (${op.edge.kind}${op.edge.label ? `: ${op.edge.label}` : ''})`,
        `${code(op.edge.from)} → ${code(op.edge.to)}`,
      ];
    case 'remove_edge':
      return ['Disconnect', code(op.id)];
    case 'update_edge':
      return ['Change connection', code(op.id)];
  }
}

function proposedChanges(inputs: DocumentInputs): Section {
  const cs = inputs.revised.changeset!;
  const blocks: Block[] = [];
  if (cs.ops.length === 0) {
    blocks.push({
      t: 'p',
      text: 'No change is proposed: every limit the planner checked has enough headroom for this scenario (see Capacity).',
    });
  } else {
    const counts = new Map<string, number>();
    for (const op of cs.ops) counts.set(op.op, (counts.get(op.op) ?? 0) + 1);
    blocks.push({
      t: 'p',
      text: `${plural(cs.ops.length, 'operation')}: ${[...counts.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, n]) => `${n} ${k.replace('_', ' ')}`)
        .join(', ')}.`,
    });
    blocks.push({
      t: 'table',
      head: ['#', 'Change', 'Element', 'Rationale'],
      rows: cs.ops.map((op, i) => [String(i + 1), ...describeOp(op, inputs.revised), op.rationale]),
      align: ['right', 'left', 'left', 'left'],
    });
  }
  blocks.push({
    t: 'p',
    text: '**Proposed architecture** (added, changed and removed elements are marked):',
  });
  blocks.push({ t: 'mermaid', text: inputs.mermaid.proposed });
  const d = inputs.diagrams?.proposed;
  if (d?.href || d?.svg)
    blocks.push({ t: 'figure', caption: 'Proposed architecture (full detail, diff)', ...d });
  return { id: 'proposed-changes', title: 'Proposed changes', blocks };
}

function capacity(revised: ArchGraph): Section {
  const cs = revised.changeset!;
  const factor = Number(cs.scenario?.params.factor ?? NaN);
  const at = Number.isFinite(factor) ? `At ×${formatNumber(factor)}` : 'At target';
  const rows = [...cs.capacity];
  if (rows.length === 0)
    return {
      id: 'capacity',
      title: 'Capacity before and after',
      blocks: [
        { t: 'p', text: 'The planner produced no capacity rows for this scenario (no load is modelled).' },
      ],
    };
  const saturated = rows.filter((r) => r.headroom !== null && r.headroom < 0);
  const tight = rows.filter((r) => r.headroom !== null && r.headroom >= 0 && r.headroom < 0.3);
  const headroom = (r: CapacityRow) =>
    r.headroom === null
      ? 'unknown'
      : `${r.headroom < 0 ? '**' : ''}${Math.round(r.headroom * 100)}%${r.headroom < 0 ? '** (saturated)' : ''}`;
  return {
    id: 'capacity',
    title: 'Capacity before and after',
    blocks: [
      {
        t: 'p',
        text: `${plural(rows.length, 'limit')} checked; ${saturated.length} saturated and ${tight.length} under 30% headroom before the change.${
          saturated.length ? ` Saturated: ${saturated.map((r) => code(r.node)).join(', ')}.` : ''
        }`,
      },
      {
        t: 'table',
        head: ['Component', 'Metric', 'Now', at, 'Limit today', 'Headroom', 'After the change', 'Source'],
        rows: rows.map((r) => [
          code(r.node),
          `${r.metric} (${r.unit})`,
          formatNumber(r.loadNow),
          formatNumber(r.loadAtFactor),
          r.capacity === null ? 'unknown' : formatNumber(r.capacity),
          headroom(r),
          r.action ?? 'no change needed',
          r.source ? (r.source.startsWith('http') ? `[docs](${r.source.split(' ')[0]})` : r.source) : '—',
        ]),
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
      },
    ],
  };
}

type Money = { low: number; high: number };
const usd = (x: number) =>
  `${x < 0 ? '−' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const money = (r: Money) => (r.low === r.high ? usd(r.low) : `${usd(r.low)}–${usd(r.high)}`);
const change = (r: Money) => (r.low >= 0 && r.high >= 0 ? `+${money(r)}` : money(r));

/** The bill before and after, from `changeset.cost` (priced by `archmap propose` from the price snapshot). */
function cost(revised: ArchGraph): Section {
  const cs = revised.changeset!;
  const c = cs.cost;
  const notes: Block[] = cs.costNotes.length ? [{ t: 'list', items: cs.costNotes }] : [];
  if (!c)
    return {
      id: 'cost',
      title: 'Cost',
      blocks: [
        {
          t: 'p',
          text: `This plan carries no cost figures; \`archmap cost V2.json\` prices the revised design from the price snapshot.`,
        },
        ...notes,
      ],
    };
  const diff = (a: Money, b: Money): Money => ({ low: b.low - a.low, high: b.high - a.high });
  return {
    id: 'cost',
    title: 'Cost',
    blocks: [
      {
        t: 'p',
        text: `**${money(c.before)} → ${money(c.after)} a month (${change(c.delta)})** at ${c.factor > 1 ? `${formatNumber(c.rps)} × ${formatNumber(c.factor)}` : formatNumber(c.rps)} requests/s per entry point. List prices in ${c.currency} from the price snapshot of ${c.snapshot} (${c.basis}).`,
      },
      {
        t: 'table',
        head: ['Component', 'Before', 'After', 'Change'],
        rows: [
          ...c.rows.map((r) => [
            code(r.node),
            money(r.before),
            money(r.after),
            change(diff(r.before, r.after)),
          ]),
          ['**Total**', `**${money(c.before)}**`, `**${money(c.after)}**`, `**${change(c.delta)}**`],
        ],
        align: ['left', 'right', 'right', 'right'],
      },
      { t: 'p', text: '**Assumptions**' },
      { t: 'list', items: c.assumptions.length ? c.assumptions : ['none recorded'] },
      ...notes,
    ],
  };
}

function tradeoffs(revised: ArchGraph): Section {
  const cs = revised.changeset!;
  const blocks: Block[] = [];
  blocks.push(
    cs.tradeoffs.length
      ? { t: 'list', items: cs.tradeoffs }
      : { t: 'p', text: 'The ChangeSet records no trade-offs.' },
  );
  if (cs.alternatives.length) {
    blocks.push({ t: 'p', text: '**Alternatives considered**' });
    blocks.push({
      t: 'table',
      head: ['Option', 'Why not'],
      rows: cs.alternatives.map((a) => [a.option, a.whyNot]),
    });
  }
  return { id: 'tradeoffs', title: 'Trade-offs and alternatives', blocks };
}

function risks(revised: ArchGraph): Section {
  const cs = revised.changeset!;
  const blocks: Block[] = [];
  blocks.push(
    cs.risks.length ? { t: 'list', items: cs.risks } : { t: 'p', text: 'The ChangeSet records no risks.' },
  );
  // Failure modes the revised design still has: data stores that stay in one AZ or one copy.
  const single = components(revised).filter(
    (n) =>
      (n.service === 'aws_db_instance' && n.props.multi_az !== true && !n.props.replicate_source_db) ||
      n.service === 'aws_elasticache_cluster' ||
      (n.service === 'aws_ecs_service' &&
        typeof n.props.desired_count === 'number' &&
        n.props.desired_count < 2),
  );
  if (single.length) {
    blocks.push({ t: 'p', text: '**Failure modes still present after the change**' });
    blocks.push({
      t: 'list',
      items: single.map(
        (n) => `${code(n.id)} (${displayName(n)}) still runs as a single copy: losing its AZ takes it down.`,
      ),
    });
  }
  return { id: 'risks', title: 'Risks and failure modes', blocks };
}

function openQuestions(revised: ArchGraph): Section {
  const qs = revised.changeset!.openQuestions;
  return {
    id: 'open-questions',
    title: 'Open questions',
    blocks: [qs.length ? { t: 'list', items: qs } : { t: 'p', text: 'None recorded.' }],
  };
}

function rollout(revised: ArchGraph): Section {
  const steps = revised.changeset!.rollout;
  return {
    id: 'rollout',
    title: 'Rollout plan',
    blocks: [
      steps.length
        ? { t: 'list', items: steps, ordered: true }
        : {
            t: 'p',
            text: 'The ChangeSet has no rollout steps: apply the changes in the order of the table above.',
          },
    ],
  };
}

function iac(inputs: DocumentInputs): Section {
  const plan = planScaffold(inputs.revised, { onlyChanges: true });
  const file = inputs.files?.revised ?? 'V2.json';
  const blocks: Block[] = [];
  if (plan.resources.length === 0) {
    blocks.push({
      t: 'p',
      text: 'The change adds or modifies no AWS resource, so there is no IaC to generate.',
    });
    return { id: 'iac', title: 'Infrastructure as code', blocks };
  }
  const todos = plan.resources.flatMap(todosOf);
  blocks.push({
    t: 'p',
    text: `${code(`archmap scaffold ${file} --format terraform --only-changes -o infra/proposed`)} writes ${plural(
      plan.resources.length,
      'resource',
    )} across ${plural(plan.regions.length, 'region')} (${plan.regions.map(code).join(', ')}), with ${plural(
      todos.length,
      'decision',
    )} marked ${code('TODO(archmap)')} for a human. ${code('--format cdktf')} writes the same resources as a CDKTF app.`,
  });
  blocks.push({
    t: 'table',
    head: ['Resource', 'File', 'Region', 'Change'],
    rows: plan.resources.map((r) => [code(r.address), `${r.concern}.tf`, r.region, r.change ?? '—']),
  });
  if (plan.variables.some((v) => !v.default))
    blocks.push({
      t: 'p',
      text: `Inputs to supply: ${plan.variables
        .filter((v) => !v.default)
        .map((v) => code(v.name))
        .join(', ')}.`,
    });
  return { id: 'iac', title: 'Infrastructure as code', blocks };
}

/**
 * Builds the design document model.
 * @example
 * const doc = designDocument({ revised, base, mermaid: { current, proposed } });
 */
export function designDocument(inputs: DocumentInputs): DesignDocument {
  const cs = inputs.revised.changeset;
  const title = cs?.title ?? `${inputs.revised.name ?? 'Architecture'} design`;
  const subtitle = [
    'Status: proposed',
    cs?.scenario ? `scenario ${cs.scenario.name}` : undefined,
    cs?.planner ? `planner ${cs.planner}` : undefined,
    inputs.revised.name ? `system ${inputs.revised.name}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const sections: Section[] = [context(inputs.base), currentArchitecture(inputs)];
  if (cs) {
    sections.push(
      scenario(inputs.revised),
      proposedChanges(inputs),
      capacity(inputs.revised),
      cost(inputs.revised),
      tradeoffs(inputs.revised),
      risks(inputs.revised),
      openQuestions(inputs.revised),
      rollout(inputs.revised),
    );
  }
  sections.push(iac(inputs));
  return { title, subtitle, sections };
}
