// Docs generator: a design document for review (context, diagrams, changes, capacity, trade-offs, risks,
// open questions, rollout, IaC), filled from the revised graph and its ChangeSet; Markdown or one HTML file.
import { UsageError } from '../../src/model/errors.js';
import type { ArchGraph } from '../../src/model/graph.js';
import { defineGenerator, type GeneratedFile } from '../../src/model/plugin.js';
import { toMermaid } from '../shared/mermaid.js';
import { buildView } from '../shared/view.js';
import { type DocumentInputs, designDocument } from './document.js';
import { renderHtml, renderMarkdown } from './render.js';

export interface DocsOptions {
  /** The graph before the change; defaults to the revised graph without the elements it adds. */
  base?: ArchGraph;
  format?: 'markdown' | 'html';
  /** Output file name without extension. */
  name?: string;
  /** Full-detail diagrams: a link (Markdown) and/or inline SVG markup (HTML). */
  diagrams?: DocumentInputs['diagrams'];
  /** Input file names quoted in the commands the document suggests. */
  files?: DocumentInputs['files'];
}

/** The current architecture is drawn as it is: change marks left in the base graph (drift) are not this design's. */
function withoutMarks(graph: ArchGraph): ArchGraph {
  const g = graph.clone();
  for (const n of g.nodes()) if (n.change) g.setNode({ ...n, change: undefined });
  for (const e of g.edges()) if (e.change) g.graph.replaceEdgeAttributes(e.id, { ...e, change: undefined });
  return g;
}

/** Without `--base`: the revised graph minus what the design adds (changed settings cannot be told apart). */
function beforeTheChange(revised: ArchGraph): ArchGraph {
  const g = revised.clone();
  for (const e of g.edges()) if (e.change === 'added') g.removeEdge(e.id);
  for (const n of g.nodes()) if (n.change === 'added') g.removeNode(n.id);
  g.changeset = undefined;
  return g;
}

function mermaidOf(graph: ArchGraph, name: string): string {
  return toMermaid(buildView(graph), { name: graph.name ?? name });
}

/**
 * Generates the design document of a revised graph.
 * @example
 * const [doc] = await generateDocs(revised, { base, format: 'markdown', name: 'design' });
 */
export async function generateDocs(graph: ArchGraph, options: DocsOptions = {}): Promise<GeneratedFile[]> {
  if (!graph.changeset) {
    throw new UsageError('this graph carries no ChangeSet, so there is no design to document', {
      hint: 'run `archmap propose G.json --scenario … -o V2.json` and document V2.json',
    });
  }
  const base = options.base ?? beforeTheChange(graph);
  const name = options.name ?? 'design';
  const doc = designDocument({
    revised: graph,
    base,
    mermaid: {
      current: mermaidOf(withoutMarks(base), 'current'),
      proposed: mermaidOf(graph, 'proposed'),
    },
    ...(options.diagrams ? { diagrams: options.diagrams } : {}),
    ...(options.files ? { files: options.files } : {}),
  });
  return options.format === 'html'
    ? [{ path: `${name}.html`, contents: renderHtml(doc) }]
    : [{ path: `${name}.md`, contents: renderMarkdown(doc) }];
}

export default defineGenerator<DocsOptions>({
  id: 'docs',
  description: 'design document (Markdown with inline Mermaid, or one self-contained HTML file)',
  generate: generateDocs,
});
