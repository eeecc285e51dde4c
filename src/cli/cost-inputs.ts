// What `cost`, `propose` and `pr` read to price a design: archmap.config.json (capacity and cost sections)
// and the price snapshot (shipped, or a file from `archmap pricing update`).
import { existsSync } from 'node:fs';
import type { PriceSnapshot } from '../catalog/prices.js';
import { type CostConfig, parseCostConfig, parsePriceSnapshot } from '../cost/config.js';
import type { CapacityConfig } from '../planners/capacity.js';
import { parsePlannerConfig } from '../planners/config.js';
import { readText } from './io.js';

export interface CostInputs {
  configPath?: string;
  capacity: Partial<CapacityConfig>;
  cost: CostConfig;
  prices?: PriceSnapshot;
}

/** Reads `--config` (or ./archmap.config.json when present) and `--prices` (or `cost.prices` in the config). */
export async function readCostInputs(flags: { config?: string; prices?: string }): Promise<CostInputs> {
  const configPath = flags.config ?? (existsSync('archmap.config.json') ? 'archmap.config.json' : undefined);
  let capacity: Partial<CapacityConfig> = {};
  let cost = parseCostConfig({}, '', '');
  if (configPath) {
    const text = await readText(configPath);
    const config = parsePlannerConfig(text, configPath);
    capacity = config.capacity ?? {};
    cost = parseCostConfig((config as Record<string, unknown>).cost, text, configPath);
  }
  const pricesPath = flags.prices ?? cost.prices;
  const prices = pricesPath ? parsePriceSnapshot(await readText(pricesPath), pricesPath) : undefined;
  return { ...(configPath ? { configPath } : {}), capacity, cost, ...(prices ? { prices } : {}) };
}
