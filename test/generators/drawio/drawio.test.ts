import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import drawio from '../../../generators/drawio/index.js';
import { buildView } from '../../../generators/shared/view.js';
import { isGroupKind } from '../../../src/model/index.js';
import { expectGolden, expectGoldenFolder, fixtureGraphs, fixtureNames, threeTierDiff } from '../support.js';

/** Reads a .drawio file back with a real XML parser (jsdom's DOMParser): cells, parents, edges. */
function parse(xml: string) {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'text/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  const objects = [...doc.getElementsByTagName('object')];
  const byCellId = new Map(objects.map((o) => [o.getAttribute('id')!, o]));
  const vertices = objects.filter((o) => o.querySelector('mxCell')?.getAttribute('vertex') === '1');
  const edges = objects.filter((o) => o.querySelector('mxCell')?.getAttribute('edge') === '1');
  const keyOfCell = (id: string | null) => (id ? byCellId.get(id)?.getAttribute('archmap_id') : undefined);
  return {
    root: doc.documentElement.tagName,
    vertices: vertices.map((o) => {
      const cell = o.querySelector('mxCell')!;
      const geometry = cell.querySelector('mxGeometry')!;
      return {
        key: o.getAttribute('archmap_id')!,
        label: o.getAttribute('label')!,
        parent: keyOfCell(cell.getAttribute('parent')),
        style: cell.getAttribute('style')!,
        width: Number(geometry.getAttribute('width')),
        height: Number(geometry.getAttribute('height')),
      };
    }),
    edges: edges.map((o) => {
      const cell = o.querySelector('mxCell')!;
      return {
        from: keyOfCell(cell.getAttribute('source')),
        to: keyOfCell(cell.getAttribute('target')),
        label: o.getAttribute('label')!,
      };
    }),
  };
}

async function generate(graph: Parameters<typeof drawio.generate>[0], options = {}) {
  const [file] = await drawio.generate(graph, { name: 'x', ...options });
  expect(file?.path).toBe('x.drawio');
  return String(file?.contents);
}

const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));

describe('draw.io output', async () => {
  it('has a golden file for every fixture graph and no other', () => {
    expectGoldenFolder(
      goldenDir,
      fixtureNames().map((n) => `${n}.drawio`),
    );
  });

  for (const [name, graph] of await fixtureGraphs()) {
    it(`writes fixtures/graphs/${name}.json as a diagrams.net file with the view's groups and edges`, async () => {
      const xml = await generate(graph);
      await expectGolden(join(goldenDir, `${name}.drawio`), xml);
      const file = parse(xml);
      expect(file.root).toBe('mxfile');
      const view = buildView(graph);
      expect(file.vertices.map((v) => v.key).sort()).toEqual(view.nodes.map((n) => n.key).sort());
      for (const node of view.nodes) {
        const cell = file.vertices.find((v) => v.key === node.key)!;
        // The same containment as the D2 diagram: a shape sits inside its group's shape.
        expect(cell.parent).toBe(node.parent);
        if (isGroupKind(node.kind)) expect(cell.style).toContain('container=1');
        else expect(cell.style).toContain('shape=mxgraph.aws4.resourceIcon');
      }
      expect(file.edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual(
        view.edges.map((e) => `${e.from} -> ${e.to}`).sort(),
      );
    });
  }

  it('uses the AWS 2021 icons and group shapes', async () => {
    const [, shop] = (await fixtureGraphs()).find(([n]) => n === 'shop')!;
    const file = parse(await generate(shop));
    const style = (key: string) => file.vertices.find((v) => v.key === key)?.style;
    expect(style('aws_lambda_function.worker')).toContain('resIcon=mxgraph.aws4.lambda');
    expect(style('aws_db_instance.orders')).toContain('resIcon=mxgraph.aws4.rds');
    expect(style('aws_vpc.main')).toContain('grIcon=mxgraph.aws4.group_vpc2');
    expect(style('region:eu-west-1')).toContain('grIcon=mxgraph.aws4.group_region');
  });

  it('makes every container big enough for its children', async () => {
    for (const [, graph] of await fixtureGraphs()) {
      const xml = await generate(graph);
      const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'text/xml');
      const geometry = new Map(
        [...doc.getElementsByTagName('mxCell')].map((c) => [
          c.parentElement?.getAttribute('id') ?? c.getAttribute('id'),
          { cell: c, g: c.querySelector('mxGeometry') },
        ]),
      );
      for (const { cell, g } of geometry.values()) {
        const parent = geometry.get(cell.getAttribute('parent'));
        if (!g || !parent?.g || cell.getAttribute('edge') === '1') continue;
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(g.getAttribute(a) ?? 0));
        expect(x! + w!).toBeLessThanOrEqual(Number(parent.g.getAttribute('width')));
        expect(y! + h!).toBeLessThanOrEqual(Number(parent.g.getAttribute('height')));
      }
    }
  });

  it('marks changes in a diff', async () => {
    const file = parse(await generate(await threeTierDiff(), { showChanges: true }));
    expect(file.vertices.some((v) => v.label.includes('(added)') || v.label.includes('(modified)'))).toBe(
      true,
    );
  });
});
