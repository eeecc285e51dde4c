// The complete set of AWS API operations the aws analyzer can issue, and the least-privilege IAM policy they need.
// Tests check both against what the loopback server actually served, so this list cannot drift from the code.
import { RESOURCE_TYPES } from './resource-types.js';

/**
 * Every operation the analyzer sends, as `<service>:<Operation>` (the IAM action prefix).
 * All are reads. `sts:AssumeRole` is the one non-List/Get/Describe call: it only mints read credentials for
 * `--role-arn`, and is allowed by the role's trust policy, not by this policy.
 * @example
 * AWS_OPERATIONS.includes('tag:GetResources') // true
 */
export const AWS_OPERATIONS = [
  'cloudformation:GetResource',
  'cloudformation:ListResources',
  'sts:AssumeRole',
  'sts:GetCallerIdentity',
  'tag:GetResources',
] as const;

export type AwsOperation = (typeof AWS_OPERATIONS)[number];

/** Identity calls that are not List/Get/Describe. GetCallerIdentity needs no permission at all. */
export const IDENTITY_OPERATIONS: readonly string[] = ['sts:AssumeRole'];

/** An action is read-only when its verb is List, Get or Describe (`apigateway:GET` included). */
export function isReadOnlyAction(action: string): boolean {
  return /^[a-z0-9-]+:(List|Get|Describe)/i.test(action);
}

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/**
 * The minimal IAM policy for `archmap scan aws`: the discovery calls, plus the read and list permissions that
 * Cloud Control's handlers need for each type it reads.
 * Cloud Control API actions use the `cloudformation:` prefix:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudcontrolapi.html
 * Its handlers call the underlying service with the caller's credentials:
 * https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/security.html
 * @example
 * JSON.stringify(awsReadPolicy(), null, 2)
 */
export function awsReadPolicy(): IamPolicy {
  const perType = [...new Set(RESOURCE_TYPES.flatMap((t) => t.permissions))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ArchmapDiscovery',
        Effect: 'Allow',
        Action: ['cloudformation:GetResource', 'cloudformation:ListResources', 'tag:GetResources'],
        Resource: '*',
      },
      { Sid: 'ArchmapCloudControlReadHandlers', Effect: 'Allow', Action: perType, Resource: '*' },
    ],
  };
}
