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
  // Sort keys are computed once per finding: joining node lists inside the comparator made the sort the
  // slowest part of reviewing a large graph.
  const keyed = findings.map((f) => ({ f, rank: severityRank(f.severity), nodes: f.nodes.join() }));
  keyed.sort(
    (a, b) =>
      b.rank - a.rank ||
      (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0) ||
      (a.nodes < b.nodes ? -1 : 1),
  );
  return { findings: keyed.map((k) => k.f), rules: [...rules] };
}

/** True when some finding is at least as severe as `threshold`. */
export function exceeds(findings: Finding[], threshold: (typeof SEVERITIES)[number]): boolean {
  return findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

export type { Rule };
