// Colours and dash patterns shared by the D2 and Mermaid generators: diff marks and edge kinds.
import type { ChangeMark, EdgeKind } from '../../src/model/kinds.js';

export const DIFF_STYLES: Record<ChangeMark, { stroke: string; fill: string; label: string }> = {
  added: { stroke: '#2e7d32', fill: '#e8f5e9', label: 'Added' },
  removed: { stroke: '#c62828', fill: '#ffebee', label: 'Removed' },
  modified: { stroke: '#e68a00', fill: '#fff4e0', label: 'Modified' },
};

export interface EdgeStyle {
  stroke: string;
  width: number;
  dash?: number;
  note: string;
}

/** One style per edge kind; async messaging is dashed, structural links are thin and grey. */
export const EDGE_STYLES: Record<EdgeKind, EdgeStyle> = {
  calls: { stroke: '#37474f', width: 2, note: 'synchronous call' },
  routes: { stroke: '#1f2937', width: 2, note: 'routes traffic' },
  reads: { stroke: '#1e88e5', width: 2, note: 'reads data' },
  writes: { stroke: '#5e35b1', width: 2, note: 'writes data' },
  publishes: { stroke: '#8e24aa', width: 2, dash: 5, note: 'publishes (async)' },
  consumes: { stroke: '#00838f', width: 2, dash: 5, note: 'consumes (async)' },
  triggers: { stroke: '#ad1457', width: 2, dash: 5, note: 'triggers (event)' },
  replicates: { stroke: '#6d4c41', width: 2, dash: 3, note: 'replicates' },
  depends_on: { stroke: '#9e9e9e', width: 1, dash: 2, note: 'depends on' },
  access: { stroke: '#78909c', width: 1, dash: 2, note: 'access / permission' },
};
