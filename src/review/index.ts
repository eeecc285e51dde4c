// Review: runs every rule over a graph and returns findings sorted by severity, each with a fix ChangeSet.

import { dedupeOps } from '../graph/ops.js';
import { emptyChangeSet } from '../model/changeset.js';
import type { ArchGraph } from '../model/graph.js';
import { rules as allRules } from './rules/index.js';
import {
  type Finding,
  type ReviewOptions,
  type ReviewResult,
  type Rule,
  type SEVERITIES,
  severityRank,
} from './types.js';

export * from './types.js';
export { allRules as rules };

/**
 * Reviews a graph against every rule (minus `options.disable`).
 * @example
 * const { findings } = review(graph);
 * findings.filter((f) => f.severity === 'high').map((f) => f.ruleId)
 */
export function review(graph: ArchGraph, options: ReviewOptions = {}): ReviewResult {
  const disabled = new Set(options.disable ?? []);
  const rules = allRules.filter((r) => !disabled.has(r.id));
  const ctx = { graph, options: { maxSyncDepth: options.maxSyncDepth ?? 4 } };
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(ctx)) {
      const first = graph.node(hit.nodes[0] ?? '');
      const location = first?.sources.find((s) => s.file) ?? first?.sources[0];
      findings.push({
        ruleId: rule.id,
        title: rule.title,
        severity: hit.severity ?? rule.severity,
        pillar: rule.pillar,
        nodes: hit.nodes,
        message: hit.message,
        why: rule.why,
        fix: {
          ...emptyChangeSet(`Fix ${rule.id}: ${hit.nodes.join(', ')}`),
          summary: rule.why,
          planner: 'review',
          ops: dedupeOps(hit.fix),
        },
        ...(location ? { location } : {}),
      });
    }
  }
  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.nodes.join() < b.nodes.join() ? -1 : 1),
  );
  return { findings, rules: [...rules] };
}

/** True when some finding is at least as severe as `threshold`. */
export function exceeds(findings: Finding[], threshold: (typeof SEVERITIES)[number]): boolean {
  return findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

export type { Rule };
