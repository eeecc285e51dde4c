// The Mermaid generator: graph → level-of-detail view (generators/shared/view.ts) → Mermaid flowchart text
// (generators/shared/mermaid.ts).
import type { z } from 'zod';
import type { ArchGraph } from '../../src/model/graph.js';
import type { GeneratedFile } from '../../src/model/plugin.js';
import { defineGenerator } from '../../src/model/plugin.js';
import { toMermaid } from '../shared/mermaid.js';
import { parseOptions, ViewOptionsSchema, viewFileName } from '../shared/options.js';
import { diagramViews } from '../shared/view.js';

export const MermaidOptionsSchema = ViewOptionsSchema;

export type MermaidOptions = z.input<typeof MermaidOptionsSchema>;

export default defineGenerator<MermaidOptions>({
  id: 'mermaid',
  description: 'Mermaid flowchart with subgraphs, a shape per kind and diff classes; renders on GitHub',
  async generate(graph: ArchGraph, options: MermaidOptions): Promise<GeneratedFile[]> {
    const opts = parseOptions(MermaidOptionsSchema, options, 'mermaid');
    const title = graph.name ?? opts.name;
    return diagramViews(graph, opts).map(({ name, view }) => ({
      path: viewFileName(opts.name, name, 'mmd'),
      contents: toMermaid(view, { name: name ? `${title} · ${name}` : title }),
    }));
  },
});
