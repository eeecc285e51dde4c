// Maps typed errors to one-line messages and exit codes. The only place that knows exit codes.
import pc from 'picocolors';
import { isUserError } from '../model/errors.js';
import { scrubText } from '../model/secrets.js';
import { fileSystemError, isSystemError } from './output.js';

export const EXIT_BUG = 70;

export function reportError(caught: unknown, debug: boolean): number {
  // The operating system said no (a read-only directory, a full disk, a denied path): exit 3, one line.
  const error =
    isSystemError(caught) && !isUserError(caught)
      ? fileSystemError(caught, caught.path ?? '', caught.syscall ?? 'use')
      : caught;
  if (isUserError(error)) {
    const location = 'location' in error ? error.location : {};
    const where = location.file ? `${location.file}${location.line ? `:${location.line}` : ''}: ` : '';
    const message = error.message.startsWith(where) || !where ? error.message : `${where}${error.message}`;
    // Errors may quote the input (a tfvars line, a header): the same scrubber as the analyzers' output.
    process.stderr.write(`${pc.red('error')}: ${scrubText(message)}\n`);
    if (location.hint) process.stderr.write(`  ${pc.dim('hint')}: ${scrubText(location.hint)}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  // Anything else is a bug in archmap: show everything.
  process.stderr.write(`${pc.red('internal error')} (this is a bug in archmap, please report it):\n`);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_BUG;
}
