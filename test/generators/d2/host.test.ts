import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRenderer, hostUsage, renderNative, renderWithHost } from '../../../generators/d2/d2-host.js';
import { ExternalError } from '../../../src/model/errors.js';
import { repoRoot, spawnCli } from '../../support/cli.js';

// Starting a host compiles the 22 MB D2 WASM; on a busy machine that alone can take a while.
const TIMEOUT = 180_000;

afterAll(() => closeRenderer());

describe('the shared D2 host', () => {
  it(
    'renders one request after another in the same host process',
    async () => {
      const first = await renderWithHost('a -> b', 'elk', null);
      const firstPid = hostUsage()?.pid;
      const [second, third] = await Promise.all([
        renderWithHost('c -> d', 'elk', null),
        renderWithHost('e -> f: label', 'dagre', null),
      ]);
      expect(first).toContain('<svg');
      expect(second).toContain('<svg');
      expect(third).toContain('label');
      expect(firstPid).toBeGreaterThan(0);
      expect(firstPid).not.toBe(process.pid);
      expect(hostUsage()?.pid).toBe(firstPid);
    },
    TIMEOUT,
  );

  it(
    'reports a D2 syntax error and keeps serving the next request',
    async () => {
      await expect(renderWithHost('a -> {', 'elk', null)).rejects.toThrow(/./);
      expect(await renderWithHost('x -> y', 'elk', null)).toContain('<svg');
    },
    TIMEOUT,
  );

  it(
    'starts a new host after it was closed',
    async () => {
      await renderWithHost('a -> b', 'elk', null);
      const before = hostUsage()?.pid;
      await closeRenderer();
      await renderWithHost('a -> b', 'elk', null);
      expect(hostUsage()?.pid).not.toBe(before);
    },
    TIMEOUT,
  );

  it(
    'lets the CLI exit by itself after drawing an SVG',
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'archmap-host-')), 'api.svg');
      // spawnCli gives -1 when its timeout kills a process that did not exit.
      const result = await spawnCli(['diagram', 'fixtures/graphs/serverless-api.json', '-o', out], {
        timeoutMs: TIMEOUT - 10_000,
      }).done;
      expect(result.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain('<svg');
    },
    TIMEOUT,
  );

  it(
    'keeps a process alive until closeRenderer has stopped the host',
    () => {
      const host = fileURLToPath(new URL('../../../generators/d2/d2-host.ts', import.meta.url));
      const script = [
        `import { closeRenderer, renderWithHost } from ${JSON.stringify(pathToFileURL(host).href)};`,
        "await renderWithHost('a -> b', 'elk', null);",
        'await closeRenderer();',
        "process.stdout.write('closed');",
      ].join('\n');
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: TIMEOUT,
      });
      expect(result.stdout).toBe('closed');
    },
    TIMEOUT,
  );

  it('says which native binary is missing', async () => {
    const previous = process.env.ARCHMAP_D2_BIN;
    process.env.ARCHMAP_D2_BIN = '/nonexistent/d2';
    try {
      await expect(renderNative('a -> b', 'elk', null)).rejects.toThrow(ExternalError);
      await expect(renderNative('a -> b', 'elk', null)).rejects.toThrow(/\/nonexistent\/d2/);
    } finally {
      if (previous === undefined) delete process.env.ARCHMAP_D2_BIN;
      else process.env.ARCHMAP_D2_BIN = previous;
    }
  });
});
