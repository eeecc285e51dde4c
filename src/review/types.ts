// The review contract: a rule looks at the graph and returns findings, each with a fix expressed as a ChangeSet.
import type { ArchGraph } from '../model/graph.js';
import type { ChangeOp, ChangeSet, Source } from '../model/schema.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The six pillars of the AWS Well-Architected Framework. */
export const PILLARS = [
  'operational-excellence',
  'security',
  'reliability',
  'performance-efficiency',
  'cost-optimization',
  'sustainability',
] as const;
export type Pillar = (typeof PILLARS)[number];

export interface ReviewOptions {
  /** Longest acceptable chain of synchronous hops from an entry point (default 4). */
  maxSyncDepth?: number;
  /** Rule ids to skip. */
  disable?: string[];
}

export interface RuleContext {
  graph: ArchGraph;
  options: Required<Pick<ReviewOptions, 'maxSyncDepth'>>;
}

/** What a rule reports for one place in the graph; the engine adds the rule's metadata. */
export interface RuleHit {
  nodes: string[];
  message: string;
  fix: ChangeOp[];
  /** Overrides the rule's severity for this hit (e.g. a public database with data is critical). */
  severity?: Severity;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  pillar: Pillar;
  /** Why it matters, in one or two sentences; shown with every finding and in SARIF help. */
  why: string;
  /** Documentation the rule is based on. */
  helpUri: string;
  check(ctx: RuleContext): RuleHit[];
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  pillar: Pillar;
  nodes: string[];
  message: string;
  why: string;
  fix: ChangeSet;
  /** Where the first node was declared, when the graph knows. */
  location?: Source;
}

export interface ReviewResult {
  findings: Finding[];
  rules: Rule[];
}

/**
 * Returns its argument, so that rule files read as data.
 * @example
 * export default defineRule({ id: 'queue-without-dlq', severity: 'medium', pillar: 'reliability', … });
 */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
