// The archmap command line: parses flags, runs the library, writes files, maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { reportError } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('archmap')
    .description(
      'See and change your architecture: Terraform, AWS and TypeScript in; diagrams, plans and IaC out.',
    )
    .version('0.1.0')
    .option('--debug', 'show stack traces for user errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // commander already printed its message
      return 2;
    }
    return reportError(error, argv.includes('--debug'));
  }
}
