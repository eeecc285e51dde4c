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
  'organizations:ListAccounts',
  'resource-explorer-2:ListIndexes',
  'resource-explorer-2:Search',
  'sts:AssumeRole',
  'sts:GetCallerIdentity',
  'tag:GetResources',
] as const;

export type AwsOperation = (typeof AWS_OPERATIONS)[number];

/** Identity calls that are not List/Get/Describe. GetCallerIdentity needs no permission at all. */
export const IDENTITY_OPERATIONS: readonly string[] = ['sts:AssumeRole'];

/**
 * An action is read-only when its verb is List, Get or Describe (`apigateway:GET` included), or Search
 * (Resource Explorer's query, access level Read in the IAM service reference).
 */
export function isReadOnlyAction(action: string): boolean {
  return /^[a-z0-9-]+:(List|Get|Describe|Search)/i.test(action);
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
      // Only used with --discovery resource-explorer; harmless without an index.
      {
        Sid: 'ArchmapResourceExplorer',
        Effect: 'Allow',
        Action: ['resource-explorer-2:ListIndexes', 'resource-explorer-2:Search'],
        Resource: '*',
      },
      { Sid: 'ArchmapCloudControlReadHandlers', Effect: 'Allow', Action: perType, Resource: '*' },
    ],
  };
}

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource?: string;
  Principal?: unknown;
  Condition?: unknown;
}

export interface OrgPolicies {
  /** Attached to the identity that runs `archmap scan aws --org` in the management or delegated admin account. */
  management: { Version: '2012-10-17'; Statement: Statement[] };
  /** The role every member account holds: what it may read, and whom it trusts. */
  member: {
    roleName: string;
    permissions: IamPolicy;
    trust: { Version: '2012-10-17'; Statement: Statement[] };
  };
  /** A CloudFormation template for a service-managed StackSet that deploys the member role everywhere. */
  stackSet: Record<string, unknown>;
}

/**
 * The policies of an organisation scan, and a StackSet template that deploys the member role.
 * ListAccounts: https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 * External ids: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
 * @example
 * awsOrgPolicies({ roleName: 'archmap-read' }).member.trust
 */
export function awsOrgPolicies(options: { roleName: string; managementAccount?: string }): OrgPolicies {
  const read = awsReadPolicy();
  const principal = `arn:aws:iam::${options.managementAccount ?? '<management-account-id>'}:root`;
  return {
    management: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ArchmapListAccounts',
          Effect: 'Allow',
          Action: ['organizations:ListAccounts'],
          Resource: '*',
        },
        {
          Sid: 'ArchmapAssumeMemberRole',
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Resource: `arn:aws:iam::*:role/${options.roleName}`,
        },
        // The management account's own resources are read with these credentials, not through the role.
        ...read.Statement,
      ],
    },
    member: {
      roleName: options.roleName,
      permissions: read,
      trust: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ArchmapScanner', Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' },
        ],
      },
    },
    stackSet: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'archmap: the read-only role that `archmap scan aws --org` assumes in each member account',
      Parameters: {
        ManagementAccountId: {
          Type: 'String',
          AllowedPattern: '^\\d{12}$',
          Description: 'the account that runs archmap (management or delegated administrator)',
        },
        RoleName: { Type: 'String', Default: options.roleName },
        ExternalId: {
          Type: 'String',
          Default: '',
          Description: 'optional; pass the same value as --external-id',
        },
      },
      Conditions: { HasExternalId: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] }] } },
      Resources: {
        ArchmapReadRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: { Ref: 'RoleName' },
            MaxSessionDuration: 3600,
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not JS
                  Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ManagementAccountId}:root' } },
                  Action: 'sts:AssumeRole',
                  Condition: {
                    'Fn::If': [
                      'HasExternalId',
                      { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                },
              ],
            },
            Policies: [{ PolicyName: 'archmap-read', PolicyDocument: read }],
          },
        },
      },
      Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['ArchmapReadRole', 'Arn'] } } },
    },
  };
}
