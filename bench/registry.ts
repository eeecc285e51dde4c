// Benchmarks, one folder each, loaded lazily. Add one by adding a folder and a line here; `npm run bench`
// runs them and each rewrites only its own section of BENCHMARKS.md.

export interface BenchmarkContext {
  /** Corpus sizes asked for on the command line (`--sizes 1000,10000`); each benchmark has its defaults. */
  sizes?: number[];
  /** Repetitions per measurement; the median is reported. */
  runs: number;
  /** Progress lines for the person running the bench (stderr). */
  log(message: string): void;
}

export interface BenchmarkResult {
  /** Markdown for this benchmark's section of BENCHMARKS.md (without the markers). */
  markdown: string;
  /** Targets the figures were checked against; a missed one is reported but does not fail the run. */
  targets?: Array<{ name: string; met: boolean; detail: string }>;
}

export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}

/**
 * Returns its argument, so that the benchmark's type is checked.
 * @example
 * export default defineBenchmark({ id: 'aws', title: 'AWS discovery', async run(ctx) { return { markdown } } });
 */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

export const benchmarks: Record<string, () => Promise<Benchmark>> = {
  aws: () => import('./aws/index.js').then((m) => m.default),
  'aws-org': () => import('./aws-org/index.js').then((m) => m.default),
  terraform: () => import('./terraform/index.js').then((m) => m.default),
  code: () => import('./code/index.js').then((m) => m.default),
  llm: () => import('./llm/index.js').then((m) => m.default),
  whatif: () => import('./whatif/index.js').then((m) => m.default),
  diagram: () => import('./diagram/index.js').then((m) => m.default),
  hostile: () => import('./hostile/index.js').then((m) => m.default),
};
