// The one legibility check for rendered diagrams (issue 16): every label's box is read from the SVG (position,
// anchor, lines, font size, weight and transforms) and measured with the font the PNG is drawn with (resvg,
// DejaVu Sans); then no two labels may overlap, none may be under 11 px at 100 % zoom, and the long side must
// stay within 4,000 px.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';

export const MIN_LABEL_PX = 11;
export const MAX_LONG_SIDE_PX = 4000;

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = {
  normal: `${FONT_DIR}/DejaVuSans.ttf`,
  bold: `${FONT_DIR}/DejaVuSans-Bold.ttf`,
  italic: `${FONT_DIR}/DejaVuSans-Oblique.ttf`,
};

export interface LabelBox {
  text: string;
  /** Font size in px at 100 % zoom (transforms applied). */
  px: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Legibility {
  width: number;
  height: number;
  labels: LabelBox[];
  /** Pairs of labels whose boxes overlap by more than a pixel each way. */
  overlaps: Array<[string, string]>;
  /** Labels smaller than MIN_LABEL_PX. */
  small: LabelBox[];
}

type Style = keyof typeof FONT_FILES;
const measured = new Map<string, { dx: number; dy: number; width: number; height: number }>();

/** The ink box of one line of text drawn at the origin (baseline at y = 0, anchored at x = 0). */
function measureLine(text: string, size: number, style: Style, anchor: string) {
  const key = `${style}\u0000${size}\u0000${anchor}\u0000${text}`;
  let box = measured.get(key);
  if (!box) {
    const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    const weight = style === 'bold' ? ' font-weight="bold"' : '';
    const italic = style === 'italic' ? ' font-style="italic"' : '';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="400" viewBox="-10000 -200 20000 400"><text x="0" y="0" font-family="DejaVu Sans" font-size="${size}" text-anchor="${anchor}"${weight}${italic}>${escaped}</text></svg>`;
    const bbox = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: [FONT_FILES[style]], defaultFontFamily: 'DejaVu Sans' },
    }).getBBox();
    box = bbox
      ? { dx: bbox.x, dy: bbox.y, width: bbox.width, height: bbox.height }
      : { dx: 0, dy: 0, width: 0, height: 0 };
    measured.set(key, box);
  }
  return box;
}

/** translate(x, y) and scale(s) of an element and its ancestors, composed (D2 uses no rotation). */
function transformOf(el: Element): { tx: number; ty: number; s: number } {
  const chain: Element[] = [];
  for (let cur: Element | null = el; cur; cur = cur.parentElement) chain.unshift(cur);
  let tx = 0;
  let ty = 0;
  let s = 1;
  for (const node of chain) {
    const t = node.getAttribute('transform');
    if (!t) continue;
    for (const [, fn, args] of t.matchAll(/(translate|scale)\(([^)]*)\)/g)) {
      const n = args!
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (fn === 'translate') {
        tx += s * (n[0] ?? 0);
        ty += s * (n[1] ?? 0);
      } else s *= n[0] ?? 1;
    }
  }
  return { tx, ty, s };
}

function fontSizeOf(el: Element): number {
  const style = el.getAttribute('style') ?? '';
  const m = /font-size:\s*([\d.]+)px/.exec(style) ?? /^([\d.]+)/.exec(el.getAttribute('font-size') ?? '');
  return m ? Number(m[1]) : 16;
}

/**
 * Reads every label of an SVG (D2's output) with its box and font size, and the drawing's size at 100 %.
 * @example
 * expect(legibility(svg).overlaps).toEqual([]);
 */
export function legibility(svg: string): Legibility {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const viewBox = (root.getAttribute('viewBox') ?? '0 0 0 0').split(/[\s,]+/).map(Number);
  const width = Number(root.getAttribute('width') ?? viewBox[2]);
  const height = Number(root.getAttribute('height') ?? viewBox[3]);
  // 100 % zoom draws the outer viewBox at the outer width: a px of the drawing is `zoom` px on screen.
  const zoom = viewBox[2] ? width / viewBox[2] : 1;
  const labels: LabelBox[] = [];
  for (const el of [...doc.getElementsByTagName('text')]) {
    const { tx, ty, s } = transformOf(el);
    const size = fontSizeOf(el);
    const cls = el.getAttribute('class') ?? '';
    const style: Style = cls.includes('bold') ? 'bold' : cls.includes('italic') ? 'italic' : 'normal';
    const anchor = /text-anchor:\s*(middle|end)/.exec(el.getAttribute('style') ?? '')?.[1] ?? 'start';
    const x0 = Number(el.getAttribute('x') ?? 0);
    let baseline = Number(el.getAttribute('y') ?? 0);
    const spans = [...el.getElementsByTagName('tspan')];
    const lines = spans.length
      ? spans.map((span, i) => {
          baseline += i === 0 && !span.getAttribute('dy') ? 0 : Number(span.getAttribute('dy') ?? 0);
          return { text: span.textContent ?? '', x: Number(span.getAttribute('x') ?? x0), y: baseline };
        })
      : [{ text: el.textContent ?? '', x: x0, y: baseline }];
    let box: { x1: number; y1: number; x2: number; y2: number } | undefined;
    for (const line of lines) {
      if (!line.text.trim()) continue;
      const m = measureLine(line.text, size, style, anchor);
      const x1 = line.x + m.dx;
      const y1 = line.y + m.dy;
      box = box
        ? {
            x1: Math.min(box.x1, x1),
            y1: Math.min(box.y1, y1),
            x2: Math.max(box.x2, x1 + m.width),
            y2: Math.max(box.y2, y1 + m.height),
          }
        : { x1, y1, x2: x1 + m.width, y2: y1 + m.height };
    }
    if (!box) continue;
    labels.push({
      text: lines.map((l) => l.text).join(' / '),
      px: size * s * zoom,
      x: tx + s * box.x1,
      y: ty + s * box.y1,
      width: s * (box.x2 - box.x1),
      height: s * (box.y2 - box.y1),
    });
  }
  const overlaps: Array<[string, string]> = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const ox = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1) overlaps.push([a.text, b.text]);
    }
  }
  return { width, height, labels, overlaps, small: labels.filter((l) => l.px < MIN_LABEL_PX) };
}

/** Whether the font the check measures with is installed (it is the font the PNG is drawn with). */
export const canMeasure = Object.values(FONT_FILES).every((f) => existsSync(f));

/**
 * Fails when two labels overlap, a label is under 11 px at 100 % zoom, or the long side is over 4,000 px.
 * @example
 * expectLegible(svg, 'shop');
 */
export function expectLegible(svg: string, what: string): Legibility {
  const report = legibility(svg);
  expect(report.labels.length, `${what}: no labels found in the SVG`).toBeGreaterThan(0);
  expect(report.overlaps, `${what}: overlapping labels`).toEqual([]);
  expect(
    report.small.map((l) => `${l.text} (${l.px} px)`),
    `${what}: labels under ${MIN_LABEL_PX} px`,
  ).toEqual([]);
  expect(Math.max(report.width, report.height), `${what}: long side in px`).toBeLessThanOrEqual(
    MAX_LONG_SIDE_PX,
  );
  return report;
}
