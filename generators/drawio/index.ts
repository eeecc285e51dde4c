// The draw.io generator: graph → the shared diagram view → an editable diagrams.net file (uncompressed mxGraph
// XML) with the AWS 2021 (aws4) shapes, the same groups and the same edges as the D2 diagram.
import { z } from 'zod';
import type { ArchGraph } from '../../src/model/graph.js';
import type { GeneratedFile } from '../../src/model/plugin.js';
import { defineGenerator } from '../../src/model/plugin.js';
import { parseOptions } from '../shared/options.js';
import { buildView, DETAIL_LEVELS } from '../shared/view.js';
import { toDrawio } from './to-drawio.js';

export const DrawioOptionsSchema = z.object({
  name: z.string().min(1).default('diagram'),
  all: z.boolean().default(false),
  focus: z.string().optional(),
  depth: z.number().int().nonnegative().default(1),
  detail: z.enum([...DETAIL_LEVELS, 'auto']).optional(),
  showChanges: z.boolean().default(false),
  /** Diff diagrams: only what changed and one hop around it. */
  cropToChanges: z.boolean().default(false),
});

export type DrawioOptions = z.input<typeof DrawioOptionsSchema>;

export default defineGenerator<DrawioOptions>({
  id: 'drawio',
  description:
    'diagrams.net (draw.io) file with AWS 2021 shapes, groups and labelled edges, laid out in tiers',
  async generate(graph: ArchGraph, options: DrawioOptions): Promise<GeneratedFile[]> {
    const opts = parseOptions(DrawioOptionsSchema, options, 'drawio');
    const view = buildView(graph, opts);
    return [{ path: `${opts.name}.drawio`, contents: toDrawio(view, { name: graph.name ?? opts.name }) }];
  },
});
