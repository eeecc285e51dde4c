// `archmap mcp`: serves the archmap tools to an AI assistant over stdio (Model Context Protocol).
// stdout belongs to the protocol, so anything a library would log goes to stderr while the server runs.
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { createMcpServer } from '../../mcp/server.js';
import { UsageError } from '../../model/errors.js';
import { writeFileSafe, writeFilesSafe } from '../output.js';

interface McpFlags {
  root?: string;
  allowWrite?: string;
}

export function register(program: Command): void {
  program
    .command('mcp')
    .description(
      'serve archmap to an AI assistant over stdio (Model Context Protocol): scan, review, propose, impact, diff, cost, diagram, scaffold',
    )
    .option('--root <dir>', 'directory the tools may read (default: the current directory)')
    .option('--allow-write <dir>', 'let tools write files, only under this directory (default: read-only)')
    .action(async (flags: McpFlags) => {
      if (flags.allowWrite === '')
        throw new UsageError('--allow-write needs a directory', { hint: 'e.g. --allow-write out' });
      for (const method of ['log', 'info', 'debug'] as const) console[method] = console.error;
      const server = createMcpServer({
        root: resolve(flags.root ?? '.'),
        ...(flags.allowWrite ? { allowWrite: resolve(flags.allowWrite) } : {}),
        writers: { file: writeFileSafe, files: writeFilesSafe },
        version: program.version() ?? '0.1.0',
      });
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((done) => {
        transport.onclose = () => done();
        process.stdin.once('end', () => done());
      });
      await server.connect(transport);
      process.stderr.write('archmap mcp: serving over stdio\n');
      await closed;
      await server.close();
    });
}
