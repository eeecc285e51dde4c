// Every offline scenario, by name.
import cache from './cache.js';
import decouple from './decouple.js';
import dr from './dr.js';
import ha from './ha.js';
import multiRegion from './multi-region.js';
import scale from './scale.js';
import type { Scenario, ScenarioName } from './types.js';

export * from './types.js';

export const scenarios: Record<ScenarioName, Scenario> = {
  scale,
  'multi-region': multiRegion,
  ha,
  cache,
  decouple,
  dr,
};
