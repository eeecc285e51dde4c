// The compact graph encoding sent to the LLM: one line per component, plumbing collapsed into a count,
// repeated instances aggregated (`web[0..2] ×3`), ids kept verbatim. It degrades step by step until it fits
// the token budget: drop props, then collapse subnets, then summarise by service type.
import type { ArchGraph } from '../model/graph.js';
import { isGroupKind } from '../model/kinds.js';
import type { ArchNode } from '../model/schema.js';
import type { Redactor } from './redact.js';
import { isSensitiveKey, looksSecret } from './redact.js';
import { countTokens } from './tokens.js';

export const ENCODING_LEVELS = ['full', 'no-props', 'collapsed-subnets', 'by-service'] as const;
export type EncodingLevel = (typeof ENCODING_LEVELS)[number];

export interface EncodedGraph {
  text: string;
  tokens: number;
  level: EncodingLevel;
  /** True when even the most summarised form had to be cut to fit. */
  truncated: boolean;
}

const SKIP_PROP =
  /(^|_)(arn|arns|id|ids|arn_suffix|owner_id|etag|tags_all|policy|fqdn|hosted_zone_id|url|endpoint|address|dns_name)$|^(env|envRefs|tags|planAction|container_definitions|assume_role_policy)$/;
const MAX_PROPS = 6;
const MAX_VALUE = 48;

function propText(node: ArchNode, redactor: Redactor): string {
  const out: string[] = [];
  for (const key of Object.keys(node.props).sort()) {
    if (out.length >= MAX_PROPS) break;
    const value = node.props[key];
    if (SKIP_PROP.test(key) || isSensitiveKey(key)) continue;
    if (value === null || typeof value === 'object' || value === '') continue;
    const text = String(value);
    if (text.length > MAX_VALUE || looksSecret(text)) continue;
    out.push(`${key}=${redactor.scrub(text)}`);
  }
  // Env var names and what they point at say how components talk; their values never leave.
  const refs = node.props.envRefs as Record<string, string> | undefined;
  if (refs && typeof refs === 'object') {
    const names = Object.keys(refs).sort();
    if (names.length) out.push(`env=${names.map((n) => `${n}→${refs[n]}`).join(',')}`);
  }
  return out.join(' ');
}

function provenance(node: ArchNode): string {
  const s = node.sources.find((x) => x.file && x.line) ?? node.sources.find((x) => x.file || x.arn);
  if (!s) return '';
  return s.file ? `@${s.file}${s.line ? `:${s.line}` : ''}` : `@${s.arn}`;
}

/** `aws_instance.web[2]` → base `aws_instance.web`, key `2`. */
function splitIndex(id: string): { base: string; key: string | undefined } {
  const m = /^(.*)\[([^\]]+)\]$/.exec(id);
  return m ? { base: m[1]!, key: m[2]! } : { base: id, key: undefined };
}

function aggregateLabel(base: string, keys: string[]): string {
  const nums = keys.map(Number);
  if (nums.every(Number.isInteger)) {
    const sorted = [...nums].sort((a, b) => a - b);
    const contiguous = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
    if (contiguous) return `${base}[${sorted[0]}..${sorted.at(-1)}] ×${keys.length}`;
  }
  return `${base}[${keys.sort().join(',')}] ×${keys.length}`;
}

interface Line {
  id: string;
  members: ArchNode[];
}

/** Groups expanded instances (same base address, kind, service, parent) into one line. */
function aggregate(nodes: ArchNode[], parentOf: (n: ArchNode) => string | undefined): Line[] {
  const groups = new Map<string, ArchNode[]>();
  for (const n of nodes) {
    const { base, key } = splitIndex(n.id);
    const k = key === undefined ? `\u0000${n.id}` : [base, n.kind, n.service, parentOf(n)].join('\u0000');
    groups.set(k, [...(groups.get(k) ?? []), n]);
  }
  const lines: Line[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) lines.push({ id: members[0]!.id, members });
    else {
      const { base } = splitIndex(members[0]!.id);
      lines.push({
        id: aggregateLabel(
          base,
          members.map((m) => splitIndex(m.id).key!),
        ),
        members,
      });
    }
  }
  return lines.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function encodeAt(graph: ArchGraph, level: EncodingLevel, redactor: Redactor, examples: number): string {
  const all = graph.nodes().sort((a, b) => (a.id < b.id ? -1 : 1));
  const plumbing = all.filter((n) => n.plumbing);
  const visible = all.filter((n) => !n.plumbing);
  const collapse = level === 'collapsed-subnets' || level === 'by-service';
  const subnets = new Map(visible.filter((n) => n.kind === 'subnet').map((n) => [n.id, n]));
  const parentOf = (n: ArchNode): string | undefined => {
    let p = n.parent;
    if (collapse && p && subnets.has(p)) p = subnets.get(p)!.parent;
    return p;
  };
  const withProps = level === 'full';
  const out: string[] = [];
  const plumbingByService = new Map<string, number>();
  for (const n of plumbing)
    plumbingByService.set(n.service ?? n.kind, (plumbingByService.get(n.service ?? n.kind) ?? 0) + 1);
  out.push(
    `graph${graph.name ? ` "${graph.name}"` : ''}: ${graph.order} nodes, ${graph.size} edges; encoding: ${level}`,
  );
  if (plumbing.length) {
    out.push(
      `plumbing collapsed (${plumbing.length}): ${[...plumbingByService.entries()]
        .sort()
        .map(([s, c]) => `${s} ×${c}`)
        .join(', ')}`,
    );
  }
  out.push('', 'groups (id kind <parent>):');
  const groups = visible.filter((n) => isGroupKind(n.kind) && !(collapse && n.kind === 'subnet'));
  for (const g of groups) {
    let line = `${g.id} ${g.kind}${g.parent ? ` <${g.parent}>` : ''}`;
    if (collapse) {
      const inside = [...subnets.values()].filter((s) => s.parent === g.id);
      if (inside.length) {
        const zones = [...new Set(inside.map((s) => s.zone ?? String(s.props.availability_zone ?? '')))]
          .filter(Boolean)
          .sort();
        line += ` subnets ×${inside.length}${zones.length ? ` (${zones.join(',')})` : ''}`;
      }
    }
    if (withProps) line += ` ${propText(g, redactor)}`;
    out.push(line.trimEnd());
  }
  const components = visible.filter((n) => !isGroupKind(n.kind));
  const lineOf = new Map<string, string>();
  if (level === 'by-service') {
    out.push('', 'components by service (service kind ×count <parents>: example ids):');
    const byService = new Map<string, ArchNode[]>();
    for (const n of components) {
      const k = `${n.service ?? n.provider} ${n.kind}`;
      byService.set(k, [...(byService.get(k) ?? []), n]);
    }
    for (const [k, members] of [...byService.entries()].sort()) {
      const parents = [...new Set(members.map((m) => parentOf(m) ?? '-'))].sort();
      const shown = members.slice(0, examples).map((m) => m.id);
      const more = members.length - shown.length;
      out.push(
        `${k} ×${members.length} <${parents.slice(0, 3).join(',')}${parents.length > 3 ? `,+${parents.length - 3}` : ''}>: ${shown.join(', ')}${more > 0 ? ` +${more} more` : ''}`,
      );
      for (const m of members) lineOf.set(m.id, `[${k}]`);
    }
    out.push('', 'flows between service types (from -kind-> to ×count):');
  } else {
    out.push('', 'components (id kind service <parent> props @source):');
    for (const line of aggregate(components, parentOf)) {
      const n = line.members[0]!;
      for (const m of line.members) lineOf.set(m.id, line.id.replace(/ ×\d+$/, ''));
      const parts = [line.id, n.kind, n.service ?? n.provider];
      const parent = parentOf(n);
      if (parent) parts.push(`<${parent}>`);
      if (n.count === '?') parts.push('count=?');
      if (withProps) parts.push(propText(n, redactor));
      parts.push(provenance(n));
      out.push(parts.filter(Boolean).join(' '));
    }
    out.push('', 'edges (from -kind-> to "label"):');
  }
  const edges = new Map<string, number>();
  for (const e of graph.edges()) {
    const from = lineOf.get(e.from);
    const to = lineOf.get(e.to);
    if (!from || !to) continue;
    const label = level === 'by-service' || !e.label ? '' : ` "${e.label}"`;
    const k = `${from} -${e.kind}-> ${to}${label}`;
    edges.set(k, (edges.get(k) ?? 0) + 1);
  }
  for (const [k, c] of [...edges.entries()].sort()) out.push(c > 1 ? `${k} ×${c}` : k);
  return redactor.scrub(out.join('\n'));
}

/**
 * Encodes the graph within `budget` tokens, trying each level in turn.
 * @example
 * const { text, level } = encodeGraph(graph, 12_000, new Redactor());
 */
export function encodeGraph(graph: ArchGraph, budget: number, redactor: Redactor): EncodedGraph {
  for (const level of ENCODING_LEVELS.slice(0, -1)) {
    const text = encodeAt(graph, level, redactor, 0);
    const tokens = countTokens(text);
    if (tokens <= budget) return { text, tokens, level, truncated: false };
  }
  // Summarised by service type: as many example ids per type as the budget allows.
  for (const examples of [256, 128, 64, 32, 16, 8, 3, 1, 0]) {
    const text = encodeAt(graph, 'by-service', redactor, examples);
    const tokens = countTokens(text);
    if (tokens <= budget) return { text, tokens, level: 'by-service', truncated: false };
  }
  // Still too big: keep the head (groups and services) and say that the rest was cut.
  const text = encodeAt(graph, 'by-service', redactor, 0);
  const lines = text.split('\n');
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (countTokens(lines.slice(0, mid).join('\n')) <= budget - 20) lo = mid;
    else hi = mid - 1;
  }
  const cut = `${lines.slice(0, lo).join('\n')}\n… ${lines.length - lo} more lines cut to fit the token budget`;
  return { text: cut, tokens: countTokens(cut), level: 'by-service', truncated: true };
}
