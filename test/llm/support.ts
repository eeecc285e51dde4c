// Helpers for the LLM tests: the CLI with a clean environment (the loopback server runs in this process), temp
// dirs, and ChangeSets that fit the shop graph.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphFile } from '../../src/model/schema.js';
import { type CliResult, runCli } from '../support/cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const shopGraphPath = join(repo, 'fixtures/graphs/shop.json');
export const repoRoot = repo;

export type Run = CliResult;

/** Runs archmap in `cwd` with an environment made only of PATH, HOME and `env`. */
export function runArchmap(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { cwd, env, cleanEnv: true });
}

/** A fresh working directory with archmap.config.json holding `llm` settings (no retries by default: fast faults). */
export function workdir(llm: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'archmap-llm-'));
  writeFileSync(join(dir, 'archmap.config.json'), JSON.stringify({ llm: { maxRetries: 0, ...llm } }));
  return dir;
}

export function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

export function readGraphFile(path: string): GraphFile {
  return JSON.parse(readFileSync(path, 'utf8')) as GraphFile;
}

/** A valid ChangeSet for the shop graph: a buffer queue in front of the orders database. */
export const bufferChangeSet = {
  title: 'Buffer order writes',
  summary: 'Put a queue between the API and the orders database so write spikes are absorbed.',
  goals: ['absorb 10x write spikes'],
  ops: [
    {
      op: 'add_node',
      node: {
        id: 'aws_sqs_queue.orders_buffer',
        kind: 'queue',
        name: 'orders_buffer',
        provider: 'aws',
        service: 'aws_sqs_queue',
        parent: 'region:eu-west-1',
      },
      rationale: 'absorbs write bursts',
    },
    {
      op: 'add_edge',
      edge: {
        id: 'aws_ecs_service.api -> aws_sqs_queue.orders_buffer (publishes)',
        from: 'aws_ecs_service.api',
        to: 'aws_sqs_queue.orders_buffer',
        kind: 'publishes',
      },
      rationale: 'the API enqueues writes',
    },
  ],
  tradeoffs: ['eventual consistency for order writes'],
  risks: ['queue backlog during database outages'],
  rollout: ['dual-write, then switch'],
};

/** The same ChangeSet, but naming a node the shop does not have. */
export const hallucinatedChangeSet = {
  ...bufferChangeSet,
  ops: [
    {
      op: 'update_node',
      id: 'aws_db_instance.catalog_replica',
      set: { props: { multi_az: true } },
      rationale: 'make the replica multi-AZ',
    },
  ],
};
