// Option validation shared by the diagram generators: bad options are a UsageError naming the field.
import { z } from 'zod';
import { UsageError } from '../../src/model/errors.js';
import { formatZodIssues } from '../../src/model/io.js';
import { DETAIL_LEVELS } from './view.js';

/** The view options every diagram generator takes (what `buildView` reads); a generator extends it with its own. */
export const ViewOptionsSchema = z.object({
  name: z.string().min(1).default('diagram'),
  all: z.boolean().default(false),
  focus: z.string().optional(),
  depth: z.number().int().nonnegative().default(1),
  detail: z.enum([...DETAIL_LEVELS, 'auto']).optional(),
  /** Keep changed plumbing visible (diff diagrams). */
  showChanges: z.boolean().default(false),
  /** Diff diagrams: only what changed and one hop around it. */
  cropToChanges: z.boolean().default(false),
});

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
