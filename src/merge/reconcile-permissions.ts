// Permissions and code, reconciled. An IAM statement says what a function may do to a resource; its code says what
// it does. Where both speak about the same pair, only what both say is kept: a policy template that allows reads and
// writes does not add reads the code never makes, and code that looks like a write (a shared helper module) but
// has no permission for it would fail in production, so it is not drawn either.
import type { ArchEdge } from '../model/schema.js';

const ACCESS = new Set(['reads', 'writes', 'publishes', 'consumes', 'calls']);

const fromPermission = (e: ArchEdge) => e.props?.via === 'iam';
const fromCode = (e: ArchEdge) => e.sources.some((s) => s.analyzer === 'typescript');

/**
 * Drops permission-only and code-only traffic edges on pairs where both views exist and agree on some kind.
 * @example
 * reconcilePermissions(edges) // mutates the map
 */
export function reconcilePermissions(edges: Map<string, ArchEdge>): void {
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
    if (perm.length === 0 || code.length === 0) continue;
    const both = list.filter((e) => fromPermission(e) && fromCode(e));
    if (both.length === 0) continue;
    for (const e of list) if (!(fromPermission(e) && fromCode(e))) edges.delete(e.id);
  }
}
