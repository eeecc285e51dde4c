// Prints analyzer diagnostics as one line each: `warning: file:line: message (hint)`.
import pc from 'picocolors';
import type { Diagnostic } from '../model/schema.js';
import { scrubDiagnostic } from '../model/secrets.js';

export function formatDiagnostic(raw: Diagnostic): string {
  const d = scrubDiagnostic(raw);
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
  const color = d.severity === 'error' ? pc.red : d.severity === 'warning' ? pc.yellow : pc.dim;
  return `${color(d.severity)}: ${where}${d.message}${d.hint ? pc.dim(` (hint: ${d.hint})`) : ''}`;
}

export function printDiagnostics(diagnostics: Diagnostic[], opts: { json?: boolean } = {}): void {
  if (opts.json) return;
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}
