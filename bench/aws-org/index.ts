// An organisation scanned as N shards in N processes over the loopback server (50 ms per call), then merged:
// the total wall time, and the merge's own time and peak memory.
import { fork, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { orgAccountId } from '../../test/support/aws-org.js';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from '../../test/support/aws-server.js';
import { defineBenchmark } from '../registry.js';
import { ms } from '../report.js';

const ROOT = join(import.meta.dirname, '../..');
const SHARDS = 8;
const PER_ACCOUNT = 200;
const LATENCY_MS = 50;

function runShard(url: string, out: string, index: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/bin.ts'),
      'scan',
      'aws',
      '--org',
      '--shard',
      `${index}/${SHARDS}`,
      '--endpoint-url',
      url,
      '-o',
      out,
      '--json',
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY: TEST_SECRET_KEY,
        AWS_EC2_METADATA_DISABLED: 'true',
        CI: 'true',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

export default defineBenchmark({
  id: 'aws-org',
  title: `AWS organisation: ${SHARDS} shards in ${SHARDS} processes, then archmap merge`,
  async run(ctx) {
    const accounts = ctx.sizes?.[0] ?? 500;
    const denied = [orgAccountId(1), orgAccountId(2), orgAccountId(3)];
    const server = fork(
      join(import.meta.dirname, 'server-process.ts'),
      [String(accounts), String(PER_ACCOUNT), String(LATENCY_MS), denied.join(',')],
      { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      server.once('message', (m) => resolve((m as { url: string }).url));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const dir = await mkdtemp(join(tmpdir(), 'archmap-bench-org-'));
    try {
      const files = Array.from({ length: SHARDS }, (_, i) => join(dir, `part-${i + 1}.json`));
      const started = performance.now();
      const results = await Promise.all(files.map((f, i) => runShard(url, f, i + 1)));
      const scanMs = performance.now() - started;
      const failed = results.find((r) => r.code !== 0);
      if (failed) throw new Error(`a shard failed: ${failed.stderr.split('\n')[0]}`);
      ctx.log(`${SHARDS} shards in ${ms(scanMs)}`);
      const merge = fork(join(import.meta.dirname, 'merge-process.ts'), files, {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const m = await new Promise<{
        ms: number;
        maxRssKb: number;
        nodes: number;
        edges: number;
        bytes: number;
        denied: number;
      }>((resolve) => merge.once('message', (x) => resolve(x as never)));
      merge.kill();
      const calls = await new Promise<{ calls: number }>((resolve) => {
        server.once('message', (x) => resolve(x as { calls: number }));
        server.send('stats');
      });
      const markdown = [
        '## AWS organisation, sharded (bench/aws-org)',
        '',
        `A synthetic organisation of ${accounts} accounts × 17 regions (${(accounts * 17).toLocaleString('en')} account × region pairs), ${PER_ACCOUNT} resources per account, ${denied.length} accounts whose role refuses AssumeRole, served by the loopback AWS server in its own process with ${LATENCY_MS} ms added to every call. \`archmap scan aws --org --shard i/${SHARDS}\` runs as ${SHARDS} processes at once, then \`archmap merge\` (the library call, in its own process) joins the parts. Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} when measured.`,
        '',
        '| accounts | pairs | calls served | scan wall time (8 shards in parallel) | merge time | merge peak RSS | merged nodes | merged edges | denied accounts reported |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        `| ${accounts} | ${accounts * 17} | ${calls.calls.toLocaleString('en')} | ${ms(scanMs)} | ${ms(m.ms)} | ${Math.round(m.maxRssKb / 1024)} MB | ${m.nodes.toLocaleString('en')} | ${m.edges.toLocaleString('en')} | ${m.denied} |`,
      ].join('\n');
      return {
        markdown,
        targets: [
          {
            name: 'denied accounts reported',
            met: m.denied === denied.length,
            detail: `${m.denied} of ${denied.length}`,
          },
        ],
      };
    } finally {
      server.kill();
      await rm(dir, { recursive: true, force: true });
    }
  },
});
