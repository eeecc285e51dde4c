// archmap.config.json: project settings the planners read (capacity loads, fan-out, per-copy throughput).
// Other sections belong to other stages and pass through untouched.
import { z } from 'zod';
import { UsageError } from '../model/errors.js';
import { formatZodIssues } from '../model/io.js';
import { lineOfKey } from '../model/lines.js';
import { CapacityConfigSchema } from './capacity.js';

export const PlannerConfigSchema = z
  .object({
    $schema: z.string().optional(),
    capacity: CapacityConfigSchema.partial().optional(),
  })
  .passthrough();
export type PlannerConfig = z.infer<typeof PlannerConfigSchema>;

/**
 * Parses archmap.config.json text. Errors name the file, the line of the bad field when it can be found, and the path.
 * @example
 * parsePlannerConfig('{"capacity":{"perCopyRps":{"aws_ecs_service.api":300}}}', 'archmap.config.json')
 */
export function parsePlannerConfig(text: string, file: string): PlannerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, {
      file,
      hint: 'fix the JSON syntax',
    });
  }
  const parsed = PlannerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const line = lineOfKey(text, issue.path);
    throw new UsageError(`${file}: ${formatZodIssues(parsed.error)[0]}`, {
      file,
      ...(line ? { line } : {}),
      hint: 'capacity keys: entryRps, loads, fanout, durationMs, defaultDurationMs, perCopyRps, poolSize',
    });
  }
  return parsed.data;
}
