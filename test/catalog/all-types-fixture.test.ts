import { readFile } from 'node:fs/promises';
import { parse } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../src/catalog/index.js';

const FIXTURE = new URL('../../fixtures/catalog/all-types.tf', import.meta.url);

describe('fixtures/catalog/all-types.tf', () => {
  it('declares one or more resources of every catalog type, and parses as HCL', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const json = (await parse('all-types.tf', text)) as { resource: Record<string, unknown> };
    const declared = Object.keys(json.resource);
    const catalogTypes = catalogEntries().map((e) => e.tfType);
    expect(catalogTypes.filter((t) => !declared.includes(t))).toEqual([]);
    expect(declared.filter((t) => !catalogTypes.includes(t))).toEqual([]);
  });

  it('only references resources it declares', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const json = (await parse('all-types.tf', text)) as {
      resource: Record<string, Record<string, unknown>>;
      data: Record<string, Record<string, unknown>>;
    };
    const declared = new Set(
      Object.entries(json.resource).flatMap(([type, blocks]) =>
        Object.keys(blocks).map((name) => `${type}.${name}`),
      ),
    );
    const dataDeclared = new Set(
      Object.entries(json.data).flatMap(([type, blocks]) =>
        Object.keys(blocks).map((name) => `${type}.${name}`),
      ),
    );
    const dangling: string[] = [];
    for (const m of text.matchAll(/(data\.)?\b(aws_[a-z0-9_]+\.[a-z0-9_]+)\b/g)) {
      const [, isData, ref] = m as unknown as [string, string | undefined, string];
      if (!(isData ? dataDeclared : declared).has(ref)) dangling.push(ref);
    }
    expect(dangling).toEqual([]);
  });
});
