// `archmap serve` as a user runs it: prints the URL, answers on loopback, stops on SIGTERM; bad flags are usage errors.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const entry = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('archmap serve', () => {
  it('prints a loopback URL, serves the graph there and exits cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const child = spawn(tsx, [entry, 'serve', 'fixtures/graphs/shop.json', '--port', '0'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '' },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 150_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).not.toMatch(/warning/);
    const graph = (await (await fetch(`${url}api/graph`)).json()) as { nodes: unknown[] };
    expect(graph.nodes.length).toBeGreaterThan(50);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('rejects a bad port and a missing input with one-line usage errors', () => {
    const port = runCli(['serve', 'fixtures/graphs/shop.json', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a port number, got http/);
    const missing = runCli(['serve', 'no/such/archmap.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/archmap\.json: no such file or directory/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
