// Cache: where reads dominate a data store, put a cache in front (ElastiCache for relational data, DAX for
// DynamoDB) and send read traffic through it (cache-aside).

import { addEdge, addNode, dedupeOps, newEdge, newNode } from '../../graph/ops.js';
import { byService, localName } from '../../graph/query.js';
import { emptyChangeSet } from '../../model/changeset.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ArchNode, ChangeOp, ChangeSet } from '../../model/schema.js';
import { CapacityConfigSchema, propagateLoad } from '../capacity.js';
import { defineScenario, type ScenarioOptions } from './types.js';

/** Assumed hit ratio for a cache-aside read path; drives the capacity estimate. */
export const ASSUMED_HIT_RATIO = 0.8;

export interface ReadHeavyStore {
  store: ArchNode;
  readers: ArchNode[];
  reads: number;
  writes: number;
}

/** Stores whose read load is at least the write load, with no cache already used by their readers. */
export function readHeavyStores(graph: ArchGraph, rps: number): ReadHeavyStore[] {
  const raw = propagateLoad(graph, rps, CapacityConfigSchema.parse({})).loads;
  const loads = Object.fromEntries(raw);
  const out: ReadHeavyStore[] = [];
  for (const store of byService(graph, 'aws_db_instance', 'aws_rds_cluster', 'aws_dynamodb_table')) {
    const inbound = graph.inEdges(store.id);
    const readEdges = inbound.filter((e) => e.kind === 'reads');
    const reads = readEdges.reduce((s, e) => s + (loads[e.from] ?? 0), 0);
    const writes = inbound.filter((e) => e.kind === 'writes').reduce((s, e) => s + (loads[e.from] ?? 0), 0);
    const readers = readEdges.map((e) => graph.node(e.from)!);
    const cached =
      readers.length > 0 &&
      readers.every((r) => graph.outEdges(r.id).some((e) => graph.node(e.to)?.kind === 'cache'));
    if (readers.length && reads >= writes && !cached) out.push({ store, readers, reads, writes });
  }
  return out;
}

function cacheFor(graph: ArchGraph, s: ReadHeavyStore): ChangeOp[] {
  const dynamo = s.store.service === 'aws_dynamodb_table';
  const cache = dynamo
    ? newNode('aws_dax_cluster', localName(s.store.id), {
        like: s.store,
        kind: 'cache',
        props: {
          node_type: 'dax.r5.large',
          replication_factor: 3,
          server_side_encryption: { enabled: true },
        },
      })
    : newNode('aws_elasticache_replication_group', `${localName(s.store.id)}_cache`, {
        like: s.store,
        kind: 'cache',
        props: {
          engine: 'valkey',
          node_type: 'cache.r7g.large',
          num_cache_clusters: 2,
          automatic_failover_enabled: true,
          multi_az_enabled: true,
          at_rest_encryption_enabled: true,
          transit_encryption_enabled: true,
        },
      });
  delete cache.zone;
  if (graph.hasNode(cache.id)) return [];
  const ops: ChangeOp[] = [
    addNode(
      cache,
      dynamo
        ? `DAX in front of ${s.store.id}: microsecond reads for hot items, API-compatible with the DynamoDB client`
        : `an ElastiCache (Valkey) cache for ${s.store.id}: reads are ${Math.round((s.reads / Math.max(1, s.reads + s.writes)) * 100)}% of its traffic`,
    ),
  ];
  for (const r of s.readers) {
    ops.push(
      addEdge(
        newEdge(r.id, cache.id, 'reads', { label: dynamo ? 'DAX client' : 'cache-aside' }),
        `${r.id} reads through the cache first; on a miss it reads the store and fills the cache (TTL per entity)`,
      ),
    );
    if (dynamo) {
      const old = graph.inEdges(s.store.id).filter((e) => e.from === r.id && e.kind === 'reads');
      for (const e of old)
        ops.push({
          op: 'remove_edge',
          id: e.id,
          rationale: 'DAX is a read-through cache: the client no longer reads the table directly',
        });
    }
  }
  if (dynamo)
    ops.push(
      addEdge(
        newEdge(cache.id, s.store.id, 'reads', { label: 'read-through' }),
        'DAX fetches misses from the table',
      ),
    );
  return ops;
}

export default defineScenario({
  name: 'cache',
  description: 'a cache in front of data stores where reads dominate',
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet {
    const stores = readHeavyStores(graph, options.rps);
    const ops = dedupeOps(stores.flatMap((s) => cacheFor(graph, s)));
    return {
      ...emptyChangeSet('Cache the read path'),
      scenario: { name: 'cache', params: { rps: options.rps } },
      planner: 'offline',
      summary: stores.length
        ? `Reads dominate ${stores.map((s) => `${s.store.id} (${Math.round(s.reads)} reads/s vs ${Math.round(s.writes)} writes/s at ${options.rps} rps)`).join(', ')}. With an ${Math.round(ASSUMED_HIT_RATIO * 100)}% hit ratio the store sees ${Math.round((1 - ASSUMED_HIT_RATIO) * 100)}% of today's reads.`
        : 'No data store is read-dominated without a cache already in front of it.',
      goals: [
        'cut read load on the primary store by ~80%',
        'lower read latency to sub-millisecond for hot keys',
      ],
      ops,
      capacity: stores.map((s) => ({
        node: s.store.id,
        metric: 'reads_after_cache',
        unit: 'reads/s',
        loadNow: Math.round(s.reads * 100) / 100,
        loadAtFactor: Math.round(s.reads * (1 - ASSUMED_HIT_RATIO) * 100) / 100,
        capacity: null,
        headroom: null,
        source: `assumed ${Math.round(ASSUMED_HIT_RATIO * 100)}% cache hit ratio`,
        action: 'measure the hit ratio after rollout (CacheHits / (CacheHits + CacheMisses))',
      })),
      tradeoffs: [
        'Cached reads can be stale for up to the TTL; writes must invalidate or update the cache.',
        'One more stateful component to run, monitor and secure.',
      ],
      alternatives: [
        {
          option: 'Read replicas',
          whyNot:
            'scale reads without staleness management in the app, but millisecond latency and a full instance per replica; better when reads are diverse rather than hot',
        },
        {
          option: 'CloudFront caching of GET responses',
          whyNot: 'cheapest for public, identical responses; most API reads here are per-user',
        },
        {
          option: 'In-process memory cache',
          whyNot: 'free and fastest, but every task holds its own copy and invalidation across tasks is hard',
        },
      ],
      risks: [
        'A cold or failed cache sends every read to the store at once (thundering herd): use request coalescing and keep the store sized for misses.',
        'Cache keys built from user input can leak data between users if they omit the tenant.',
      ],
      openQuestions: [
        'Which reads tolerate staleness, and for how long?',
        'What is the working set size (to size nodes)?',
      ],
      costNotes: [
        'cache.r7g.large ×2 (Multi-AZ) or dax.r5.large ×3: a fixed monthly cost, usually below a read replica of the same memory.',
      ],
      rollout: [
        'Deploy the cache; ship cache-aside reads behind a flag per endpoint.',
        'Turn endpoints on one by one and watch hit ratio and store read IOPS.',
        'Add invalidation on every write path before caching mutable entities.',
      ],
    };
  },
});
