// Reading inputs for commands: archmap.json files with one-line errors.
import { readFile } from 'node:fs/promises';
import { ExternalError, UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import { parseGraph } from '../model/io.js';

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`, { hint: 'check the path' });
    if (code === 'EISDIR') throw new UsageError(`${path} is a directory, expected a file`);
    throw new ExternalError(`${path}: cannot read (${code ?? (error as Error).message})`);
  }
}

export async function readGraph(path: string): Promise<ArchGraph> {
  return parseGraph(await readText(path), path);
}

/** Prints JSON to stdout in the deterministic form. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
