import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take longest (D2 renders, the CDKTF synth, the 5 MB .tf, organisation shards), measured with
 * `vitest run --reporter=json` (BENCHMARKS.md, "Test suite"). They start first, so that on two cores the run does
 * not end with one worker still busy on a long file while the other is idle. Other files keep vitest's order.
 */
const LONGEST_FIRST = [
  'test/generators/d2/render.test.ts',
  'test/generators/cdktf/synth.test.ts',
  'test/analyzers/terraform/bad.test.ts',
  'test/analyzers/aws/org.test.ts',
  'test/studio/browser.test.ts',
  'test/mcp/server.test.ts',
  'test/generators/d2/host.test.ts',
  'test/studio/api.test.ts',
  'test/analyzers/aws/faults.test.ts',
  'test/llm/commands.test.ts',
  'test/studio/serve-cli.test.ts',
  'test/generators/terraform/scaffold.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share their worker's modules (ts-morph, the AWS SDK, the CLI) and its D2 host process instead of
    // loading them again per file: a quarter of the suite's time was module import. A test that changes
    // process-wide state (process.env, the working directory) puts it back (test/support/cli.ts does for the CLI).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // One temp folder per run, removed at the end (tests make many mkdtemp folders and cleaned few).
    globalSetup: ['test/support/temp-root.ts'],
    // picocolors decides at import time; the CLI runs in process in many tests (test/support/cli.ts).
    env: { NO_COLOR: '1' },
  },
});
