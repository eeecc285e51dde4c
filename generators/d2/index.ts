// The D2 generator: graph → level-of-detail view → D2 text → SVG (D2 WASM, ELK) → PNG (resvg).
import { z } from 'zod';
import type { ArchGraph } from '../../src/model/graph.js';
import type { GeneratedFile } from '../../src/model/plugin.js';
import { defineGenerator } from '../../src/model/plugin.js';
import { parseOptions, ViewOptionsSchema, viewFileName } from '../shared/options.js';
import { diagramViews } from '../shared/view.js';
import { renderPng, renderSvg } from './render.js';
import { toD2 } from './to-d2.js';

export const D2OptionsSchema = ViewOptionsSchema.extend({
  formats: z.array(z.enum(['d2', 'svg', 'png'])).default(['d2']),
  layout: z.enum(['elk', 'dagre']).default('elk'),
  /** `native` runs a `d2` binary (ARCHMAP_D2_BIN or PATH) instead of the bundled WASM. */
  renderer: z.enum(['wasm', 'native']).default('wasm'),
});

export type D2Options = z.input<typeof D2OptionsSchema>;

export default defineGenerator<D2Options>({
  id: 'd2',
  description:
    'D2 diagram with AWS icons, containers, a legend and diff styles; SVG via D2 (ELK), PNG via resvg',
  async generate(graph: ArchGraph, options: D2Options): Promise<GeneratedFile[]> {
    const opts = parseOptions(D2OptionsSchema, options, 'd2');
    const title = graph.name ?? opts.name;
    const files: GeneratedFile[] = [];
    for (const { name, view } of diagramViews(graph, opts)) {
      const text = toD2(view, { name: name ? `${title} · ${name}` : title });
      const path = (ext: string) => viewFileName(opts.name, name, ext);
      if (opts.formats.includes('d2')) files.push({ path: path('d2'), contents: text });
      if (opts.formats.includes('svg') || opts.formats.includes('png')) {
        const svg = await renderSvg(text, opts.layout, opts.renderer);
        if (opts.formats.includes('svg')) files.push({ path: path('svg'), contents: svg });
        if (opts.formats.includes('png')) files.push({ path: path('png'), contents: renderPng(svg) });
      }
    }
    return files;
  },
});
