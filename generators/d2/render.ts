// Renders D2 text to SVG with the D2 WASM build (ELK layout by default) and SVG to PNG with resvg.
// D2 measures text with the font it is given, and resvg draws with system fonts, so when DejaVu Sans is
// installed both use it and labels fit their boxes.
import { existsSync, readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { D2 } from '@terrastruct/d2';
import { UsageError } from '../../src/model/errors.js';

export type Layout = 'elk' | 'dagre';

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/local/share/fonts',
];

interface FontSet {
  fontRegular: string;
  fontBold: string;
  fontItalic: string;
  fontSemibold: string;
}

let fonts: FontSet | null | undefined;

/** DejaVu Sans from the system, base64-encoded as the D2 WASM expects; null when it is not installed. */
function systemFonts(): FontSet | null {
  if (fonts !== undefined) return fonts;
  fonts = null;
  for (const dir of FONT_DIRS) {
    const regular = `${dir}/DejaVuSans.ttf`;
    const bold = `${dir}/DejaVuSans-Bold.ttf`;
    const italic = `${dir}/DejaVuSans-Oblique.ttf`;
    if (existsSync(regular) && existsSync(bold) && existsSync(italic)) {
      const b64 = (p: string) => readFileSync(p).toString('base64');
      fonts = {
        fontRegular: b64(regular),
        fontBold: b64(bold),
        fontItalic: b64(italic),
        fontSemibold: b64(bold),
      };
      break;
    }
  }
  return fonts;
}

/** The D2 worker is not in the package's types. */
interface D2WithWorker {
  worker?: { terminate(): unknown };
}

/**
 * Lays out and renders D2 text as SVG. One D2 instance per call, one request at a time, and the worker is
 * always terminated (otherwise the process never exits).
 * @example
 * const svg = await renderSvg('a -> b', 'elk');
 */
export async function renderSvg(text: string, layout: Layout = 'elk'): Promise<string> {
  const d2 = new D2();
  try {
    const font = systemFonts();
    // The WASM takes font bytes as base64 strings (Go []byte in JSON); the typings say Uint8Array.
    const fontOptions = (font ?? {}) as unknown as Record<string, Uint8Array>;
    const compiled = await d2.compile({
      fs: { index: text },
      inputPath: 'index',
      options: { layout, ...fontOptions },
    });
    return await d2.render(compiled.diagram, { ...compiled.renderOptions, pad: 24, noXMLTag: false });
  } catch (error) {
    // dagre fails on nested containers with many cross edges; that is a choice the user can change.
    if (layout === 'dagre') {
      throw new UsageError(`the dagre layout could not draw this diagram (${(error as Error).message})`, {
        hint: 'use --layout elk, the default',
      });
    }
    throw error;
  } finally {
    await (d2 as unknown as D2WithWorker).worker?.terminate();
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
