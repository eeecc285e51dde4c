import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildView } from '../../../generators/shared/view.js';
import structurizr, { dslString } from '../../../generators/structurizr/index.js';
import { isGroupKind } from '../../../src/model/index.js';
import { expectGolden, expectGoldenFolder, fixtureGraphs, fixtureNames } from '../support.js';

interface Parsed {
  declared: Map<string, { keyword: string; name: string; archmapId?: string }>;
  relationships: Array<{ from: string; to: string; description: string }>;
  views: string[];
}

/**
 * Reads the DSL back: a tokenizer for Structurizr's line-based grammar (quoted strings with escapes, braces,
 * `id = keyword` declarations, `a -> b` relationships). It rejects unbalanced braces, unterminated strings and
 * relationships to undeclared identifiers, which is what Structurizr's own parser would reject first.
 */
function parseDsl(text: string): Parsed {
  const declared: Parsed['declared'] = new Map();
  const relationships: Parsed['relationships'] = [];
  const views: string[] = [];
  const stack: string[] = [];
  let lastDeclared: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const tokens: string[] = [];
    const re = /"((?:[^"\\]|\\.)*)"|(\{|\})|([^\s"{}]+)/g;
    const line = raw.trim();
    const quotes = (line.match(/(?<!\\)"/g) ?? []).length;
    if (quotes % 2) throw new Error(`line ${i + 1}: unterminated string`);
    for (const m of line.matchAll(re)) {
      tokens.push(m[1] !== undefined ? `"${m[1].replace(/\\(.)/g, '$1')}` : m[0]);
    }
    const words = tokens.filter((t) => t !== '{' && t !== '}');
    if (words[1] === '=' && words[0]) {
      declared.set(words[0], { keyword: words[2]!, name: words[3]!.slice(1) });
      lastDeclared = words[0];
    } else if (words[1] === '->') {
      if (!declared.has(words[0]!)) throw new Error(`line ${i + 1}: ${words[0]} is not declared`);
      if (!declared.has(words[2]!)) throw new Error(`line ${i + 1}: ${words[2]} is not declared`);
      relationships.push({ from: words[0]!, to: words[2]!, description: words[3]!.slice(1) });
    } else if (words[0] === '"archmap.id' || words[0] === '"archmap.id"') {
      declared.get(lastDeclared!)!.archmapId = words[1]!.slice(1);
    } else if (words[0] === 'container' && stack.includes('views')) views.push(words[1]!);
    for (const t of tokens) {
      if (t === '{') stack.push(words[0] ?? '');
      if (t === '}' && !stack.pop()) throw new Error(`line ${i + 1}: unbalanced }`);
    }
  }
  if (stack.length) throw new Error(`unclosed blocks: ${stack.join(', ')}`);
  return { declared, relationships, views };
}

const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));

describe('Structurizr DSL output', async () => {
  it('has a golden file for every fixture graph and no other', () => {
    expectGoldenFolder(
      goldenDir,
      fixtureNames().map((n) => `${n}.dsl`),
    );
  });

  for (const [name, graph] of await fixtureGraphs()) {
    it(`writes fixtures/graphs/${name}.json as a C4 workspace: a container per component, a relationship per traffic edge`, async () => {
      const [file] = await structurizr.generate(graph, { name: 'x' });
      expect(file?.path).toBe('x.dsl');
      const text = String(file?.contents);
      await expectGolden(join(goldenDir, `${name}.dsl`), text);
      const dsl = parseDsl(text);
      const view = buildView(graph);
      const components = view.nodes.filter((n) => !isGroupKind(n.kind));
      const elements = [...dsl.declared.values()].filter((d) => d.archmapId);
      expect(elements.map((d) => d.archmapId).sort()).toEqual(components.map((n) => n.key).sort());
      const idOf = new Map(elements.map((d) => [d.archmapId!, d]));
      for (const n of components) {
        expect(idOf.get(n.key)?.keyword).toBe(
          n.kind === 'external' || n.kind === 'client' ? 'softwareSystem' : 'container',
        );
      }
      const archmapIdOf = (id: string) => dsl.declared.get(id)?.archmapId;
      expect(dsl.relationships.map((r) => `${archmapIdOf(r.from)} -> ${archmapIdOf(r.to)}`).sort()).toEqual(
        view.edges.map((e) => `${e.from} -> ${e.to}`).sort(),
      );
      expect(dsl.views).toEqual(['system']);
    });
  }

  it('escapes quotes and backslashes and keeps a string on one line', () => {
    expect(dslString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c d"');
  });

  it('rejects a relationship to an undeclared element when reading back, so the checks above can fail', () => {
    expect(() => parseDsl('workspace {\n  model {\n    a -> b "x" ""\n  }\n}\n')).toThrow(/not declared/);
    expect(() => parseDsl('workspace {\n')).toThrow(/unclosed/);
  });
});
