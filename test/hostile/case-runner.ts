// The child process of test/hostile/corpus.test.ts: runs hostile cases one after another through the CLI's
// main() (test/support/cli.ts, in this process, so Node starts once), reporting each start and end to the parent,
// which kills and restarts it when a case overruns its bound or the process dies.
import { runCli } from '../support/cli.js';

export interface CaseRun {
  id: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

process.on('message', async (message: { run: CaseRun[] }) => {
  for (const c of message.run) {
    process.send?.({ start: c.id });
    const started = performance.now();
    const r = await runCli(c.args, { cwd: c.cwd, env: c.env });
    process.send?.({
      done: c.id,
      code: r.code,
      stderr: r.stderr,
      ms: Math.round(performance.now() - started),
    });
  }
  process.send?.({ finished: true });
});
process.send?.({ ready: true });
