// Renders review findings as text, JSON, SARIF 2.1.0 (code-scanning UIs) or Markdown (PR comments).
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { sortKeys } from '../model/io.js';
import type { ChangeOp } from '../model/schema.js';
import type { Finding, ReviewResult, Severity } from './types.js';

export const REVIEW_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

const SARIF_LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export function describeOp(op: ChangeOp): string {
  switch (op.op) {
    case 'add_node':
      return `add ${op.node.id}`;
    case 'remove_node':
      return `remove ${op.id}`;
    case 'update_node': {
      const fields = Object.entries(op.set).flatMap(([k, v]) =>
        (k === 'props' || k === 'tags') && v && typeof v === 'object'
          ? Object.entries(v).map(
              ([ik, iv]) => `${k === 'props' ? '' : 'tags.'}${ik} = ${JSON.stringify(iv)}`,
            )
          : [`${k} = ${JSON.stringify(v)}`],
      );
      return `set ${op.id}: ${[...fields, ...(op.unset ?? []).map((u) => `unset ${u}`)].join(', ')}`;
    }
    case 'add_edge':
      return `connect ${op.edge.from} → ${op.edge.to} (${op.edge.kind})`;
    case 'remove_edge':
      return `disconnect ${op.id}`;
    case 'update_edge':
      return `change edge ${op.id}`;
  }
}

export function formatText(result: ReviewResult): string {
  if (result.findings.length === 0) return `no findings (${result.rules.length} rules checked)\n`;
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} [${f.pillar}]`);
    lines.push(`  ${f.message}`);
    if (f.location?.file)
      lines.push(`  at ${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`);
    lines.push(`  why: ${f.why}`);
    for (const op of f.fix.ops) lines.push(`  fix: ${describeOp(op)} — ${op.rationale}`);
    lines.push('');
  }
  const counts = countBySeverity(result.findings);
  lines.push(
    `${result.findings.length} findings (${Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}) from ${result.rules.length} rules`,
  );
  return `${lines.join('\n')}\n`;
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export function formatJson(result: ReviewResult): string {
  return `${JSON.stringify(
    sortKeys({
      findings: result.findings,
      summary: countBySeverity(result.findings),
      rules: result.rules.map(({ id, title, severity, pillar, why, helpUri }) => ({
        id,
        title,
        severity,
        pillar,
        why,
        helpUri,
      })),
    }),
    null,
    2,
  )}\n`;
}

/**
 * A SARIF 2.1.0 log: one run, one reportingDescriptor per rule, one result per finding. Findings point at the
 * file and line the node was declared at when the graph knows it, and always name the node as a logical location.
 * @example
 * JSON.parse(formatSarif(review(graph), { graphFile: 'archmap.json' })).version // '2.1.0'
 */
export function formatSarif(
  result: ReviewResult,
  opts: { graphFile?: string; version?: string } = {},
): string {
  const rules: ReportingDescriptor[] = result.rules.map((r) => ({
    id: r.id,
    name: r.id
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: { text: r.why, markdown: `${r.why}\n\n[Documentation](${r.helpUri})` },
    helpUri: r.helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: {
      tags: [r.pillar],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
    },
  }));
  const index = new Map(result.rules.map((r, i) => [r.id, i]));
  const results: Result[] = result.findings.map((f) => {
    const file = f.location?.file ?? opts.graphFile;
    const res: Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.message}. ${f.why}` },
      locations: [
        {
          ...(file
            ? {
                physicalLocation: {
                  artifactLocation: { uri: file.split('\\').join('/') },
                  ...(f.location?.file && f.location.line ? { region: { startLine: f.location.line } } : {}),
                },
              }
            : {}),
          logicalLocations: f.nodes.map((id) => ({ fullyQualifiedName: id, kind: 'resource' })),
        },
      ],
      partialFingerprints: { 'archmap/v1': `${f.ruleId}:${f.nodes.join(',')}` },
      properties: {
        severity: f.severity,
        pillar: f.pillar,
        nodes: f.nodes,
        fix: f.fix.ops.map((op) => `${describeOp(op)} — ${op.rationale}`),
      },
    };
    return res;
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'archmap',
            version: opts.version ?? '0.1.0',
            rules,
          },
        },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|');

export function formatMarkdown(result: ReviewResult): string {
  const counts = countBySeverity(result.findings);
  const lines = [
    '# Architecture review',
    '',
    `${result.findings.length} findings from ${result.rules.length} rules: ${Object.entries(counts)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}.`,
    '',
  ];
  if (result.findings.length) {
    lines.push('| Severity | Rule | Pillar | Finding |', '| --- | --- | --- | --- |');
    for (const f of result.findings)
      lines.push(`| ${f.severity} | \`${f.ruleId}\` | ${f.pillar} | ${mdEscape(f.message)} |`);
    lines.push('');
    for (const f of result.findings) {
      lines.push(`## ${f.severity}: ${f.title}`, '', `**${mdEscape(f.message)}**`, '', f.why, '');
      if (f.fix.ops.length) {
        lines.push('Fix:', '');
        for (const op of f.fix.ops) lines.push(`- ${describeOp(op)} — ${op.rationale}`);
        lines.push('');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatReview(
  result: ReviewResult,
  format: ReviewFormat,
  opts: { graphFile?: string } = {},
): string {
  switch (format) {
    case 'text':
      return formatText(result);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, opts);
    case 'markdown':
      return formatMarkdown(result);
  }
}
