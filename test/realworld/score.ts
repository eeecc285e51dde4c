// Scores a scanned graph against a hand-written expected.json of a real-world pattern fixture:
// component recall, directed connection recall over traffic edges, and precision among the listed components.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type ArchGraph, RUNTIME_EDGE_KINDS } from '../../src/model/index.js';

/** The edge kinds that carry traffic; `depends_on`, `access` and containment never count as a connection. */
export const TRAFFIC_KINDS: readonly string[] = RUNTIME_EDGE_KINDS;

const EdgeKindList = z.union([z.string(), z.array(z.string())]).optional();

export const ExpectedSchema = z
  .object({
    description: z.string().min(1),
    issue: z.number().int().optional(),
    category: z.enum(['terraform', 'code', 'cloudformation', 'mixed', 'aws']),
    scan: z
      .object({ dir: z.string().default('.'), args: z.record(z.string(), z.unknown()).default({}) })
      .default({
        dir: '.',
        args: {},
      }),
    components: z
      .array(
        z.object({
          id: z.string().min(1),
          kind: z.string().optional(),
          aliases: z.array(z.string()).default([]),
        }),
      )
      .min(1),
    connections: z.array(z.object({ from: z.string(), to: z.string(), kind: EdgeKindList })).default([]),
    absent: z.array(z.object({ from: z.string(), to: z.string(), kind: EdgeKindList })).default([]),
  })
  .strict();

export type Expected = z.infer<typeof ExpectedSchema>;

export interface FixtureScore {
  components: { expected: number; found: number; missing: string[]; wrongKind: string[] };
  connections: { expected: number; found: number; missing: string[] };
  predicted: { total: number; correct: number; extra: string[] };
  absentSeen: string[];
}

export function readExpected(file: string): Expected {
  const parsed = ExpectedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  for (const c of [...parsed.data.connections, ...parsed.data.absent]) {
    for (const end of [c.from, c.to])
      if (!parsed.data.components.some((k) => k.id === end))
        throw new Error(`${file}: connection end "${end}" is not a listed component`);
  }
  return parsed.data;
}

function kinds(k: string | string[] | undefined): string[] | undefined {
  return k === undefined ? undefined : Array.isArray(k) ? k : [k];
}

/** Resolves each expected component to the graph node that stands for it (by id, the node's aliases or the fixture's). */
function resolveComponents(expected: Expected, graph: ArchGraph): Map<string, string> {
  const byName = new Map<string, string>();
  for (const n of graph.nodes()) {
    for (const name of [n.id, ...(n.aliases ?? [])]) if (!byName.has(name)) byName.set(name, n.id);
  }
  const out = new Map<string, string>();
  for (const c of expected.components) {
    const hit = graph.hasNode(c.id) ? c.id : [c.id, ...c.aliases].map((a) => byName.get(a)).find(Boolean);
    if (hit) out.set(c.id, hit);
  }
  return out;
}

export function scoreGraph(expected: Expected, graph: ArchGraph): FixtureScore {
  const resolved = resolveComponents(expected, graph);
  const toExpected = new Map<string, string>();
  for (const [exp, node] of resolved) if (!toExpected.has(node)) toExpected.set(node, exp);

  const wrongKind = expected.components
    .filter((c) => c.kind && resolved.has(c.id) && graph.node(resolved.get(c.id) as string)?.kind !== c.kind)
    .map((c) => `${c.id} (is ${graph.node(resolved.get(c.id) as string)?.kind}, expected ${c.kind})`);

  // Predicted traffic connections between listed components, as directed (from, to, kind) triples.
  const predicted = new Map<string, { from: string; to: string; kind: string }>();
  for (const e of graph.edges()) {
    if (!TRAFFIC_KINDS.includes(e.kind)) continue;
    const from = toExpected.get(e.from);
    const to = toExpected.get(e.to);
    if (from && to && from !== to) predicted.set(`${from} -${e.kind}-> ${to}`, { from, to, kind: e.kind });
  }
  const accepts = (
    c: { from: string; to: string; kind?: string | string[] },
    p: { from: string; to: string; kind: string },
  ) => c.from === p.from && c.to === p.to && (kinds(c.kind)?.includes(p.kind) ?? true);
  const has = (c: { from: string; to: string; kind?: string | string[] }): string | undefined =>
    [...predicted].find(([, p]) => accepts(c, p))?.[0];

  const matched = new Set<string>();
  const missing: string[] = [];
  for (const c of expected.connections) {
    const hit = has(c);
    if (hit) matched.add(hit);
    else missing.push(`${c.from} -${kinds(c.kind)?.join('|') ?? 'any'}-> ${c.to}`);
  }
  // A predicted edge is correct when some expected connection between the same ends accepts its kind.
  const correct = [...predicted]
    .filter(([, p]) => expected.connections.some((c) => accepts(c, p)))
    .map(([k]) => k);
  const absentSeen = expected.absent.filter((a) => has(a)).map((a) => `${a.from} -> ${a.to}`);
  return {
    components: {
      expected: expected.components.length,
      found: resolved.size,
      missing: expected.components.filter((c) => !resolved.has(c.id)).map((c) => c.id),
      wrongKind,
    },
    connections: {
      expected: expected.connections.length,
      found: expected.connections.length - missing.length,
      missing,
    },
    predicted: {
      total: predicted.size,
      correct: correct.length,
      extra: [...predicted.keys()].filter((p) => !correct.includes(p)),
    },
    absentSeen,
  };
}

export interface Totals {
  componentsExpected: number;
  componentsFound: number;
  connectionsExpected: number;
  connectionsFound: number;
  predicted: number;
  correct: number;
}

export function addUp(scores: FixtureScore[]): Totals {
  const t: Totals = {
    componentsExpected: 0,
    componentsFound: 0,
    connectionsExpected: 0,
    connectionsFound: 0,
    predicted: 0,
    correct: 0,
  };
  for (const s of scores) {
    t.componentsExpected += s.components.expected;
    t.componentsFound += s.components.found;
    t.connectionsExpected += s.connections.expected;
    t.connectionsFound += s.connections.found;
    t.predicted += s.predicted.total;
    t.correct += s.predicted.correct;
  }
  return t;
}

/** Ratios of a total; an empty denominator counts as 1 (nothing expected, nothing missed). */
export function ratios(t: Totals): { componentRecall: number; connectionRecall: number; precision: number } {
  const r = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    componentRecall: r(t.componentsFound, t.componentsExpected),
    connectionRecall: r(t.connectionsFound, t.connectionsExpected),
    precision: r(t.correct, t.predicted),
  };
}
