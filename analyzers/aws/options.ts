// Options of the aws analyzer, checked with zod so that the CLI and library callers get one-line errors.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { z } from 'zod';
import { UsageError } from '../../src/model/errors.js';
import { formatZodIssues } from '../../src/model/io.js';
import { DEFAULT_REGIONS } from './resource-types.js';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const CFN_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const ROLE_NAME = /^[\w+=,.@/-]{1,512}$/;

export const AwsOptionsSchema = z
  .object({
    /** `'all'` (the 17 default regions) or a list; opt-in regions must be named. */
    regions: z
      .union([z.literal('all'), z.array(z.string().regex(REGION, 'not a region name'))])
      .default('all'),
    /** A profile of ~/.aws/config (SSO, assume-role and credential_process profiles included). */
    profile: z.string().min(1).optional(),
    /** Roles to assume, one account each. Without any, the caller's own account is scanned. */
    roleArns: z.array(z.string().regex(ROLE_ARN, 'not an IAM role ARN')).default([]),
    /** CloudFormation types to list with Cloud Control (default: the significant catalog types). */
    types: z.array(z.string().regex(CFN_TYPE, 'not a CloudFormation type like AWS::SQS::Queue')).optional(),
    /** Read each resource's properties with Cloud Control GetResource (edges and containment need them). */
    details: z.boolean().default(true),
    /** A custom endpoint for every client (LocalStack, tests). `AWS_ENDPOINT_URL` works too. */
    endpoint: z.string().url().optional(),
    /**
     * Requests in flight per region and pool: AWS throttles per account and region, so regions do not share a
     * cap. Each region has one pool for pagination and one for GetResource.
     */
    concurrency: z.number().int().min(1).max(256).default(16),
    /** Attempts per request, with adaptive retry (client-side rate limiting after throttling). */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    requestTimeoutMs: z.number().int().positive().default(15_000),
    connectionTimeoutMs: z.number().int().positive().default(3_000),
    /** Scan every active account of the AWS Organization (listed with organizations:ListAccounts). */
    org: z.boolean().default(false),
    /** With `org`: the read-only role assumed in each member account. */
    roleName: z.string().regex(ROLE_NAME, 'not an IAM role name').default('archmap-read'),
    /** With `org` or `roleArns`: the external id the member roles' trust policies require. */
    externalId: z.string().min(2).max(1224).optional(),
    /** A deterministic slice of the account × region pairs: shard `index` of `count`, 1-based. */
    shard: z
      .object({ index: z.number().int().min(1), count: z.number().int().min(1).max(10_000) })
      .strict()
      .refine((s) => s.index <= s.count, 'shard index must be between 1 and the shard count')
      .optional(),
    /**
     * How resources are found: the Tagging API plus Cloud Control lists (default), or a Resource Explorer
     * aggregator index where one exists (falls back to the default where none does).
     */
    discovery: z.enum(['tagging', 'resource-explorer']).default('tagging'),
    /** Pages per pagination chain; a chain that reaches it (or repeats a token) stops with a warning. */
    maxPages: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();

export type AwsOptionsInput = z.input<typeof AwsOptionsSchema> & {
  /** Explicit credentials (library use); otherwise the standard Node.js provider chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
};
export type AwsOptions = z.output<typeof AwsOptionsSchema> & Pick<AwsOptionsInput, 'credentials'>;

export function parseAwsOptions(input: AwsOptionsInput): AwsOptions {
  const { credentials, ...rest } = input;
  const parsed = AwsOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    const [first] = formatZodIssues(parsed.error, 'aws options');
    throw new UsageError(first ?? 'invalid aws options', {
      hint: 'regions look like eu-west-1, types like AWS::Lambda::Function, roles like arn:aws:iam::123456789012:role/name',
    });
  }
  return { ...parsed.data, ...(credentials ? { credentials } : {}) };
}

export function resolveRegions(regions: AwsOptions['regions']): string[] {
  return regions === 'all' ? [...DEFAULT_REGIONS] : [...new Set(regions)].sort();
}
