// Typed errors. The library throws these; only src/cli maps them to exit codes.

export interface ErrorLocation {
  file?: string;
  line?: number;
  hint?: string;
}

/** Bad flag, config or input file. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
  }
}

/** AWS, the LLM endpoint or the file system said no. Exit code 3. */
export class ExternalError extends Error {
  override readonly name = 'ExternalError';
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly location: ErrorLocation = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `--fail-on` was hit. Exit code 1. */
export class FindingsError extends Error {
  override readonly name = 'FindingsError';
  readonly exitCode = 1;
}

export type UserError = UsageError | ExternalError | FindingsError;

export function isUserError(error: unknown): error is UserError {
  return error instanceof UsageError || error instanceof ExternalError || error instanceof FindingsError;
}
