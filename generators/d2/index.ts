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

/** Longest side a diagram should have at 100 % zoom, and the widest and tallest shapes that read well. */
const MAX_SIDE_PX = 4000;
const MAX_LANDSCAPE = 3;
const MAX_PORTRAIT = 2;
/** Landscape is preferred: a left-to-right drawing up to this far past 3:1 (about 3.5:1) is kept as it is. */
const LANDSCAPE_SLACK = 0.17;

/** Width and height of a rendered SVG, from its root viewBox. */
function svgSize(svg: string): { width: number; height: number } {
  const box =
    /<svg\b[^>]*\bviewBox="([^"]+)"/
      .exec(svg)?.[1]
      ?.split(/[\s,]+/)
      .map(Number) ?? [];
  return { width: box[2] ?? 0, height: box[3] ?? 0 };
}

/** 0 for a drawing of good shape and size; otherwise how far it is off (size counts more than shape). */
function shapePenalty({ width, height }: { width: number; height: number }): number {
  if (!width || !height) return 0;
  const oversize = Math.max(0, Math.max(width, height) / MAX_SIDE_PX - 1);
  const shape = Math.max(0, width / height / MAX_LANDSCAPE - 1, height / width / MAX_PORTRAIT - 1);
  return oversize * 10 + shape;
}

export default defineGenerator<D2Options>({
  id: 'd2',
  description:
    'D2 diagram with AWS icons, containers, a legend and diff styles; SVG via D2 (ELK), PNG via resvg',
  async generate(graph: ArchGraph, options: D2Options): Promise<GeneratedFile[]> {
    const opts = parseOptions(D2OptionsSchema, options, 'd2');
    const title = graph.name ?? opts.name;
    const files: GeneratedFile[] = [];
    for (const { name, view } of diagramViews(graph, opts)) {
      const diagramName = name ? `${title} · ${name}` : title;
      let text = toD2(view, { name: diagramName });
      const path = (ext: string) => viewFileName(opts.name, name, ext);
      let svg: string | undefined;
      if (opts.formats.includes('svg') || opts.formats.includes('png')) {
        svg = await renderSvg(text, opts.layout, opts.renderer);
        // A long chain drawn left to right can come out as a thin strip: then top to bottom is tried too,
        // and the drawing closer to the 3:1 – 1:2 range within 4,000 px is kept (landscape when near).
        if (shapePenalty(svgSize(svg)) > LANDSCAPE_SLACK) {
          const down = toD2(view, { name: diagramName, direction: 'down' });
          const other = await renderSvg(down, opts.layout, opts.renderer);
          if (shapePenalty(svgSize(other)) < shapePenalty(svgSize(svg))) {
            svg = other;
            text = down;
          }
        }
      }
      if (opts.formats.includes('d2')) files.push({ path: path('d2'), contents: text });
      if (svg !== undefined && opts.formats.includes('svg')) files.push({ path: path('svg'), contents: svg });
      if (svg !== undefined && opts.formats.includes('png')) {
        files.push({ path: path('png'), contents: renderPng(svg) });
      }
    }
    return files;
  },
});
