import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { scanDirectory } from '../../index.js';
import { UsageError } from '../../model/errors.js';
import type { ArchGraph } from '../../model/graph.js';
import { parsePlannerConfig } from '../../planners/config.js';
import { isLoopback, startStudio } from '../../studio/server.js';
import { printDiagnostics } from '../diagnostics.js';
import { readGraph, readText } from '../io.js';
import { progressFor } from '../progress.js';

interface ServeFlags {
  port: string;
  host: string;
  allowHost?: string[];
  config?: string;
}

/** A graph file as it is; a directory scanned like `archmap scan DIR` (Terraform + code). */
async function loadInput(input: string): Promise<ArchGraph> {
  if (!existsSync(input))
    throw new UsageError(`${input}: no such file or directory`, { hint: 'check the path' });
  if (!statSync(input).isDirectory()) return readGraph(input);
  const root = resolve(input);
  const { graph } = await scanDirectory(root, {}, { progress: progressFor({}) });
  printDiagnostics(graph.diagnostics, {});
  return graph;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('archmap studio: a local web page to explore the graph, run what-ifs, ask and export')
    .argument('[input]', 'archmap.json, or a directory to scan first', 'archmap.json')
    .option('--port <n>', 'port to listen on (0: any free port)', '4173')
    .option(
      '--host <host>',
      'address to bind; anything but loopback exposes the studio to the network',
      '127.0.0.1',
    )
    .option(
      '--allow-host <name>',
      'with --host: a host name the studio is reached by (repeatable); other Host headers are refused',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--config <file>',
      'archmap.config.json with capacity settings (default: ./archmap.config.json if present)',
    )
    .action(async (input: string, flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a port number, got ${flags.port}`);
      const configPath =
        flags.config ?? (existsSync('archmap.config.json') ? 'archmap.config.json' : undefined);
      const config = configPath ? parsePlannerConfig(await readText(configPath), configPath) : {};
      const graph = await loadInput(input);
      if (!isLoopback(flags.host))
        process.stderr.write(
          `warning: --host ${flags.host} makes the studio reachable from other machines; it has no login and shows your whole architecture\n`,
        );
      const studio = await startStudio({
        graph,
        host: flags.host,
        port,
        capacity: config.capacity ?? {},
        ...(flags.allowHost ? { allowHosts: flags.allowHost } : {}),
      });
      process.stderr.write(
        `archmap studio: ${graph.order} nodes, ${graph.size} edges\nopen ${studio.url}  (Ctrl+C to stop)\n`,
      );
      await new Promise<void>((done) => {
        // Stays installed and idempotent: a repeated signal while closing (Ctrl-C twice, or a signal sent to
        // the process group) must not fall through to the default handler and kill the process with 128+signal.
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
          void studio.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
