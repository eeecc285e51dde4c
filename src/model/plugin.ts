// The two plugin contracts: an analyzer turns a source into a PartialGraph; a generator turns a graph into files.
import type { ArchGraph } from './graph.js';
import type { PartialGraph } from './schema.js';

/** Reports progress of long work. The CLI draws it on a TTY; the library never prints. */
export interface Progress {
  start(task: string, total?: number): void;
  tick(task: string, by?: number, detail?: string): void;
  done(task: string): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, done() {} };

export interface AnalyzerContext {
  /** Paths in provenance are made relative to this directory. */
  root: string;
  progress: Progress;
  signal?: AbortSignal;
}

export interface Analyzer<Options = unknown> {
  id: string;
  description: string;
  /** Cheap check used by `archmap scan DIR` auto-detection. */
  detect?(dir: string): Promise<boolean>;
  analyze(options: Options, context: AnalyzerContext): Promise<PartialGraph>;
}

/**
 * Returns its argument, so that the analyzer's option type is inferred.
 * @example
 * export default defineAnalyzer({ id: 'terraform', description: '…', async analyze(opts, ctx) { … } });
 */
export function defineAnalyzer<Options>(analyzer: Analyzer<Options>): Analyzer<Options> {
  return analyzer;
}

export interface GeneratedFile {
  /** Relative path, forward slashes. */
  path: string;
  contents: string | Uint8Array;
}

export interface Generator<Options = unknown> {
  id: string;
  description: string;
  generate(graph: ArchGraph, options: Options): Promise<GeneratedFile[]>;
}

/**
 * Returns its argument, so that the generator's option type is inferred.
 * @example
 * export default defineGenerator({ id: 'mermaid', description: '…', async generate(graph) { return [...] } });
 */
export function defineGenerator<Options>(generator: Generator<Options>): Generator<Options> {
  return generator;
}
