// Cost: what a design costs a month, and what a plan changes in it. Reads the graph, the capacity model's
// traffic and the price snapshot; returns reports that the CLI, design docs and PR comments print.
import type { ArchGraph } from '../model/graph.js';
import type { ChangeSet, CostSummary } from '../model/schema.js';
import { type CostLine, type CostOptions, type CostReport, costReport, type NodeCost } from './model.js';
import { formatMoney, formatQuantity, minus, point, type Range, roundRange } from './range.js';

export * from './config.js';
export * from './model.js';
export * from './range.js';

export interface CostDelta {
  before: CostReport;
  after: CostReport;
  /** after − before. */
  delta: Range;
  /** The same design at the scenario's load, without the plan: how much of the delta is the traffic itself. */
  growthOnly?: CostReport;
}

const zero = point(0);

/**
 * The cost of a plan: the base design at today's load, the revised design at the scenario's load (×factor for
 * a scale scenario, where elastic groups run at the size the plan computed).
 * @example
 * const { delta } = costDelta(base, revised, { rps: 100, factor: 10 });
 */
export function costDelta(base: ArchGraph, revised: ArchGraph, options: CostOptions = {}): CostDelta {
  const factor = options.factor ?? 1;
  const before = costReport(base, { ...options, factor: 1 });
  const after = costReport(revised, { ...options, factor });
  const out: CostDelta = { before, after, delta: roundRange(minus(after.total, before.total)) };
  if (factor > 1) out.growthOnly = costReport(base, { ...options, factor });
  return out;
}

/** The load a scenario implies: a scale plan's factor and rps, else the given rps at ×1. */
export function scenarioLoad(
  changeset: ChangeSet | undefined,
  rps?: number,
): { rps: number; factor: number } {
  const params = changeset?.scenario?.params ?? {};
  const factor =
    changeset?.scenario?.name === 'scale' && typeof params.factor === 'number' ? params.factor : 1;
  const planned = typeof params.rps === 'number' ? params.rps : undefined;
  return { rps: rps ?? planned ?? 100, factor };
}

/**
 * The compact form stored in a ChangeSet (`changeset.cost`) for design docs and PR comments.
 * @example
 * changeset.cost = costSummary(costDelta(base, revised, { rps: 100, factor: 10 }));
 */
export function costSummary(d: CostDelta): CostSummary {
  const byNode = new Map<string, { before: Range; after: Range }>();
  for (const n of d.before.nodes) byNode.set(n.node, { before: n.monthly, after: zero });
  for (const n of d.after.nodes)
    byNode.set(n.node, { before: byNode.get(n.node)?.before ?? zero, after: n.monthly });
  const rows = [...byNode.entries()]
    .map(([node, r]) => ({ node, ...r }))
    .filter((r) => r.before.low !== r.after.low || r.before.high !== r.after.high)
    .sort(
      (a, b) =>
        Math.abs(b.after.high - b.before.high) - Math.abs(a.after.high - a.before.high) ||
        (a.node < b.node ? -1 : 1),
    );
  return {
    currency: 'USD',
    snapshot: d.after.snapshot.date,
    basis: d.after.snapshot.basis,
    rps: d.after.rps,
    factor: d.after.factor,
    before: d.before.total,
    after: d.after.total,
    delta: d.delta,
    rows,
    assumptions: [...new Set([...d.after.notes, ...d.after.assumptions.map((a) => a.text)])],
  };
}

function signed(r: Range): string {
  const text = formatMoney({ low: Math.abs(r.low), high: Math.abs(r.high) });
  if (r.low >= 0 && r.high >= 0) return `+${text}`;
  if (r.low <= 0 && r.high <= 0) return `−${text}`;
  return `${formatMoney(r.low < r.high ? r : { low: r.high, high: r.low })}`;
}

/** `$120.00 → $410.50 a month (+$290.50)`. */
export function formatDeltaLine(s: Pick<CostSummary, 'before' | 'after' | 'delta'>): string {
  return `${formatMoney(s.before)} → ${formatMoney(s.after)} a month (${signed(s.delta)})`;
}

function statusText(n: NodeCost): string {
  if (n.status === 'free') return '$0.00 (no charge)';
  if (n.status === 'unpriced') return `not priced${n.note ? `: ${n.note}` : ''}`;
  return formatMoney(n.monthly);
}

/** The report as aligned text: one block per component with its line items, then the total and assumptions. */
export function formatCostText(report: CostReport): string {
  const out: string[] = [
    `Monthly cost (${report.snapshot.currency}, price snapshot ${report.snapshot.date}; ${report.snapshot.basis})`,
    '',
  ];
  const width = Math.min(60, Math.max(...report.nodes.map((n) => n.node.length), 10));
  for (const n of report.nodes) {
    out.push(`${n.node.padEnd(width)}  ${statusText(n)}`);
    for (const l of n.lines)
      out.push(
        `  ${l.item}: ${amount(l)} = ${formatMoney(l.monthly)}  (${l.basis}; ${l.price} ${l.pricedAs ? `priced as ${l.pricedAs}` : l.region})`,
      );
  }
  out.push('', `${'Total'.padEnd(width)}  ${formatMoney(report.total)} a month`, '', 'Assumptions:');
  for (const note of report.notes) out.push(`  - ${note}`);
  for (const a of report.assumptions) out.push(`  - ${a.text} → ${a.drove.join(', ')}`);
  return `${out.join('\n')}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** `262.8 million requests × $0.4` or `730 hour × $0.0252`; per-batch units read `26,280 × 10,000 requests`. */
function amount(l: CostLine): string {
  const batched = /^[\d,]+ /.test(l.unit);
  const price = l.unitPrice.toLocaleString('en-US', { maximumFractionDigits: 10 });
  return `${formatQuantity(l.quantity)}${batched ? ' ×' : ''} ${l.unit} × $${price}`;
}

/** The report as a Markdown table with the assumptions below it. */
export function formatCostMarkdown(report: CostReport): string {
  const out = [
    '| Component | Monthly | Line items |',
    '| --- | ---: | --- |',
    ...report.nodes.map(
      (n) =>
        `| \`${cell(n.node)}\` | ${cell(statusText(n))} | ${cell(n.lines.map((l) => `${l.item} ${formatMoney(l.monthly)} (${amount(l)})`).join('; '))} |`,
    ),
    `| **Total** | **${formatMoney(report.total)}** | |`,
    '',
    `List prices in ${report.snapshot.currency} from the price snapshot of ${report.snapshot.date} (${report.snapshot.basis}).`,
    '',
    '**Assumptions**',
    '',
    ...report.notes.map((n) => `- ${cell(n)}`),
    ...report.assumptions.map((a) => `- ${cell(a.text)} → ${a.drove.map((d) => `\`${d}\``).join(', ')}`),
  ];
  return `${out.join('\n')}\n`;
}

/** The before → after table of a plan, in Markdown. */
export function formatCostSummaryMarkdown(s: CostSummary): string {
  const out = [
    `**${formatDeltaLine(s)}** at ${s.factor > 1 ? `${s.rps} × ${s.factor}` : s.rps} requests/s per entry point.`,
    '',
    '| Component | Before | After | Change |',
    '| --- | ---: | ---: | ---: |',
    ...s.rows.map(
      (r) =>
        `| \`${cell(r.node)}\` | ${formatMoney(r.before)} | ${formatMoney(r.after)} | ${signed(minus(r.after, r.before))} |`,
    ),
    `| **Total** | **${formatMoney(s.before)}** | **${formatMoney(s.after)}** | **${signed(s.delta)}** |`,
    '',
    `List prices in ${s.currency} from the price snapshot of ${s.snapshot} (${s.basis}).`,
    '',
    '**Assumptions**',
    '',
    ...s.assumptions.map((a) => `- ${cell(a)}`),
  ];
  return `${out.join('\n')}\n`;
}
