// Permissions and code, reconciled. An IAM statement says what a function may do to a resource; its code says what
// it does. Where both speak about the same pair, only what both say is kept: a policy template that allows reads and
// writes does not add reads the code never makes, and code that looks like a write (a shared helper module) but
// has no permission for it would fail in production, so it is not drawn either. A function whose code was read and
// never touches a resource its (often shared) role allows gets no edge to it from the permission alone (when the
// code analyzer saw that function's SDK calls at all).
import type { ArchEdge, ArchNode } from '../model/schema.js';

const ACCESS = new Set(['reads', 'writes', 'publishes', 'consumes', 'calls']);

const fromPermission = (e: ArchEdge) => e.props?.via === 'iam';
const fromCode = (e: ArchEdge) => e.sources.some((s) => s.analyzer === 'typescript');

/**
 * Drops permission-only and code-only traffic edges on pairs where both views exist and agree on some kind, and
 * permission-only edges of functions whose code was read.
 * @example
 * reconcilePermissions(nodes, edges) // mutates the edge map
 */
export function reconcilePermissions(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>): void {
  // A function whose code gave at least one traffic edge: its SDK use was read, so its silence means something.
  const codeSpeaks = new Set<string>();
  for (const e of edges.values())
    if (ACCESS.has(e.kind) && fromCode(e)) codeSpeaks.add(e.kind === 'consumes' ? e.to : e.from);
  const hasCode = (id: string) =>
    codeSpeaks.has(id) && (nodes.get(id)?.sources.some((s) => s.analyzer === 'typescript') ?? false);
  const byPair = new Map<string, ArchEdge[]>();
  for (const e of edges.values()) {
    if (!ACCESS.has(e.kind)) continue;
    // `consumes` runs source → consumer; the pair is unordered so that it meets the permission edge.
    const key = e.from < e.to ? `${e.from}\u0000${e.to}` : `${e.to}\u0000${e.from}`;
    const list = byPair.get(key) ?? [];
    list.push(e);
    byPair.set(key, list);
  }
  for (const list of byPair.values()) {
    const perm = list.filter(fromPermission);
    const code = list.filter(fromCode);
    if (perm.length === 0) continue;
    if (code.length === 0) {
      for (const e of perm) if (hasCode(e.kind === 'consumes' ? e.to : e.from)) edges.delete(e.id);
      continue;
    }
    const both = list.filter((e) => fromPermission(e) && fromCode(e));
    if (both.length === 0) continue;
    for (const e of list) if (!(fromPermission(e) && fromCode(e))) edges.delete(e.id);
  }
}
