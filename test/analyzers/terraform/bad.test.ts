// Every case under fixtures/bad/ through the real CLI (in process, test/support/cli.ts): one diagnostic with file:line, the exit
// code STYLE.md prescribes (0 with warnings when the rest was analysed, 2 for unusable input), never a crash.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, GraphFile } from '../../../src/model/schema.js';
import { runCli } from '../../support/cli.js';

const repo = join(import.meta.dirname, '../../..');
const badDir = join(repo, 'fixtures/bad');

interface Case {
  name: string;
  /** Extra files generated at test time (too big for git, or impossible in git). */
  setup?: (dir: string) => Promise<void>;
  args?: (dir: string) => string[];
  exit: 0 | 2;
  /** The diagnostic (exit 0) or error line (exit 2) that names the bad file. */
  file?: RegExp;
  line?: number | ((dir: string) => Promise<number>);
  message: RegExp;
  /** Good resources that must still be in the output. */
  keeps?: string[];
}

const good = (id: string) => [`aws_sqs_queue.${id}`, `aws_dynamodb_table.${id}`];

/** A 5 MB .tf: a generated policy inlined as a heredoc, plus a few hundred queues. */
async function hugeFile(dir: string) {
  const statements: string[] = [];
  for (let i = 0, size = 0; size < 5 * 1024 * 1024; i++) {
    const s = `    { "Sid": "S${i}", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::bucket-${i}/*" }`;
    statements.push(s);
    size += s.length + 2;
  }
  const queues = Array.from(
    { length: 300 },
    (_, i) => `resource "aws_sqs_queue" "bulk_${i}" {\n  name = "bulk-${i}"\n}\n`,
  );
  const text = `resource "aws_iam_policy" "generated" {\n  name   = "generated"\n  policy = <<POLICY\n{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\nPOLICY\n}\n\n${queues.join('\n')}`;
  await writeFile(join(dir, 'generated.tf'), text);
}

const cases: Case[] = [
  {
    name: 'syntax-error',
    exit: 0,
    file: /^broken\.tf$/,
    line: 5,
    message: /syntax error/,
    keeps: [...good('syntax_ok'), 'aws_s3_bucket.logs'],
  },
  {
    name: 'unterminated-heredoc',
    exit: 0,
    file: /^policy\.tf$/,
    line: 1,
    message: /heredoc|syntax error/i,
    keeps: good('heredoc_ok'),
  },
  {
    name: 'binary-tf',
    exit: 0,
    file: /^logo\.tf$/,
    line: 1,
    message: /not a text file/,
    keeps: good('binary_ok'),
  },
  {
    name: 'invalid-utf8',
    exit: 0,
    file: /^latin1\.tf$/,
    line: 1,
    message: /UTF-8/i,
    keeps: good('utf8_ok'),
  },
  {
    name: 'huge-file',
    setup: hugeFile,
    exit: 0,
    message: /.*/,
    keeps: [...good('huge_ok'), 'aws_sqs_queue.bulk_299'],
  },
  {
    name: 'circular-module',
    exit: 0,
    file: /^modules\/[ab]\/main\.tf$/,
    line: 2,
    message: /circular/,
    keeps: [...good('circular_ok'), 'module.a.aws_sns_topic.a'],
  },
  {
    name: 'module-escape',
    exit: 0,
    file: /^main\.tf$/,
    line: 18,
    message: /outside the repository/,
    keeps: good('escape_ok'),
  },
  {
    name: 'truncated-state',
    exit: 0,
    file: /^terraform\.tfstate$/,
    line: async (dir) => (await readFile(join(dir, 'terraform.tfstate'), 'utf8')).split('\n').length,
    message: /JSON ends early/,
    keeps: good('truncated_ok'),
  },
  {
    name: 'future-state',
    exit: 0,
    file: /^terraform\.tfstate$/,
    line: 2,
    message: /state version 5 \(terraform 9\.0\.0\) is not supported/,
    keeps: good('future_ok'),
  },
  {
    name: 'future-state named with --state',
    args: (dir) => ['--state', join(dir, 'terraform.tfstate')],
    exit: 2,
    file: /terraform\.tfstate$/,
    line: 2,
    message: /state version 5/,
  },
  {
    name: 'empty-dir',
    exit: 2,
    message: /no \.tf, \*\.tfstate or \*\.tfplan\.json files/,
  },
];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'archmap-bad-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function prepare(c: Case): Promise<string> {
  const dir = join(work, c.name.replace(/\W+/g, '-'));
  const source = join(badDir, c.name.split(' ')[0]!);
  if (c.name === 'empty-dir') {
    await cp(source, dir, { recursive: true });
    for (const f of await readdir(dir)) await rm(join(dir, f));
  } else {
    await cp(source, dir, { recursive: true });
  }
  await c.setup?.(dir);
  return dir;
}

describe('fixtures/bad through `archmap scan terraform`', () => {
  it('has a test case for every directory in fixtures/bad', async () => {
    const dirs = (await readdir(badDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.sort()).toEqual([...new Set(cases.map((c) => c.name.split(' ')[0]!))].sort());
  });

  it.each(cases)(
    '$name: exit $exit, names the bad file, keeps the rest',
    async (c) => {
      const dir = await prepare(c);
      const out = join(dir, '..', `${c.name.replace(/\W+/g, '-')}.json`);
      const result = await runCli(['scan', 'terraform', dir, '-o', out, ...(c.args?.(dir) ?? [])], {
        env: { CI: '1' },
      });
      expect(result.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
      expect(result.code, result.stderr).toBe(c.exit);
      const line = typeof c.line === 'function' ? await c.line(dir) : c.line;
      if (c.exit === 2) {
        // One line (plus a hint), with file:line; no partial output.
        const first = result.stderr.split('\n')[0]!;
        expect(first).toMatch(/^error: /);
        expect(first).toMatch(c.message);
        if (c.file) expect(first).toMatch(new RegExp(`${c.file.source.replace(/\$$/, '')}:${line}: `));
        await expect(readFile(out)).rejects.toThrow();
        return;
      }
      const graph = JSON.parse(await readFile(out, 'utf8')) as GraphFile;
      const ids = graph.nodes.map((n) => n.id);
      for (const id of c.keeps ?? []) expect(ids).toContain(id);
      if (c.file) {
        const diag = graph.diagnostics.find(
          (d: Diagnostic) => d.file && c.file!.test(d.file) && c.message.test(d.message),
        );
        expect(diag, JSON.stringify(graph.diagnostics)).toBeDefined();
        expect(diag!.line).toBe(line);
        expect(result.stderr).toContain(`${diag!.file}:${line}: `);
      }
    },
    180_000,
  );
});
