// `archmap serve` as a user runs it: prints the URL, answers on loopback, stops on SIGTERM; bad flags are usage errors.
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';

describe('archmap serve', () => {
  it('prints a loopback URL, serves the graph there and exits cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    // A real process: the test is that SIGTERM ends it with exit 0.
    const { child } = spawnCli(['serve', 'fixtures/graphs/shop.json', '--port', '0'], {
      env: { OPENAI_API_KEY: '' },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 150_000);
      child.stderr.on('data', async (chunk: Buffer) => {
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

  it('rejects a bad port and a missing input with one-line usage errors', async () => {
    const port = await runCli(['serve', 'fixtures/graphs/shop.json', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a port number, got http/);
    const missing = await runCli(['serve', 'no/such/archmap.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/archmap\.json: no such file or directory/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
