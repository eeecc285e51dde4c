// The vocabulary every stage shares: abstract node roles, group kinds and edge kinds.
import { z } from 'zod';

/** Abstract roles of components. `service` on a node names the concrete product. */
export const COMPONENT_KINDS = [
  'service',
  'function',
  'container',
  'database',
  'cache',
  'queue',
  'topic',
  'stream',
  'storage',
  'load_balancer',
  'cdn',
  'dns',
  'api_gateway',
  'search',
  'external',
  'client',
  'secret',
  'identity',
  'network',
  'module',
  'generic',
] as const;

/** Kinds that contain other nodes through `parent`. */
export const GROUP_KINDS = ['account', 'region', 'vpc', 'subnet', 'zone', 'group'] as const;

export const NODE_KINDS = [...COMPONENT_KINDS, ...GROUP_KINDS] as const;

export const EDGE_KINDS = [
  'calls',
  'reads',
  'writes',
  'publishes',
  'consumes',
  'routes',
  'triggers',
  'replicates',
  'depends_on',
  'access',
] as const;

/** Edges along which a request or a message travels. `depends_on` and `access` are configuration, not traffic. */
export const TRAFFIC_EDGE_KINDS: readonly EdgeKind[] = [
  'calls',
  'routes',
  'reads',
  'writes',
  'publishes',
  'consumes',
  'triggers',
];

/** Traffic plus replication: every edge that says two components exchange data at run time. */
export const RUNTIME_EDGE_KINDS: readonly EdgeKind[] = [...TRAFFIC_EDGE_KINDS, 'replicates'];

export const CHANGE_MARKS = ['added', 'removed', 'modified'] as const;

export const NodeKindSchema = z.enum(NODE_KINDS);
export const EdgeKindSchema = z.enum(EDGE_KINDS);
export const ChangeMarkSchema = z.enum(CHANGE_MARKS);

export type NodeKind = z.infer<typeof NodeKindSchema>;
export type GroupKind = (typeof GROUP_KINDS)[number];
export type EdgeKind = z.infer<typeof EdgeKindSchema>;
export type ChangeMark = z.infer<typeof ChangeMarkSchema>;

export function isGroupKind(kind: NodeKind): kind is GroupKind {
  return (GROUP_KINDS as readonly string[]).includes(kind);
}

/** Kinds that hold data: deleting one silently is never acceptable. */
export const DATA_STORE_KINDS: readonly NodeKind[] = [
  'database',
  'cache',
  'storage',
  'queue',
  'stream',
  'search',
];
