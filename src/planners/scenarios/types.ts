// What a scenario is: a name, its options, and a deterministic plan (a ChangeSet) for a graph.
import { z } from 'zod';
import type { ArchGraph } from '../../model/graph.js';
import type { ChangeSet } from '../../model/schema.js';
import { CapacityConfigSchema } from '../capacity.js';

export const SCENARIO_NAMES = ['scale', 'multi-region', 'ha', 'cache', 'decouple', 'dr'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Options every scenario accepts; each reads the ones it needs. Validated from CLI flags and config. */
export const ScenarioOptionsSchema = z
  .object({
    /** Growth factor (scale). */
    factor: z.number().positive().default(10),
    /** Requests per second at each entry point today. */
    rps: z.number().positive().default(100),
    mode: z.enum(['active-passive', 'active-active']).default('active-passive'),
    /** Regions to run in; the first is the primary. Defaults to the graph's region plus its usual pair. */
    regions: z
      .array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region name like eu-west-1'))
      .default([]),
    /** Recovery point objective, in seconds. */
    rpoSeconds: z.number().nonnegative().optional(),
    /** Recovery time objective, in seconds. */
    rtoSeconds: z.number().nonnegative().optional(),
    /** decouple: the edge id (or `from -> to`) to put a queue on. */
    edge: z.string().optional(),
    capacity: CapacityConfigSchema.partial().default({}),
  })
  .strict();
export type ScenarioOptions = z.infer<typeof ScenarioOptionsSchema>;
export type ScenarioOptionsInput = z.input<typeof ScenarioOptionsSchema>;

export interface Scenario {
  name: ScenarioName;
  description: string;
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet;
}

export function defineScenario(s: Scenario): Scenario {
  return s;
}

/**
 * Parses `15m`, `1h`, `30s`, `2d` or a plain number of seconds.
 * @example
 * parseDuration('15m') // 900
 */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const mult = unit.startsWith('d') ? 86400 : unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  return n * mult;
}

export function formatDuration(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
