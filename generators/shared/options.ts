// Option validation shared by the diagram generators: bad options are a UsageError naming the field.
import { z } from 'zod';
import { UsageError } from '../../src/model/errors.js';
import { formatZodIssues } from '../../src/model/io.js';
import { DETAIL_LEVELS } from './view.js';

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

/** The view options every diagram generator takes (see ViewOptions in view.ts). */
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
  /** Only this overview group and what it talks to. */
  within: z.string().optional(),
  /** The overview and one diagram per overview group, as separate files. */
  split: z.boolean().default(false),
});

/** A split diagram's file is named for its group; a single diagram for the `name` option. */
export function viewFileName(name: string, viewName: string | undefined, ext: string): string {
  return `${viewName ?? name}.${ext}`;
}
