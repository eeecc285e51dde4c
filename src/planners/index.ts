// Planners: a scenario in, a ChangeSet out. The offline planner is deterministic; an LLM planner (added
// separately) implements the same interface and may start from the offline baseline.
import { applyChangeSet } from '../model/changeset.js';
import { UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import { formatZodIssues } from '../model/io.js';
import type { ChangeSet } from '../model/schema.js';
import {
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioOptionsInput,
  ScenarioOptionsSchema,
  scenarios,
} from './scenarios/index.js';

export * from './capacity.js';
export { scenarios } from './scenarios/index.js';
export * from './scenarios/types.js';

/** A planner turns a graph and a scenario into a ChangeSet. */
export interface Planner {
  id: string;
  propose(graph: ArchGraph, scenario: ScenarioName, options: ScenarioOptionsInput): Promise<ChangeSet>;
}

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/**
 * The deterministic plan for a scenario.
 * @example
 * const cs = proposeOffline(graph, 'scale', { factor: 10, rps: 500 });
 * cs.capacity.filter((r) => (r.headroom ?? 1) < 0)
 */
export function proposeOffline(
  graph: ArchGraph,
  scenario: ScenarioName,
  options: ScenarioOptionsInput = {},
): ChangeSet {
  if (!isScenarioName(scenario)) {
    throw new UsageError(`unknown scenario ${JSON.stringify(scenario)}`, {
      hint: `one of ${SCENARIO_NAMES.join(', ')}`,
    });
  }
  const parsed = ScenarioOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new UsageError(`scenario options: ${formatZodIssues(parsed.error).join('; ')}`, {
      hint: 'check the flags',
    });
  }
  return scenarios[scenario].plan(graph, parsed.data);
}

export const offlinePlanner: Planner = {
  id: 'offline',
  async propose(graph, scenario, options) {
    return proposeOffline(graph, scenario, options);
  },
};

/**
 * The revised graph: the ChangeSet applied with change marks, and embedded so that `archmap doc` and
 * `archmap scaffold` can read the plan from the file.
 */
export function revise(graph: ArchGraph, changeset: ChangeSet): ArchGraph {
  const revised = applyChangeSet(graph, changeset);
  revised.changeset = changeset;
  return revised;
}

/**
 * Planners by id, loaded lazily. The LLM planner registers itself here as `llm`.
 * @example
 * const planner = await loadPlanner('offline');
 */
export const plannerLoaders: Record<string, () => Promise<Planner>> = {
  offline: async () => offlinePlanner,
};

export async function loadPlanner(id: string): Promise<Planner> {
  const load = plannerLoaders[id];
  if (!load) {
    throw new UsageError(`unknown planner ${JSON.stringify(id)}`, {
      hint: `available: ${Object.keys(plannerLoaders).sort().join(', ')}`,
    });
  }
  return load();
}
