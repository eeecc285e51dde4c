// Renders D2 text to SVG with the D2 WASM build (ELK layout by default) and SVG to PNG with resvg.
// D2 measures text with the font it is given, and resvg draws with system fonts, so when DejaVu Sans is
// installed both use it and labels fit their boxes.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { ExternalError, UsageError } from '../../src/model/errors.js';
import { type FontFiles, type Layout, renderNative, renderWithHost } from './d2-host.js';

export type { Layout };

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/local/share/fonts',
];

let fonts: FontFiles | null | undefined;

/** DejaVu Sans from the system (D2 measures labels with it and resvg draws with it); null when not installed. */
function systemFontFiles(): FontFiles | null {
  if (fonts !== undefined) return fonts;
  fonts = null;
  for (const dir of FONT_DIRS) {
    const candidate = {
      regular: `${dir}/DejaVuSans.ttf`,
      bold: `${dir}/DejaVuSans-Bold.ttf`,
      italic: `${dir}/DejaVuSans-Oblique.ttf`,
    };
    if (Object.values(candidate).every((file) => existsSync(file))) {
      fonts = candidate;
      break;
    }
  }
  return fonts;
}

/** Renderer choice: the D2 WASM (default) or a native `d2` binary found on PATH or given by path. */
export type Renderer = 'wasm' | 'native';

/**
 * Lays out and renders D2 text as SVG. The WASM renderer reuses one D2 host per process (see d2-host.ts); the
 * native renderer runs the `d2` binary once per diagram.
 * @example
 * const svg = await renderSvg('a -> b', 'elk');
 */
export async function renderSvg(
  text: string,
  layout: Layout = 'elk',
  renderer: Renderer = 'wasm',
): Promise<string> {
  try {
    return renderer === 'native'
      ? await renderNative(text, layout, systemFontFiles())
      : await renderWithHost(text, layout, systemFontFiles());
  } catch (error) {
    // dagre fails on nested containers with many cross edges; that is a choice the user can change.
    if (layout === 'dagre' && !(error instanceof UsageError) && !(error instanceof ExternalError)) {
      throw new UsageError(`the dagre layout could not draw this diagram (${(error as Error).message})`, {
        hint: 'use --layout elk, the default',
      });
    }
    throw error;
  }
}

/** Largest PNG edge and area in pixels; bigger diagrams are drawn at a smaller zoom. */
const MAX_PNG_EDGE = 8000;
const MAX_PNG_PIXELS = 24_000_000;

/** Pixel width icons are rasterised at before they go into the PNG (sharp at 2× for the largest icon shapes). */
const ICON_RASTER_WIDTH = 256;

/**
 * resvg parses and draws an embedded SVG image again for every use, which makes icons most of the PNG time.
 * Each distinct icon is rasterised once to a PNG data URI instead (the SVG output keeps the vector icons).
 */
export function rasteriseIcons(svg: string): string {
  const done = new Map<string, string>();
  return svg.replace(/href="data:image\/svg\+xml;base64,([^"]+)"/g, (match, b64: string) => {
    let png = done.get(b64);
    if (png === undefined) {
      try {
        const icon = Buffer.from(b64, 'base64').toString('utf8');
        const raster = new Resvg(icon, { fitTo: { mode: 'width', value: ICON_RASTER_WIDTH } })
          .render()
          .asPng();
        png = `href="data:image/png;base64,${Buffer.from(raster).toString('base64')}"`;
      } catch {
        png = match;
      }
      done.set(b64, png);
    }
    return png;
  });
}

/**
 * Rasterises an SVG with system fonts (resvg ignores the fonts D2 embeds), at up to 2× within 24 MP.
 * @example
 * const png = renderPng(svg);
 */
export function renderPng(svg: string): Uint8Array {
  const raster = rasteriseIcons(svg);
  const probe = new Resvg(raster);
  const { width, height } = probe;
  const zoom = Math.max(
    0.25,
    Math.min(
      2,
      MAX_PNG_EDGE / Math.max(width, height, 1),
      Math.sqrt(MAX_PNG_PIXELS / Math.max(width * height, 1)),
    ),
  );
  const resvg = new Resvg(raster, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
