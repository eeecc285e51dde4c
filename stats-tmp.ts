import { readGraph } from '/work/wt/diagrams/src/cli/io.js';
import { buildView } from '/work/wt/diagrams/generators/d2/view.js';
import { isGroupKind } from '/work/wt/diagrams/src/model/index.js';
for (const f of process.argv.slice(2)) {
  const g = await readGraph(f);
  const v = buildView(g, {});
  const comps = v.nodes.filter(n => !isGroupKind(n.kind));
  const kinds: Record<string, number> = {};
  for (const e of v.edges) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  console.log(f, 'graph', g.order, g.size, 'view', v.detail, 'nodes', v.nodes.length, 'components', comps.length, 'edges', v.edges.length, JSON.stringify(kinds), 'hidden', v.hiddenPlumbing);
  if (process.env.V) { for (const n of v.nodes) console.log('  ', n.key, n.kind, n.parent ?? '', n.count ?? ''); for (const e of v.edges) console.log('  ', e.from, '->', e.to, e.kinds.join('+'), e.label ?? '', e.viaHidden ? 'VIA' : ''); }
}
