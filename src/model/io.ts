// Deterministic (de)serialisation of archmap.json: sorted keys, nodes and edges, LF, no timestamps.
import type { z } from 'zod';
import { UsageError } from './errors.js';
import { ArchGraph } from './graph.js';
import { lineOfOffset } from './lines.js';
import type { ArchEdge, ArchNode, Diagnostic, GraphFile, Source } from './schema.js';
import { GraphFileSchema } from './schema.js';
import { scrubPartial } from './secrets.js';

/** How deep props and tags may nest in a graph file; deeper is hostile (recursive walkers would overflow). */
export const MAX_VALUE_DEPTH = 64;

/** A graph file read from disk passes the same scrubber as an analyzer's output. */
function scrubGraphFile(file: GraphFile): GraphFile {
  const clean = scrubPartial({
    analyzer: 'file',
    nodes: file.nodes,
    edges: file.edges,
    diagnostics: file.diagnostics,
  });
  return { ...file, nodes: clean.nodes, edges: clean.edges, diagnostics: clean.diagnostics };
}

/**
 * The depth of a JSON value, measured without recursion and stopping once past `limit`.
 * @example
 * depthExceeds(JSON.parse(text), 512) // true for a file nested 100,000 deep
 */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > limit) return true;
    if (v && typeof v === 'object') for (const inner of Object.values(v)) stack.push([inner, d + 1]);
  }
  return false;
}

const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Reserved and duplicate ids, over-deep values and parent cycles: each is one UsageError naming the file and the id. */
function checkShape(data: GraphFile, file: string): void {
  const seen = new Set<string>();
  for (const n of data.nodes) {
    // graphology keeps adjacency in plain objects keyed by node id: `__proto__` there loops forever.
    if (RESERVED_IDS.has(n.id))
      throw new UsageError(`${file}: node id ${JSON.stringify(n.id)} is reserved`, {
        file,
        hint: 'rename the node: ids equal to JavaScript object members are refused',
      });
    if (seen.has(n.id))
      throw new UsageError(`${file}: duplicate node id ${JSON.stringify(n.id)}`, {
        file,
        hint: 'node ids must be unique',
      });
    seen.add(n.id);
    if (depthExceeds(n.props, MAX_VALUE_DEPTH) || depthExceeds(n.tags, MAX_VALUE_DEPTH))
      throw new UsageError(
        `${file}: node ${JSON.stringify(n.id)}: props nest deeper than ${MAX_VALUE_DEPTH} levels`,
        { file, hint: 'archmap.json values are shallow; re-scan or flatten the value' },
      );
  }
  const edgeIds = new Set<string>();
  for (const e of data.edges) {
    if (edgeIds.has(e.id))
      throw new UsageError(`${file}: duplicate edge id ${JSON.stringify(e.id)}`, {
        file,
        hint: 'edge ids must be unique',
      });
    edgeIds.add(e.id);
  }
  const parentOf = new Map(data.nodes.map((n) => [n.id, n.parent]));
  const done = new Set<string>();
  for (const n of data.nodes) {
    const path = new Set<string>();
    let cur: string | undefined = n.id;
    while (cur !== undefined && !done.has(cur)) {
      if (path.has(cur))
        throw new UsageError(`${file}: node ${JSON.stringify(cur)}: parent links form a cycle`, {
          file,
          hint: 'containment is a tree: remove one of the parent links',
        });
      path.add(cur);
      cur = parentOf.get(cur);
    }
    for (const p of path) done.add(p);
  }
}

/**
 * A comparator by a string key in code-unit order (never the locale's): the order of every sorted list archmap
 * writes, so that output is the same on every machine.
 * @example
 * accounts.sort(byKey((a) => a.id));
 */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Recursively sorts object keys so that output is byte-stable. Arrays keep their order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out as T;
  }
  return value;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sourceKey = (s: Source) =>
  [s.analyzer, s.file ?? '', String(s.line ?? 0).padStart(8, '0'), s.arn ?? '', s.address ?? ''].join(
    '\u0000',
  );
const diagKey = (d: Diagnostic) =>
  [d.file ?? '', String(d.line ?? 0).padStart(8, '0'), d.code, d.message].join('\u0000');

function dedupeSources(sources: Source[]): Source[] {
  const map = new Map<string, Source>();
  for (const s of sources) map.set(sourceKey(s), s);
  return [...map.entries()].sort(([a], [b]) => byString(a, b)).map(([, s]) => s);
}

function normaliseNode(n: ArchNode): ArchNode {
  const out = { ...n, sources: dedupeSources(n.sources) };
  if (n.aliases) out.aliases = [...new Set(n.aliases)].sort(byString);
  return out;
}

function normaliseEdge(e: ArchEdge): ArchEdge {
  return { ...e, sources: dedupeSources(e.sources) };
}

/** Canonical form of a graph file: everything sorted, sources deduplicated. */
export function canonicalise(file: GraphFile): GraphFile {
  return {
    ...file,
    nodes: file.nodes.map(normaliseNode).sort((a, b) => byString(a.id, b.id)),
    edges: file.edges.map(normaliseEdge).sort((a, b) => byString(a.id, b.id)),
    diagnostics: [...file.diagnostics].sort((a, b) => byString(diagKey(a), diagKey(b))),
  };
}

/**
 * Serialises a graph deterministically: the same graph always gives the same bytes.
 * @example
 * await writeFile('archmap.json', serializeGraph(graph));
 */
export function serializeGraph(graph: ArchGraph | GraphFile): string {
  const file = graph instanceof ArchGraph ? graph.toFile() : graph;
  return `${JSON.stringify(sortKeys(canonicalise(file)), null, 2)}\n`;
}

/** One line per zod issue, each naming the exact path of the bad field. */
export function formatZodIssues(error: z.ZodError, root = ''): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${root}${path || '(root)'}: ${issue.message}`;
  });
}

/** Human path like `nodes[3].kind`, with the offending node's id when there is one. */
function describeIssuePath(raw: unknown, path: PropertyKey[]): string {
  let text = '';
  let cursor: unknown = raw;
  for (const p of path) {
    text += typeof p === 'number' ? `[${p}]` : text ? `.${String(p)}` : String(p);
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<PropertyKey, unknown>)[p] : undefined;
    if (typeof p === 'number' && cursor && typeof cursor === 'object' && 'id' in cursor) {
      text += `(id=${JSON.stringify((cursor as { id: unknown }).id)})`;
    }
  }
  return text || '(root)';
}

/**
 * Parses and validates archmap.json text. Throws a UsageError naming the first bad field's path.
 * @example
 * const graph = parseGraph(await readFile('archmap.json', 'utf8'), 'archmap.json');
 */
export function parseGraph(text: string, file = 'archmap.json'): ArchGraph {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineOfOffset(text, Number(pos[1])) : undefined;
    throw new UsageError(`${file}: not valid JSON (${message})`, {
      file,
      ...(line ? { line } : {}),
      hint: 'archmap.json is written by `archmap scan`; fix the JSON or scan again',
    });
  }
  if (raw && typeof raw === 'object' && 'version' in raw && (raw as { version: unknown }).version !== 1) {
    throw new UsageError(
      `${file}: unsupported archmap.json version ${JSON.stringify((raw as { version: unknown }).version)}`,
      { file, hint: 'this archmap reads version 1; upgrade archmap or re-scan' },
    );
  }
  const parsed = GraphFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (+${parsed.error.issues.length - 1} more)` : '';
    throw new UsageError(`${file}: ${describeIssuePath(raw, first.path)}: ${first.message}${more}`, {
      file,
      hint: 'run `archmap schema` to see the expected shape',
    });
  }
  const data = scrubGraphFile(parsed.data);
  checkShape(data, file);
  const ids = new Set(data.nodes.map((n) => n.id));
  const orphan = data.edges.findIndex((e) => !ids.has(e.from) || !ids.has(e.to));
  if (orphan >= 0) {
    const e = data.edges[orphan]!;
    const end = ids.has(e.from) ? `to ${JSON.stringify(e.to)}` : `from ${JSON.stringify(e.from)}`;
    throw new UsageError(
      `${file}: edges[${orphan}](id=${JSON.stringify(e.id)}).${ids.has(e.from) ? 'to' : 'from'}: ${end} is not a node`,
      {
        file,
        hint: 'every edge must join two node ids in the same file',
      },
    );
  }
  const graph = ArchGraph.from(data);
  const missing = graph.nodes().find((n) => n.parent && !graph.hasNode(n.parent));
  if (missing) {
    throw new UsageError(
      `${file}: node ${JSON.stringify(missing.id)}: parent ${JSON.stringify(missing.parent)} does not exist`,
      {
        file,
        hint: 'every parent must be a node id in the same file',
      },
    );
  }
  return graph;
}
