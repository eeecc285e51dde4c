// Option validation shared by the diagram generators: bad options are a UsageError naming the field.
import type { z } from 'zod';
import { UsageError } from '../../src/model/errors.js';
import { formatZodIssues } from '../../src/model/io.js';

/** Validates generator options; unknown keys are ignored. */
export function parseOptions<T extends z.ZodType>(
  schema: T,
  options: unknown,
  generator: string,
): z.output<T> {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new UsageError(`${generator} options: ${formatZodIssues(parsed.error).join('; ')}`, {
      hint: 'see `archmap diagram --help`',
    });
  }
  return parsed.data;
}
