import { describe, expect, it } from 'vitest';
import { multiRootEstate } from '../../../bench/diagram/estate.js';
import d2 from '../../../generators/d2/index.js';
import { buildView, type DiagramView, type ViewNode } from '../../../generators/shared/view.js';
import type { ArchGraph } from '../../../src/model/index.js';
import { isGroupKind } from '../../../src/model/index.js';
import { buildGraph, fixtureGraphs, largeEstate, threeTierDiff } from '../support.js';
import { expectLegible } from './legibility.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a D2 substitution must come out as text
const SUBSTITUTION_LABEL = '"quoted" ${x}';

// Rendering runs the D2 WASM and ELK; on a busy machine one diagram can take tens of seconds.
const RENDER_TIMEOUT = 240_000;

function decode(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#34;', '"')
    .replaceAll('&amp;', '&');
}

/** Every piece of text the SVG draws (labels are split into one tspan per line). */
function svgTexts(svg: string): Set<string> {
  const out = new Set<string>();
  for (const m of svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]+)</g)) out.add(decode(m[1]!).trim());
  return out;
}

function expectedLines(node: ViewNode): string[] {
  const first = `${node.name}${node.count === undefined ? '' : ` ×${node.count}`}`;
  return [first, ...(node.typeLabel ? [node.typeLabel] : [])];
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function render(graph: ArchGraph, options: Parameters<typeof d2.generate>[1] = {}) {
  const files = await d2.generate(graph, { formats: ['svg', 'png'], name: 'x', ...options });
  const svg = String(files.find((f) => f.path === 'x.svg')?.contents);
  const png = files.find((f) => f.path === 'x.png')?.contents as Uint8Array;
  return { svg, png };
}

function expectEveryLabel(svg: string, view: DiagramView) {
  const texts = svgTexts(svg);
  const missing = view.nodes
    .filter((n) => !isGroupKind(n.kind))
    .flatMap(expectedLines)
    .filter((line) => !texts.has(line));
  // Group labels are one line (`VPC shop-prod · 10.20.0.0/16`) that contains the name; a subnet tier box
  // capitalises it ("Private subnets").
  const groups = view.nodes.filter((n) => isGroupKind(n.kind));
  const lower = [...texts].map((t) => t.toLowerCase());
  missing.push(
    ...groups.filter((g) => !lower.some((t) => t.includes(g.name.toLowerCase()))).map((g) => g.name),
  );
  expect(missing).toEqual([]);
}

describe('d2 rendering', async () => {
  for (const [name, graph] of await fixtureGraphs()) {
    it(
      `renders fixtures/graphs/${name}.json to an SVG that draws every visible label, and to a PNG`,
      async () => {
        const { svg, png } = await render(graph);
        expect(svg.startsWith('<?xml')).toBe(true);
        expectEveryLabel(svg, buildView(graph));
        const { width: w, height: h } = expectLegible(svg, name);
        if (name === 'shop') {
          // Issue 16: landscape, with its private-subnet tier drawn as a box.
          expect(w / h).toBeGreaterThan(1);
          expect(w / h).toBeLessThan(3.5);
          expect(svgTexts(svg)).toContain('Private subnets · eu-west-1a, eu-west-1b');
        }
        const { width, height } = pngSize(png);
        expect(width).toBeGreaterThan(400);
        expect(height).toBeGreaterThan(200);
      },
      RENDER_TIMEOUT,
    );
  }

  it(
    'renders a diff with its legend entries',
    async () => {
      const graph = await threeTierDiff();
      const { svg } = await render(graph, { formats: ['svg'] });
      const texts = svgTexts(svg);
      for (const entry of ['Added', 'Modified', 'Removed', 'Legend']) expect(texts).toContain(entry);
      expectEveryLabel(svg, buildView(graph));
      expectLegible(svg, 'three-tier diff');
    },
    RENDER_TIMEOUT,
  );

  it(
    'renders ids with dots, quotes, brackets, backslashes, dollars and differing case as separate shapes',
    async () => {
      const ids = [
        'aws_ecr_repository.api["v1"]',
        'aws_ecr_repository.worker["wor.ker"]',
        'module.a.aws_sqs_queue.q[0]',
        'arn:aws:sqs:eu-west-1:123456789012:orders',
        'code:odd\\name',
        'aws_apigatewayv2_stage.$default',
        'aws_s3_bucket.Assets',
        'aws_s3_bucket.assets',
      ];
      const graph = buildGraph(
        ids.map((id, i) => ({ id, name: `n${i} ${id}`, kind: 'queue', service: 'aws_sqs_queue' })),
        [[ids[0]!, ids[1]!, 'calls', { label: SUBSTITUTION_LABEL }]],
      );
      const { svg } = await render(graph, { formats: ['svg'] });
      const texts = svgTexts(svg);
      for (const [i, id] of ids.entries()) expect(texts).toContain(`n${i} ${id}`);
      expect(texts).toContain(`calls: ${SUBSTITUTION_LABEL}`);
    },
    RENDER_TIMEOUT,
  );

  it(
    'draws an 800-resource, 8-root estate as a legible overview of at most 60 nodes',
    async () => {
      const graph = multiRootEstate({ roots: 8, resources: 800 });
      const view = buildView(graph);
      expect(view.detail).toBe('overview');
      expect(view.nodes.length).toBeLessThanOrEqual(60);
      const { svg, png } = await render(graph);
      expectEveryLabel(svg, view);
      expectLegible(svg, '8-root estate overview');
      expect(pngSize(png).width).toBeGreaterThan(400);
    },
    RENDER_TIMEOUT,
  );

  it(
    'draws the largest default view of a 1,000-resource single-root estate legibly',
    async () => {
      const graph = largeEstate(1000);
      const view = buildView(graph);
      expect(view.nodes.length).toBeLessThanOrEqual(60);
      const { svg } = await render(graph, { formats: ['svg'] });
      expectEveryLabel(svg, view);
      expectLegible(svg, '1,000-resource estate');
    },
    RENDER_TIMEOUT,
  );

  it(
    'renders with the dagre layout when asked',
    async () => {
      const graph = buildGraph(
        [
          { id: 'aws_sqs_queue.orders', name: 'orders', kind: 'queue', service: 'aws_sqs_queue' },
          {
            id: 'aws_lambda_function.worker',
            name: 'worker',
            kind: 'function',
            service: 'aws_lambda_function',
          },
        ],
        [['aws_sqs_queue.orders', 'aws_lambda_function.worker', 'consumes']],
      );
      const { svg } = await render(graph, { formats: ['svg'], layout: 'dagre' });
      expect(svgTexts(svg)).toContain('worker');
    },
    RENDER_TIMEOUT,
  );
});
