// Drift: what the sources of a merged graph disagree about. Live but not in Terraform, in Terraform but not live,
// used in code but declared nowhere, declared but unused. Read from the sources each merged node carries.
import { lookupTerraformType } from '../catalog/index.js';
import type { ArchGraph } from '../model/graph.js';
import { RUNTIME_EDGE_KINDS } from '../model/kinds.js';
import type { ArchNode } from '../model/schema.js';

export interface DriftItem {
  id: string;
  kind: string;
  service?: string;
  name: string;
  /** Where it was seen: `file:line`, an ARN or a Terraform address. */
  where: string[];
}

export interface DriftReport {
  /** Which views the graph holds; a section is only meaningful when both of its views were scanned. */
  scanned: { terraform: boolean; live: boolean; code: boolean };
  liveNotInTerraform: DriftItem[];
  terraformNotLive: DriftItem[];
  usedButUndeclared: DriftItem[];
  declaredButUnused: DriftItem[];
}

const GROUPS = new Set(['account', 'region', 'group']);
/** Things that hold or carry data: declaring one that nothing uses is worth a look. */
const USABLE = new Set(['database', 'cache', 'queue', 'topic', 'stream', 'storage', 'search']);
/** Deployment artefact stores: the runtime never reads them, so "unused" would be noise. */
const NOT_RUNTIME = new Set(['aws_ecr_repository', 'aws_ecrpublic_repository', 'aws_ecr_repository_policy']);
/** Edges that mean "this is used", as opposed to permissions or plumbing references. */
const USE_EDGES = new Set<string>(RUNTIME_EDGE_KINDS);

const has = (n: ArchNode, analyzer: string) => n.sources.some((s) => s.analyzer === analyzer);

function item(n: ArchNode): DriftItem {
  const where = new Set<string>();
  for (const s of n.sources) {
    if (s.file) where.add(s.line ? `${s.file}:${s.line}` : s.file);
    else if (s.arn) where.add(s.arn);
    else if (s.address) where.add(s.address);
  }
  return {
    id: n.id,
    kind: n.kind,
    ...(n.service ? { service: n.service } : {}),
    name: n.name,
    where: [...where].sort(),
  };
}

const byId = (a: DriftItem, b: DriftItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Computes the drift report of a merged graph.
 * @example
 * const report = driftReport(await scan(sources));
 * report.liveNotInTerraform.map((i) => i.id);
 */
export function driftReport(graph: ArchGraph): DriftReport {
  const nodes = graph.nodes();
  const scanned = {
    terraform: nodes.some((n) => has(n, 'terraform')),
    live: nodes.some((n) => has(n, 'aws')),
    code: nodes.some((n) => has(n, 'typescript')),
  };
  const report: DriftReport = {
    scanned,
    liveNotInTerraform: [],
    terraformNotLive: [],
    usedButUndeclared: [],
    declaredButUnused: [],
  };
  // A Terraform type counts as observable live when the scan saw at least one of it, or the catalog marks it
  // significant (listed even when untagged); only regions that the live scan covered are compared.
  const liveTypes = new Set(nodes.filter((n) => has(n, 'aws') && n.service).map((n) => n.service!));
  const liveRegions = new Set(nodes.filter((n) => has(n, 'aws') && n.region).map((n) => n.region!));
  for (const n of nodes) {
    if (GROUPS.has(n.kind)) continue;
    const tf = has(n, 'terraform');
    const live = has(n, 'aws');
    if (scanned.terraform && scanned.live) {
      if (live && !tf) report.liveNotInTerraform.push(item(n));
      const observable =
        n.service && (liveTypes.has(n.service) || lookupTerraformType(n.service)?.significant === true);
      if (tf && !live && observable && (!n.region || liveRegions.has(n.region)))
        report.terraformNotLive.push(item(n));
    }
    if (n.id.startsWith('ref:') && !tf && !live) report.usedButUndeclared.push(item(n));
    if (scanned.code && (tf || live) && USABLE.has(n.kind) && !NOT_RUNTIME.has(n.service ?? '')) {
      const used = [...graph.inEdges(n.id), ...graph.outEdges(n.id)].some(
        (e) => USE_EDGES.has(e.kind) || (e.kind === 'depends_on' && typeof e.props?.env === 'string'),
      );
      if (!used) report.declaredButUnused.push(item(n));
    }
  }
  report.liveNotInTerraform.sort(byId);
  report.terraformNotLive.sort(byId);
  report.usedButUndeclared.sort(byId);
  report.declaredButUnused.sort(byId);
  return report;
}

const SECTIONS: Array<[keyof Omit<DriftReport, 'scanned'>, string, (s: DriftReport['scanned']) => boolean]> =
  [
    ['liveNotInTerraform', 'Live but not in Terraform', (s) => s.live && s.terraform],
    ['terraformNotLive', 'In Terraform but not live', (s) => s.live && s.terraform],
    ['usedButUndeclared', 'Used in code but declared nowhere', (s) => s.code],
    ['declaredButUnused', 'Declared but unused', (s) => s.code && (s.terraform || s.live)],
  ];

/**
 * Renders a drift report as text, JSON or Markdown.
 * @example
 * process.stdout.write(formatDrift(report, 'markdown'));
 */
export function formatDrift(report: DriftReport, format: 'text' | 'json' | 'markdown'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lines: string[] = [];
  if (format === 'markdown') lines.push('# Drift', '');
  for (const [key, title, applies] of SECTIONS) {
    const items = report[key];
    const skipped = !applies(report.scanned);
    if (format === 'markdown') {
      lines.push(`## ${title} (${skipped ? 'not checked' : items.length})`, '');
      if (skipped) lines.push(`_Not checked: ${missingViews(key, report.scanned)}._`, '');
      else if (items.length === 0) lines.push('None.', '');
      else {
        lines.push('| Id | Kind | Type | Seen at |', '| --- | --- | --- | --- |');
        for (const i of items) {
          lines.push(
            `| \`${i.id}\` | ${i.kind} | ${i.service ?? ''} | ${i.where.map((w) => `\`${w}\``).join('<br>')} |`,
          );
        }
        lines.push('');
      }
    } else {
      lines.push(
        `${title}: ${skipped ? `not checked (${missingViews(key, report.scanned)})` : items.length}`,
      );
      for (const i of items)
        lines.push(`  ${i.id}  [${i.kind}${i.service ? ` ${i.service}` : ''}]  ${i.where.join(', ')}`);
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function missingViews(key: string, s: DriftReport['scanned']): string {
  const missing: string[] = [];
  if ((key === 'liveNotInTerraform' || key === 'terraformNotLive') && !s.live)
    missing.push('no live AWS scan');
  if ((key === 'liveNotInTerraform' || key === 'terraformNotLive') && !s.terraform)
    missing.push('no Terraform');
  if (key === 'usedButUndeclared' && !s.code) missing.push('no code scanned');
  if (key === 'declaredButUnused' && !s.code) missing.push('no code scanned');
  if (key === 'declaredButUnused' && s.code && !s.terraform && !s.live) missing.push('nothing declared');
  return missing.join(', ');
}
