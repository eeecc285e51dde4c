// The Mermaid generator: graph → level-of-detail view (generators/shared/view.ts) → Mermaid flowchart text
// (generators/shared/mermaid.ts).
import { z } from 'zod';
import type { ArchGraph } from '../../src/model/graph.js';
import type { GeneratedFile } from '../../src/model/plugin.js';
import { defineGenerator } from '../../src/model/plugin.js';
import { toMermaid } from '../shared/mermaid.js';
import { parseOptions } from '../shared/options.js';
import { buildView, DETAIL_LEVELS } from '../shared/view.js';

export const MermaidOptionsSchema = z.object({
  name: z.string().min(1).default('diagram'),
  all: z.boolean().default(false),
  focus: z.string().optional(),
  depth: z.number().int().nonnegative().default(1),
  detail: z.enum([...DETAIL_LEVELS, 'auto']).optional(),
  showChanges: z.boolean().default(false),
  /** Diff diagrams: only what changed and one hop around it. */
  cropToChanges: z.boolean().default(false),
});

export type MermaidOptions = z.input<typeof MermaidOptionsSchema>;

export default defineGenerator<MermaidOptions>({
  id: 'mermaid',
  description: 'Mermaid flowchart with subgraphs, a shape per kind and diff classes; renders on GitHub',
  async generate(graph: ArchGraph, options: MermaidOptions): Promise<GeneratedFile[]> {
    const opts = parseOptions(MermaidOptionsSchema, options, 'mermaid');
    const view = buildView(graph, opts);
    return [{ path: `${opts.name}.mmd`, contents: toMermaid(view, { name: graph.name ?? opts.name }) }];
  },
});
