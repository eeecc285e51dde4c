// The draw.io generator: graph → the shared diagram view → an editable diagrams.net file (uncompressed mxGraph
// XML) with the AWS 2021 (aws4) shapes, the same groups and the same edges as the D2 diagram.
import type { z } from 'zod';
import type { ArchGraph } from '../../src/model/graph.js';
import type { GeneratedFile } from '../../src/model/plugin.js';
import { defineGenerator } from '../../src/model/plugin.js';
import { parseOptions, ViewOptionsSchema, viewFileName } from '../shared/options.js';
import { diagramViews } from '../shared/view.js';
import { toDrawio } from './to-drawio.js';

export const DrawioOptionsSchema = ViewOptionsSchema;

export type DrawioOptions = z.input<typeof DrawioOptionsSchema>;

export default defineGenerator<DrawioOptions>({
  id: 'drawio',
  description:
    'diagrams.net (draw.io) file with AWS 2021 shapes, groups and labelled edges, laid out in tiers',
  async generate(graph: ArchGraph, options: DrawioOptions): Promise<GeneratedFile[]> {
    const opts = parseOptions(DrawioOptionsSchema, options, 'drawio');
    const title = graph.name ?? opts.name;
    return diagramViews(graph, opts).map(({ name, view }) => ({
      path: viewFileName(opts.name, name, 'drawio'),
      contents: toDrawio(view, { name: name ? `${title} · ${name}` : title }),
    }));
  },
});
