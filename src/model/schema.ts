// The archmap.json contract: nodes, edges, provenance, diagnostics and ChangeSets, as zod schemas.
// CLI input, archmap.json and LLM output are all validated against these.
import { z } from 'zod';
import { ChangeMarkSchema, EdgeKindSchema, NodeKindSchema } from './kinds.js';

export const GRAPH_FORMAT_VERSION = 1;

/** Where a node or edge was seen: a file position, an ARN, or a Terraform address. */
export const SourceSchema = z
  .object({
    analyzer: z.string().min(1),
    file: z.string().optional(),
    line: z.number().int().positive().optional(),
    arn: z.string().optional(),
    address: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export const NodeSchema = z
  .object({
    id: z.string().min(1),
    kind: NodeKindSchema,
    name: z.string(),
    provider: z.string().min(1),
    service: z.string().optional(),
    parent: z.string().optional(),
    region: z.string().optional(),
    zone: z.string().optional(),
    /** Known instance count from count/for_each; '?' when it could not be evaluated. */
    count: z.union([z.number().int().nonnegative(), z.literal('?')]).optional(),
    plumbing: z.boolean().optional(),
    props: z.record(z.string(), z.unknown()).default({}),
    tags: z.record(z.string(), z.string()).default({}),
    sources: z.array(SourceSchema).default([]),
    aliases: z.array(z.string()).optional(),
    change: ChangeMarkSchema.optional(),
  })
  .strict();

export const EdgeSchema = z
  .object({
    id: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
    kind: EdgeKindSchema,
    label: z.string().optional(),
    protocol: z.string().optional(),
    port: z.union([z.number().int(), z.string()]).optional(),
    props: z.record(z.string(), z.unknown()).optional(),
    sources: z.array(SourceSchema).default([]),
    change: ChangeMarkSchema.optional(),
  })
  .strict();

export const DiagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string(),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().positive().optional(),
    hint: z.string().optional(),
    analyzer: z.string().optional(),
  })
  .strict();

const NodePatchSchema = NodeSchema.omit({ id: true, sources: true, change: true }).partial().strict();
const EdgePatchSchema = EdgeSchema.omit({ id: true, from: true, to: true, sources: true, change: true })
  .partial()
  .strict();

/** One operation of a ChangeSet. Every operation says why. */
export const ChangeOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add_node'), node: NodeSchema, rationale: z.string() }).strict(),
  z.object({ op: z.literal('remove_node'), id: z.string(), rationale: z.string() }).strict(),
  z
    .object({
      op: z.literal('update_node'),
      id: z.string(),
      set: NodePatchSchema,
      /** Fields to remove: `zone`, or `props.<key>` / `tags.<key>`. `set.props`/`set.tags` merge key by key. */
      unset: z.array(z.string()).optional(),
      rationale: z.string(),
    })
    .strict(),
  z.object({ op: z.literal('add_edge'), edge: EdgeSchema, rationale: z.string() }).strict(),
  z.object({ op: z.literal('remove_edge'), id: z.string(), rationale: z.string() }).strict(),
  z
    .object({
      op: z.literal('update_edge'),
      id: z.string(),
      set: EdgePatchSchema,
      /** Fields to remove: `label`, or `props.<key>`. `set.props` merges key by key. */
      unset: z.array(z.string()).optional(),
      rationale: z.string(),
    })
    .strict(),
]);

export const CapacityRowSchema = z
  .object({
    node: z.string(),
    metric: z.string(),
    unit: z.string(),
    loadNow: z.number(),
    loadAtFactor: z.number(),
    capacity: z.number().nullable(),
    /** 1 - loadAtFactor / capacity; negative means saturated. */
    headroom: z.number().nullable(),
    source: z.string().optional(),
    action: z.string().optional(),
  })
  .strict();

/** Monthly USD, low–high (equal when known). */
export const MoneyRangeSchema = z.object({ low: z.number(), high: z.number() }).strict();

/**
 * The cost of a plan, computed by the cost model (src/cost) from the price snapshot: monthly totals before and
 * after, the components whose cost changes, and the assumptions behind the figures.
 */
export const CostSummarySchema = z
  .object({
    currency: z.literal('USD'),
    /** The price snapshot's date, YYYY-MM-DD. */
    snapshot: z.string(),
    /** What kind of prices these are (list prices, on demand…). */
    basis: z.string(),
    rps: z.number(),
    factor: z.number(),
    before: MoneyRangeSchema,
    after: MoneyRangeSchema,
    delta: MoneyRangeSchema,
    /** Components whose monthly cost differs, most changed first. */
    rows: z
      .array(z.object({ node: z.string(), before: MoneyRangeSchema, after: MoneyRangeSchema }).strict())
      .default([]),
    assumptions: z.array(z.string()).default([]),
  })
  .strict();

export const ChangeSetSchema = z
  .object({
    title: z.string(),
    scenario: z
      .object({ name: z.string(), params: z.record(z.string(), z.unknown()).default({}) })
      .strict()
      .optional(),
    planner: z.string().optional(),
    summary: z.string().default(''),
    goals: z.array(z.string()).default([]),
    ops: z.array(ChangeOpSchema),
    tradeoffs: z.array(z.string()).default([]),
    alternatives: z.array(z.object({ option: z.string(), whyNot: z.string() }).strict()).default([]),
    risks: z.array(z.string()).default([]),
    openQuestions: z.array(z.string()).default([]),
    capacity: z.array(CapacityRowSchema).default([]),
    costNotes: z.array(z.string()).default([]),
    /** Set by `archmap propose` (not by planners): the cost before and after, from the price snapshot. */
    cost: CostSummarySchema.optional(),
    rollout: z.array(z.string()).default([]),
  })
  .strict();

/**
 * The stamp of one shard of a sharded scan. `run` fingerprints the whole run (accounts, regions, options), so
 * shards of different runs are never mixed; `data` is the analyzer's own record of what the shard found, opaque
 * here and checked by that analyzer when the shards are merged.
 */
export const ShardStampSchema = z
  .object({
    index: z.number().int().min(1),
    count: z.number().int().min(1),
    analyzer: z.string().min(1),
    run: z.string().min(1),
    data: z.unknown(),
  })
  .strict();

export const GraphFileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(GRAPH_FORMAT_VERSION),
    name: z.string().optional(),
    nodes: z.array(NodeSchema),
    edges: z.array(EdgeSchema),
    diagnostics: z.array(DiagnosticSchema).default([]),
    /** The ChangeSet this graph is the result of, when it is a revised design. */
    changeset: ChangeSetSchema.optional(),
    /** Set on one shard of a sharded scan (`--shard i/N`); `archmap merge` joins the shards into one graph. */
    shard: ShardStampSchema.optional(),
  })
  .strict();

export type Source = z.infer<typeof SourceSchema>;
export type ArchNode = z.infer<typeof NodeSchema>;
export type ArchEdge = z.infer<typeof EdgeSchema>;
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
export type ChangeOp = z.infer<typeof ChangeOpSchema>;
export type ChangeSet = z.infer<typeof ChangeSetSchema>;
export type CapacityRow = z.infer<typeof CapacityRowSchema>;
export type CostSummary = z.infer<typeof CostSummarySchema>;
export type GraphFile = z.infer<typeof GraphFileSchema>;
export type ShardStamp = z.infer<typeof ShardStampSchema>;
/** Input shapes (defaults optional), for code that builds nodes by hand. */
export type ArchNodeInput = z.input<typeof NodeSchema>;
export type ArchEdgeInput = z.input<typeof EdgeSchema>;

/** What every analyzer returns: a partial graph plus what went wrong on the way. */
export interface PartialGraph {
  analyzer: string;
  nodes: ArchNode[];
  edges: ArchEdge[];
  diagnostics: Diagnostic[];
}

/** The JSON Schema of archmap.json, for `archmap schema` and editors. */
export function graphJsonSchema(): unknown {
  return z.toJSONSchema(GraphFileSchema, { io: 'input' });
}
