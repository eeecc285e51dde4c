// Progress bars on a TTY; nothing with --json, in CI, or when stderr is not a terminal.
import cliProgress from 'cli-progress';
import { type Progress, silentProgress } from '../model/plugin.js';

export function progressFor(opts: { json?: boolean; quiet?: boolean } = {}): Progress {
  if (opts.json || opts.quiet || process.env.CI || !process.stderr.isTTY) return silentProgress;
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      format: ' {task} [{bar}] {value}/{total} {detail}',
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; value: number; total: number }>();
  return {
    start(task, total = 0) {
      bars.set(task, { bar: multi.create(total, 0, { task: task.padEnd(18), detail: '' }), value: 0, total });
    },
    tick(task, by = 1, detail = '') {
      const entry = bars.get(task);
      if (!entry) return;
      entry.value += by;
      // Totals grow as pagination discovers more work.
      if (entry.value > entry.total) {
        entry.total = entry.value;
        entry.bar.setTotal(entry.total);
      }
      entry.bar.update(entry.value, { detail });
    },
    done(task) {
      const entry = bars.get(task);
      if (entry) {
        entry.bar.update(entry.total);
        entry.bar.stop();
        multi.remove(entry.bar);
        bars.delete(task);
      }
      if (bars.size === 0) multi.stop();
    },
  };
}
