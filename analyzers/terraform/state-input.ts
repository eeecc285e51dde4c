// Finds and reads state and plan files for a Terraform scan, and lays them over the graph read from HCL:
// state gives real values, ARNs and instance keys; HCL gives references, names and containment.
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../src/model/errors.js';
import { InputRefused, readInputText } from '../../src/model/read-input.js';
import type { ArchEdge, ArchNode, Diagnostic } from '../../src/model/schema.js';
import { readPlan } from './plan.js';
import { readState } from './state.js';
import { ANALYZER_ID, type ReadResult } from './state-graph.js';

export interface StateInputOptions {
  /** State files named by the user (`--state`): an unusable one is a UsageError. */
  stateFiles?: string[];
  /** Plan JSON files named by the user (`--plan`): an unusable one is a UsageError. */
  planFiles?: string[];
  /** Directory searched for `*.tfstate` (overlaid; unusable finds become warnings) and plan JSON (mentioned only). */
  autoDetectIn?: string;
}

// `.terraform/terraform.tfstate` is the backend settings cache, not state. `terraform.tfstate.d/<workspace>/`
// holds one state per workspace: overlaying them all on one configuration would mix environments.
const SKIP_DIRS = new Set(['.terraform', '.git', 'node_modules', '.terragrunt-cache', 'terraform.tfstate.d']);

/** State: `terraform.tfstate`, `*.tfstate` (not backups). Plans: `*.tfplan.json`, `plan.json`, `tfplan.json`. */
export function classifyStateFile(name: string): 'state' | 'plan' | undefined {
  if (name.endsWith('.tfstate')) return 'state';
  if (/\.tfplan\.json$|^(tf)?plan\.json$/i.test(name)) return 'plan';
  return undefined;
}

/** Walks `dir` for state and plan files, skipping provider caches and VCS folders. Sorted for determinism. */
export async function findStateFiles(dir: string): Promise<{ stateFiles: string[]; planFiles: string[] }> {
  const stateFiles: string[] = [];
  const planFiles: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(join(d, e.name));
      } else if (e.isFile()) {
        const kind = classifyStateFile(e.name);
        if (kind === 'state') stateFiles.push(join(d, e.name));
        else if (kind === 'plan') planFiles.push(join(d, e.name));
      }
    }
  };
  await walk(resolve(dir));
  return { stateFiles: stateFiles.sort(), planFiles: planFiles.sort() };
}

/** A usable read and the absolute path it came from. */
export type LocatedRead = ReadResult & { path: string };

export interface StateReads {
  reads: LocatedRead[];
  diagnostics: Diagnostic[];
}

async function readOne(path: string, kind: 'state' | 'plan', root: string, explicit: boolean) {
  let text: string;
  try {
    text = await readInputText(path, 'state');
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    const rel = relative(root, path).split(sep).join('/');
    if (!explicit && error.reason !== 'unreadable') {
      // A found file that is a pipe, a device or too big: the scan goes on without it.
      const diagnostic: Diagnostic = {
        severity: 'warning',
        code: error.reason,
        message: `${rel} ${error.detail}`,
        file: rel,
        analyzer: ANALYZER_ID,
        ...(error.hint ? { hint: error.hint } : {}),
      };
      return { nodes: [], edges: [], diagnostics: [diagnostic], usable: false } satisfies ReadResult;
    }
    throw new UsageError(`${path}: cannot read ${kind} file: ${error.detail}`, {
      hint: error.hint ?? 'check the path',
    });
  }
  const result = kind === 'state' ? readState(path, text, root) : readPlan(path, text, root);
  if (!result.usable && explicit) {
    const d = result.diagnostics[0]!;
    throw new UsageError(d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}` : d.message, {
      ...(d.file ? { file: d.file } : {}),
      ...(d.line ? { line: d.line } : {}),
      ...(d.hint ? { hint: d.hint } : {}),
    });
  }
  return result;
}

/**
 * Reads every state and plan input. Files the user named must be usable (else UsageError, exit 2); files
 * found by auto-detection that are unusable become warnings and the scan goes on without them.
 * @example
 * const { reads } = await readStateInputs({ stateFiles: ['terraform.tfstate'] }, process.cwd());
 */
export async function readStateInputs(options: StateInputOptions, root: string): Promise<StateReads> {
  const explicitState = (options.stateFiles ?? []).map((f) => resolve(root, f));
  const explicitPlan = (options.planFiles ?? []).map((f) => resolve(root, f));
  const found = options.autoDetectIn
    ? await findStateFiles(options.autoDetectIn)
    : { stateFiles: [], planFiles: [] };
  const named = new Set([...explicitState, ...explicitPlan]);
  const reads: LocatedRead[] = [];
  const jobs: Array<[string, 'state' | 'plan', boolean]> = [
    ...explicitState.map((f): [string, 'state', boolean] => [f, 'state', true]),
    ...found.stateFiles
      .filter((f) => !named.has(f))
      .map((f): [string, 'state', boolean] => [f, 'state', false]),
    ...explicitPlan.map((f): [string, 'plan', boolean] => [f, 'plan', true]),
  ];
  // A plan describes a future: overlaying a found one would silently put change marks on the current
  // architecture. Found plans are only mentioned; `--plan FILE` overlays one.
  const diagnostics: Diagnostic[] = found.planFiles
    .filter((f) => !named.has(f))
    .map((f) => ({
      severity: 'info' as const,
      code: 'plan-not-overlaid',
      message: `found plan JSON ${relative(root, f).split(sep).join('/')}; not overlaid`,
      hint: 'pass --plan FILE to mark its changes on the graph',
      analyzer: ANALYZER_ID,
    }));
  for (const [path, kind, explicit] of jobs) {
    const result = await readOne(path, kind, root, explicit);
    if (result.usable) reads.push({ ...result, path });
    diagnostics.push(
      ...result.diagnostics.map((d) =>
        result.usable ? d : { ...d, severity: 'warning' as const, message: `${d.message}; skipped` },
      ),
    );
  }
  return { reads, diagnostics };
}

/** Re-targets an edge id when one end changes: ids are `from -> to (kind…)`. */
function retarget(edge: ArchEdge, from: string, to: string): ArchEdge {
  const suffix = edge.id.slice(`${edge.from} -> ${edge.to}`.length);
  return { ...edge, id: `${from} -> ${to}${suffix}`, from, to };
}

function mergeNode(hcl: ArchNode, state: ArchNode): ArchNode {
  const hclEnvRefs = (hcl.props.envRefs ?? {}) as Record<string, string>;
  const stateEnvRefs = (state.props.envRefs ?? {}) as Record<string, string>;
  const props: Record<string, unknown> = { ...hcl.props, ...state.props };
  if (Object.keys(hclEnvRefs).length + Object.keys(stateEnvRefs).length > 0) {
    props.envRefs = { ...stateEnvRefs, ...hclEnvRefs };
  }
  const merged: ArchNode = {
    ...state,
    ...hcl,
    props,
    tags: { ...hcl.tags, ...state.tags },
    sources: [...hcl.sources, ...state.sources],
  };
  const aliases = [...new Set([...(hcl.aliases ?? []), ...(state.aliases ?? [])])];
  if (aliases.length > 0) merged.aliases = aliases;
  if (state.change) merged.change = state.change;
  if (typeof state.count === 'number') merged.count = state.count;
  return merged;
}

/**
 * Lays state/plan reads over the nodes and edges read from HCL. Same address → one node (state values win,
 * HCL keeps names, parents and references). An HCL node whose count was unknown is replaced by the instances
 * state knows. Plain `dependencies` edges are dropped where HCL already knows both ends (HCL references are
 * the direct ones; state dependencies are transitive).
 */
export function overlayState(
  base: { nodes: ArchNode[]; edges: ArchEdge[] },
  reads: ReadResult[],
): { nodes: ArchNode[]; edges: ArchEdge[] } {
  const nodes = new Map(base.nodes.map((n) => [n.id, n]));
  let edges = new Map(base.edges.map((e) => [e.id, e]));
  const fromHcl = new Set(nodes.keys());
  for (const read of reads) {
    const instancesOf = new Map<string, string[]>();
    for (const s of read.nodes) {
      const m = /^(.*)\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/.exec(s.id);
      if (m?.[1] && !nodes.has(s.id) && nodes.has(m[1])) {
        instancesOf.set(m[1], [...(instancesOf.get(m[1]) ?? []), s.id]);
      }
    }
    for (const s of read.nodes) {
      const h = nodes.get(s.id);
      if (h) {
        nodes.set(s.id, mergeNode(h, s));
        continue;
      }
      const m = /^(.*)\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/.exec(s.id);
      const template = m?.[1] ? nodes.get(m[1]) : undefined;
      nodes.set(s.id, template ? mergeNode({ ...template, id: s.id, name: s.name }, s) : s);
    }
    // Unknown-count HCL nodes → the instances state knows; their edges follow.
    for (const [symbolic, instances] of instancesOf) {
      nodes.delete(symbolic);
      const next = new Map<string, ArchEdge>();
      for (const e of edges.values()) {
        if (e.from !== symbolic && e.to !== symbolic) {
          next.set(e.id, e);
          continue;
        }
        for (const inst of instances) {
          const moved = retarget(e, e.from === symbolic ? inst : e.from, e.to === symbolic ? inst : e.to);
          next.set(moved.id, moved);
        }
      }
      edges = next;
      for (const n of nodes.values()) if (n.parent === symbolic) n.parent = instances[0];
    }
    for (const e of read.edges) {
      const prev = edges.get(e.id);
      if (prev) {
        edges.set(e.id, { ...prev, sources: [...prev.sources, ...e.sources] });
        continue;
      }
      const plainDependency = e.kind === 'depends_on' && !e.label;
      if (plainDependency && fromHcl.has(e.from) && fromHcl.has(e.to)) continue;
      edges.set(e.id, e);
    }
  }
  for (const n of nodes.values()) {
    if (n.parent && !nodes.has(n.parent)) {
      const regionParent = n.region ? `region:${n.region}` : undefined;
      if (regionParent && nodes.has(regionParent)) n.parent = regionParent;
      else delete n.parent;
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** Prefixes every id in a read (multi-root scans prefix node ids with the root's directory). */
export function prefixRead<T extends ReadResult>(read: T, prefix: string): T {
  if (!prefix) return read;
  const p = (id: string) => `${prefix}${id}`;
  return {
    ...read,
    nodes: read.nodes.map((n) => ({ ...n, id: p(n.id), ...(n.parent ? { parent: p(n.parent) } : {}) })),
    edges: read.edges.map((e) => retarget(e, p(e.from), p(e.to))),
  };
}

/** The root a state file belongs to: the deepest root directory that holds it, else the only root. */
export function rootForFile<R extends { dir: string }>(path: string, roots: R[]): R | undefined {
  const holding = roots
    .filter((r) => path === r.dir || path.startsWith(`${r.dir}/`) || path.startsWith(`${r.dir}\\`))
    .sort((a, b) => b.dir.length - a.dir.length);
  return holding[0] ?? (roots.length === 1 ? roots[0] : undefined);
}

export { ANALYZER_ID };
