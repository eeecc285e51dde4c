// Builds small throwaway repositories on disk for analyzer tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import typescript, { type TypeScriptOptions } from '../../../analyzers/typescript/index.js';
import { type PartialGraph, silentProgress } from '../../../src/model/index.js';

export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'archmap-ts-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export async function analyzeTree(
  files: Record<string, string>,
  extra: Partial<TypeScriptOptions> = {},
): Promise<PartialGraph> {
  const root = writeTree(files);
  return typescript.analyze({ dir: root, ...extra }, { root, progress: silentProgress });
}

export const pkg = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, version: '1.0.0', scripts: { start: 'node dist/main.js' }, ...extra });

export const edgeIds = (g: PartialGraph) => g.edges.map((e) => e.id).sort();
