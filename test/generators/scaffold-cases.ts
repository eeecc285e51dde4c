// The revised designs every scaffold/doc golden test runs on: the scanned shop fixture after each scenario of
// the real offline planner (so the goldens follow the planner), plus the hand-written fixture graphs as they are.
import type { ArchGraph } from '../../src/model/index.js';
import { proposeOffline, revise, SCENARIO_NAMES } from '../../src/planners/index.js';
import { fixtureGraph } from './support.js';

export interface ScaffoldCase {
  name: string;
  graph: ArchGraph;
  base: ArchGraph;
}

export async function scaffoldCases(): Promise<ScaffoldCase[]> {
  const shop = await fixtureGraph('shop');
  const cases: ScaffoldCase[] = SCENARIO_NAMES.map((scenario) => ({
    name: `shop-${scenario}`,
    graph: revise(shop, proposeOffline(shop, scenario, {})),
    base: shop,
  }));
  for (const name of ['three-tier', 'serverless-api']) {
    const graph = await fixtureGraph(name);
    cases.push({ name, graph, base: graph });
  }
  return cases;
}
