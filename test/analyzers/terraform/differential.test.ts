// Differential test: for every .tf under fixtures/ (but fixtures/bad and fixtures/hostile, broken on purpose), the blocks and attributes archmap's
// tree-sitter parser reads must equal what @cdktn/hcl2json (HashiCorp's HCL parser, as WASM) reads.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as hcl2json } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import { blocksAndAttributes, type PlainBlock, parseHcl } from '../../../analyzers/terraform/parse.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');

async function tfFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (
        p !== join(fixtures, 'bad') &&
        p !== join(fixtures, 'hostile') &&
        e.name !== '.terraform' &&
        e.name !== 'node_modules'
      )
        out.push(...(await tfFiles(p)));
    } else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out.sort();
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const hasInterpolation = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes('${') || v.includes('%{')
    : Array.isArray(v)
      ? v.some(hasInterpolation)
      : isObject(v)
        ? Object.values(v).some(hasInterpolation)
        : false;

/**
 * Facts about one body, as archmap sees it and as hcl2json sees it: `block path`, `attr path`, and
 * `value path = json` where both sides have a literal. Sorted, so that a difference reads as a list diff.
 */
function archmapFacts(blocks: PlainBlock[], path: string, out: string[], values: Map<string, unknown>) {
  const seen = new Map<string, number>();
  for (const b of blocks) {
    const key = [b.type, ...b.labels].join('.');
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const p = `${path}${key}#${i}`;
    out.push(`block ${p}`);
    for (const [name, a] of Object.entries(b.attributes)) {
      out.push(`attr ${p}.${name}`);
      if ('value' in a) values.set(`${p}.${name}`, a.value);
    }
    archmapFacts(b.blocks, `${p}/`, out, values);
  }
}

/** Walks hcl2json's shape along archmap's blocks (labels decide the nesting), collecting the same facts. */
function hcl2jsonFacts(
  body: Record<string, Json>,
  blocks: PlainBlock[],
  attributes: string[],
  path: string,
  out: string[],
  values: Map<string, unknown>,
) {
  const blockTypes = new Set(blocks.map((b) => b.type));
  for (const key of Object.keys(body)) {
    if (blockTypes.has(key)) continue;
    out.push(`attr ${path.replace(/\/$/, '')}.${key}`);
    values.set(`${path.replace(/\/$/, '')}.${key}`, body[key]);
  }
  void attributes;
  const seen = new Map<string, number>();
  for (const b of blocks) {
    const key = [b.type, ...b.labels].join('.');
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    let node: Json | undefined = body[b.type];
    for (const label of b.labels) node = isObject(node) ? node[label] : undefined;
    const list = Array.isArray(node) ? node : node === undefined ? [] : [node];
    const inner = list[i];
    if (!isObject(inner)) continue;
    const p = `${path}${key}#${i}`;
    out.push(`block ${p}`);
    hcl2jsonFacts(inner, b.blocks, Object.keys(b.attributes), `${p}/`, out, values);
  }
  // Blocks hcl2json has and archmap does not: report them as missing blocks.
  for (const key of Object.keys(body)) {
    if (!blockTypes.has(key)) continue;
    const count = (function countBodies(node: Json | undefined): number {
      if (Array.isArray(node)) return node.filter(isObject).length;
      if (isObject(node)) return Object.values(node).reduce<number>((s, v) => s + countBodies(v), 0);
      return 0;
    })(body[key]);
    const ours = blocks.filter((b) => b.type === key).length;
    if (count !== ours) out.push(`block-count ${path}${key} = ${count}`);
  }
}

/** Literal values compare equal when neither side needs evaluation. */
function comparableValues(ours: Map<string, unknown>, theirs: Map<string, unknown>) {
  const a: Record<string, unknown> = {};
  const b: Record<string, unknown> = {};
  for (const [k, v] of ours) {
    if (!theirs.has(k)) continue;
    const t = theirs.get(k);
    if (hasInterpolation(t)) continue;
    a[k] = v;
    b[k] = t;
  }
  return { ours: a, theirs: b };
}

const files = await tfFiles(fixtures);

describe('archmap reads the same HCL as hcl2json', () => {
  it('finds .tf fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(fixtures, f), f]))('%s', async (_rel, file) => {
    const text = await readFile(file, 'utf8');
    const { body, diagnostics } = await parseHcl(text, file);
    const oracle = await hcl2json(file, text).then(
      (json) => ({ json: json as Record<string, Json> }),
      (error: Error) => ({ error }),
    );
    if ('error' in oracle) {
      // A deliberately broken fixture: both parsers must reject it.
      expect(diagnostics.length, `hcl2json: ${oracle.error.message}`).toBeGreaterThan(0);
      return;
    }
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const blocks = blocksAndAttributes(body);
    const ours: string[] = [];
    const ourValues = new Map<string, unknown>();
    archmapFacts(blocks, '', ours, ourValues);
    const json = oracle.json;
    const theirs: string[] = [];
    const theirValues = new Map<string, unknown>();
    hcl2jsonFacts(json, blocks, [], '', theirs, theirValues);
    const missing = theirs.filter((f) => f.startsWith('attr ') && !ours.includes(f));
    expect({
      blocks: theirs.filter((f) => !f.startsWith('attr ')).sort(),
      missingAttributes: missing,
    }).toEqual({
      blocks: ours.filter((f) => f.startsWith('block ')).sort(),
      missingAttributes: [],
    });
    expect(ours.filter((f) => f.startsWith('attr ')).sort()).toEqual(
      theirs.filter((f) => f.startsWith('attr ')).sort(),
    );
    const { ours: a, theirs: b } = comparableValues(ourValues, theirValues);
    expect(a).toEqual(b);
  });
});
