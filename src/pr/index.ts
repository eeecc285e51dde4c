// The architecture review of a change: base and head graphs in, one Markdown comment out (diagram diff of the
// changed neighbourhood, components and connections changed, findings appeared/resolved, capacity and cost delta).
import { type CostDelta, type CostOptions, costDelta, formatMoney, minus } from '../cost/index.js';
import { compareGraphs, diffGraphs } from '../model/diff.js';
import { ArchGraph } from '../model/graph.js';
import { isGroupKind } from '../model/kinds.js';
import type { CapacityRow } from '../model/schema.js';
import { capacityReport, formatHeadroom } from '../planners/capacity.js';
import { type Finding, review, SEVERITIES, type Severity } from '../review/index.js';

/** The hidden marker a CI job uses to find and update its one comment. */
export const PR_MARKER = '<!-- archmap-pr -->';

export interface PrReview {
  /** diffGraphs(base, head): head plus removed elements, all marked. */
  diff: ArchGraph;
  changes: ReturnType<typeof compareGraphs>;
  appeared: Finding[];
  resolved: Finding[];
  cost?: CostDelta;
  /** Capacity rows (load, limit, headroom at today's load) that differ between base and head. */
  capacity?: { rps: number; changes: CapacityChange[] };
}

export interface CapacityChange {
  node: string;
  metric: string;
  unit: string;
  before?: CapacityRow;
  after?: CapacityRow;
}

const round = (x: number | null | undefined) => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : x);
const sameRow = (a: CapacityRow, b: CapacityRow) =>
  round(a.loadNow) === round(b.loadNow) &&
  round(a.capacity) === round(b.capacity) &&
  round(a.headroom) === round(b.headroom);

/** The capacity model on both sides at the same load, and the rows that moved. */
function capacityChanges(
  base: ArchGraph,
  head: ArchGraph,
  cost: CostOptions,
): { rps: number; changes: CapacityChange[] } {
  const rps = cost.rps ?? 100;
  const options = { rps, factor: 1, ...(cost.capacity ? { config: cost.capacity } : {}) };
  const rowKey = (r: CapacityRow) => `${r.node}\u0000${r.metric}`;
  const before = new Map(capacityReport(base, options).rows.map((r) => [rowKey(r), r]));
  const after = new Map(capacityReport(head, options).rows.map((r) => [rowKey(r), r]));
  const changes: CapacityChange[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(k);
    const a = after.get(k);
    if (a && b && sameRow(a, b)) continue;
    const r = (a ?? b)!;
    changes.push({
      node: r.node,
      metric: r.metric,
      unit: r.unit,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
    });
  }
  return { rps, changes };
}

const key = (f: Finding) => `${f.ruleId}\u0000${[...f.nodes].sort().join(',')}`;

/**
 * Compares two graphs as a pull request would: what changed, which findings appeared or were resolved, and
 * the cost before and after.
 * @example
 * const pr = reviewChange(base, head, { rps: 100 });
 * pr.appeared.filter((f) => f.severity === 'high')
 */
export function reviewChange(base: ArchGraph, head: ArchGraph, cost?: CostOptions): PrReview {
  const before = review(base).findings;
  const after = review(head).findings;
  const was = new Set(before.map(key));
  const is = new Set(after.map(key));
  return {
    diff: diffGraphs(base, head),
    changes: compareGraphs(base, head),
    appeared: after.filter((f) => !was.has(key(f))),
    resolved: before.filter((f) => !is.has(key(f))),
    ...(cost ? { cost: costDelta(base, head, cost), capacity: capacityChanges(base, head, cost) } : {}),
  };
}

/** The changed elements and their direct neighbours, for a readable diff diagram. */
export function changedNeighbourhood(diff: ArchGraph): ArchGraph {
  const keep = new Set<string>();
  for (const n of diff.nodes()) if (n.change && !isGroupKind(n.kind)) keep.add(n.id);
  for (const e of diff.edges())
    if (e.change || keep.has(e.from) || keep.has(e.to)) {
      keep.add(e.from);
      keep.add(e.to);
    }
  const out = new ArchGraph();
  const add = (id: string) => {
    const n = diff.node(id);
    if (!n || out.hasNode(id)) return;
    if (n.parent) add(n.parent);
    out.addNode(n);
  };
  for (const id of [...keep].sort()) add(id);
  for (const e of diff.edges()) if (out.hasNode(e.from) && out.hasNode(e.to)) out.addEdge(e);
  return out;
}

export const atLeast = (findings: Finding[], severity: Severity) =>
  findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(severity));

const SIGN = { added: 'added', removed: 'removed', modified: 'changed' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The Markdown comment (GitHub and GitLab render it, Mermaid included). Link-free.
 * @example
 * const md = prComment(reviewChange(base, head), { mermaid: text });
 */
export function prComment(pr: PrReview, opts: { mermaid?: string } = {}): string {
  const k = pr.changes.counts;
  const nodes = `${k.added.nodes} component(s) added, ${k.removed.nodes} removed, ${k.modified.nodes} changed`;
  const edges = `${k.added.edges} connection(s) added, ${k.removed.edges} removed, ${k.modified.edges} changed`;
  const findings = `${pr.appeared.length} finding(s) appeared, ${pr.resolved.length} resolved`;
  const cost = pr.cost
    ? `cost ${formatMoney(pr.cost.before.total)} → ${formatMoney(pr.cost.after.total)} a month`
    : 'cost not available';
  const out = [
    PR_MARKER,
    '## archmap: architecture review of this change',
    '',
    `**Summary:** ${nodes}; ${edges}; ${findings}; ${cost}.`,
    '',
  ];
  if (opts.mermaid)
    out.push('### Diagram of the changed neighbourhood', '', '```mermaid', opts.mermaid.trimEnd(), '```', '');
  out.push('### Components and connections', '');
  if (pr.changes.changes.length) {
    out.push('| Change | Type | Id | Kind |', '| --- | --- | --- | --- |');
    for (const c of pr.changes.changes)
      out.push(`| ${SIGN[c.change]} | ${c.type} | \`${cell(c.id)}\` | ${c.kind} |`);
  } else out.push('No architectural change.');
  out.push('', '### Review findings', '');
  const list = (title: string, fs: Finding[]) => {
    out.push(`**${title} (${fs.length})**`, '');
    if (!fs.length) out.push('- none');
    for (const f of fs) out.push(`- **${f.severity}** \`${f.ruleId}\`: ${cell(f.message)}`);
    out.push('');
  };
  list('Appeared', pr.appeared);
  list('Resolved', pr.resolved);
  out.push('### Capacity and cost', '');
  if (pr.cost) {
    const c = pr.cost;
    out.push(
      `Monthly cost at ${c.after.rps} requests/s per entry point: **${formatMoney(c.before.total)} → ${formatMoney(c.after.total)}** (change ${formatMoney(c.delta)}), list prices from the snapshot of ${c.after.snapshot.date} (${c.after.snapshot.basis}).`,
      '',
    );
    const before = new Map(c.before.nodes.map((n) => [n.node, n.monthly]));
    const rows = c.after.nodes
      .map((n) => ({ node: n.node, before: before.get(n.node) ?? { low: 0, high: 0 }, after: n.monthly }))
      .concat(
        c.before.nodes
          .filter((n) => !c.after.nodes.some((a) => a.node === n.node))
          .map((n) => ({ node: n.node, before: n.monthly, after: { low: 0, high: 0 } })),
      )
      .filter((r) => r.before.low !== r.after.low || r.before.high !== r.after.high)
      .sort((a, b) => (a.node < b.node ? -1 : 1));
    if (rows.length) {
      out.push('| Component | Before | After | Change |', '| --- | ---: | ---: | ---: |');
      for (const r of rows)
        out.push(
          `| \`${cell(r.node)}\` | ${formatMoney(r.before)} | ${formatMoney(r.after)} | ${formatMoney(minus(r.after, r.before))} |`,
        );
    } else out.push('No component changes cost.');
  } else out.push('Cost is not available for this change.');
  if (pr.capacity) {
    const { rps, changes } = pr.capacity;
    out.push('');
    if (!changes.length) out.push(`No capacity change at ${rps} requests/s per entry point.`);
    else {
      const load = (r?: CapacityRow) => (r ? `${round(r.loadNow)}` : '–');
      const limit = (r?: CapacityRow) => (r ? (r.capacity === null ? '?' : `${round(r.capacity)}`) : '–');
      const room = (r?: CapacityRow) => (r ? formatHeadroom({ ...r, loadAtFactor: r.loadNow }) : '–');
      out.push(
        `Capacity at ${rps} requests/s per entry point (rows that changed):`,
        '',
        '| Component | Metric | Load | Limit | Headroom |',
        '| --- | --- | ---: | ---: | ---: |',
      );
      for (const c of changes)
        out.push(
          `| \`${cell(c.node)}\` | ${cell(c.metric)} (${cell(c.unit)}) | ${load(c.before)} → ${load(c.after)} | ${limit(c.before)} → ${limit(c.after)} | ${room(c.before)} → ${room(c.after)} |`,
        );
    }
  }
  return `${out.join('\n')}\n`;
}
