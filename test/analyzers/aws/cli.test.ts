import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { awsReadPolicy } from '../../../analyzers/aws/operations.js';
import { parseGraph } from '../../../src/model/io.js';
import {
  type AwsServer,
  startAwsServer,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from '../../support/aws-server.js';
import { runCli, spawnCli } from '../../support/cli.js';
import { shopServerOptions } from './helpers.js';

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: TEST_SECRET_KEY,
  AWS_EC2_METADATA_DISABLED: 'true',
  CI: 'true',
};

/** archmap in this process, with an environment of only PATH, HOME and the test credentials. */
const archmap = (args: string[]) => runCli(args, { cleanEnv: true, env: AWS_ENV });

describe('archmap aws CLI', () => {
  let server: AwsServer;
  let dir: string;
  beforeEach(async () => {
    server = await startAwsServer(shopServerOptions());
    dir = await mkdtemp(join(tmpdir(), 'archmap-aws-cli-'));
  });
  afterEach(() => server.close());

  test('`archmap aws policy` prints the read-only policy as JSON', async () => {
    const { code, stdout } = await archmap(['aws', 'policy']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(awsReadPolicy());
  });

  test('`archmap scan aws` writes a valid graph of the account and a JSON summary', async () => {
    const out = join(dir, 'live.json');
    const { code, stdout, stderr } = await archmap([
      'scan',
      'aws',
      '--endpoint-url',
      server.url,
      '--regions',
      'eu-west-1,us-east-1',
      '-o',
      out,
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { nodes: number; edges: number; diagnostics: unknown[] };
    const graph = parseGraph(await readFile(out, 'utf8'), out);
    expect(summary.nodes).toBe(graph.order);
    expect(graph.node('account:123456789012')?.kind).toBe('account');
    expect(summary.diagnostics).toEqual([]);
  });

  test('refuses a bad region name with a one-line usage error (exit 2)', async () => {
    const { code, stderr } = await archmap([
      'scan',
      'aws',
      '--endpoint-url',
      server.url,
      '--regions',
      'Ireland',
      '-o',
      join(dir, 'x.json'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/error: aws options\.regions.*not a region name/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('Ctrl-C stops the scan and leaves no file behind', async () => {
    server.inject({ kind: 'delay', operation: 'GetResources', delayMs: 20_000 });
    const out = join(dir, 'live.json');
    // A real process: the test is what SIGINT does to it.
    const { child, done } = spawnCli(
      ['scan', 'aws', '--endpoint-url', server.url, '--regions', 'eu-west-1', '-o', out],
      { cleanEnv: true, env: AWS_ENV },
    );
    await server.waitForCall('GetResources');
    child.kill('SIGINT');
    const { code, stderr } = await done;
    expect(code).toBe(3);
    expect(stderr).toMatch(/interrupted; nothing was written/);
    expect(await readdir(dir)).toEqual([]);
  });
});
