// All AWS catalog tables, one file per service family, with the capacity figures of quotas.ts attached.
import type { CatalogEntry } from '../types.js';
import { compute } from './compute.js';
import { data } from './data.js';
import { edge } from './edge.js';
import { integration } from './integration.js';
import { messaging } from './messaging.js';
import { ml } from './ml.js';
import { network } from './network.js';
import { observability } from './observability.js';
import { capacityByTfType } from './quotas.js';
import { security } from './security.js';
import { storage } from './storage.js';

const tables: readonly CatalogEntry[] = [
  ...compute,
  ...data,
  ...storage,
  ...messaging,
  ...integration,
  ...edge,
  ...network,
  ...security,
  ...observability,
  ...ml,
];

export const awsCatalog: readonly CatalogEntry[] = tables.map((entry) => {
  const capacity = capacityByTfType[entry.tfType];
  return capacity ? { ...entry, capacity: [...(entry.capacity ?? []), ...capacity] } : entry;
});

export * from './instance-classes.js';
