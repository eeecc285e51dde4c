// All AWS catalog tables, one file per service family.
import type { CatalogEntry } from '../types.js';
import { compute } from './compute.js';
import { messaging } from './messaging.js';
import { network } from './network.js';

export const awsCatalog: readonly CatalogEntry[] = [...compute, ...messaging, ...network];
