// Turns SDK errors into per-region warnings, so one denied call or disabled region never stops the scan.
import type { Diagnostic } from '../../src/model/schema.js';

export type FailureKind =
  | 'region-not-enabled'
  | 'access-denied'
  | 'unsupported-type'
  | 'throttled'
  | 'timeout'
  | 'bad-response'
  | 'not-found'
  | 'error';

export class ScanAborted extends Error {
  override readonly name = 'ScanAborted';
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'AbortError' || name === 'ScanAborted';
}

export function classify(error: unknown): FailureKind {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string } | undefined;
  const name = e?.name ?? '';
  if (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId') return 'region-not-enabled';
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name)) return 'access-denied';
  if (name === 'UnsupportedActionException' || name === 'TypeNotFoundException') return 'unsupported-type';
  if (name === 'ResourceNotFoundException') return 'not-found';
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name)) return 'throttled';
  if (
    name === 'TimeoutError' ||
    e?.code === 'ETIMEDOUT' ||
    /timeout/i.test(String((e as Error)?.message ?? ''))
  )
    return 'timeout';
  if (name === 'SyntaxError' || /Deserialization|parse/i.test(String((e as Error)?.message ?? '')))
    return 'bad-response';
  return 'error';
}

const HINTS: Record<FailureKind, string | undefined> = {
  'region-not-enabled':
    'an opt-in region must be enabled for the account (or the credentials are not valid there); drop it from --regions',
  'access-denied': 'grant the read-only policy printed by `archmap aws policy`',
  'unsupported-type': 'Cloud Control cannot list or read this type here; its resources still come from tags',
  throttled: 'AWS kept throttling after every retry; lower --concurrency or scan fewer regions at once',
  timeout: 'the endpoint did not answer in time; check the network or raise the timeout',
  'bad-response': 'the response could not be parsed; try again',
  'not-found': undefined,
  error: undefined,
};

/** One warning line: `eu-west-1: access denied for cloudformation:ListResources AWS::RDS::DBInstance (…)`. */
export function failureDiagnostic(where: string, what: string, error: unknown): Diagnostic {
  const kind = classify(error);
  const e = error as { name?: string; message?: string };
  const reason = `${e?.name ?? 'Error'}: ${(e?.message ?? String(error)).split('\n')[0]}`;
  const hint = HINTS[kind];
  return {
    severity: 'warning',
    code: `aws-${kind}`,
    analyzer: 'aws',
    message: `${where}: ${what} failed (${reason})`,
    ...(hint ? { hint } : {}),
  };
}
