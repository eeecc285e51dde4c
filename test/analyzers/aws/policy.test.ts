import { describe, expect, test } from 'vitest';
import { defaultListTypes } from '../../../analyzers/aws/index.js';
import {
  AWS_OPERATIONS,
  awsOrgPolicies,
  awsReadPolicy,
  IDENTITY_OPERATIONS,
  isReadOnlyAction,
} from '../../../analyzers/aws/operations.js';
import { RESOURCE_TYPES, resourceTypeSpec } from '../../../analyzers/aws/resource-types.js';

describe('the read-only contract', () => {
  test('tells read actions from writes', () => {
    expect(
      ['tag:GetResources', 'ec2:DescribeVpcs', 'sqs:ListQueues', 'apigateway:GET'].map(isReadOnlyAction),
    ).toEqual([true, true, true, true]);
    expect(
      [
        'sqs:DeleteQueue',
        'cloudformation:CreateResource',
        'sts:AssumeRole',
        'lambda:InvokeFunction',
        'ec2:*',
      ].map(isReadOnlyAction),
    ).toEqual([false, false, false, false, false]);
  });

  test('every operation the analyzer can issue is List/Get/Describe, or a documented identity call', () => {
    const writes = AWS_OPERATIONS.filter((op) => !isReadOnlyAction(op));
    expect(writes).toEqual([...IDENTITY_OPERATIONS]);
  });

  test('the IAM policy holds no action outside List/Get/Describe, and no wildcard', () => {
    const actions = awsReadPolicy().Statement.flatMap((s) => s.Action);
    expect(actions.filter((a) => !isReadOnlyAction(a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(new Set(actions).size).toBe(actions.length);
  });

  test('the policy grants every discovery call the analyzer makes (GetCallerIdentity needs none)', () => {
    const actions = new Set(awsReadPolicy().Statement.flatMap((s) => s.Action));
    const needed = AWS_OPERATIONS.filter((op) => !op.startsWith('sts:') && !op.startsWith('organizations:'));
    expect(needed.filter((op) => !actions.has(op))).toEqual([]);
  });

  test('the organisation policies: the management side lists accounts and assumes only the member role', () => {
    const org = awsOrgPolicies({ roleName: 'scan-ro', managementAccount: '111122223333' });
    const management = org.management.Statement;
    expect(management.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining(['organizations:ListAccounts', 'sts:AssumeRole', 'tag:GetResources']),
    );
    expect(management.find((s) => s.Sid === 'ArchmapAssumeMemberRole')?.Resource).toBe(
      'arn:aws:iam::*:role/scan-ro',
    );
    expect(org.member.trust.Statement[0]?.Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });
    const writes = [...management, ...org.member.permissions.Statement]
      .flatMap((s) => s.Action)
      .filter((a) => !isReadOnlyAction(a) && !IDENTITY_OPERATIONS.includes(a));
    expect(writes).toEqual([]);
    // The StackSet deploys one role, trusting the management account, with the read policy inline.
    const resources = org.stackSet.Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    expect(Object.values(resources).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
    expect(resources.ArchmapReadRole?.Properties.Policies).toEqual([
      { PolicyName: 'archmap-read', PolicyDocument: awsReadPolicy() },
    ]);
  });

  test('the policy grants the underlying read permissions of every type the analyzer reads', () => {
    const actions = new Set(awsReadPolicy().Statement.flatMap((s) => s.Action));
    for (const spec of RESOURCE_TYPES) {
      expect(spec.permissions.length, spec.cfnType).toBeGreaterThan(0);
      expect(
        spec.permissions.filter((p) => !actions.has(p)),
        spec.cfnType,
      ).toEqual([]);
    }
    expect(actions).toContain('lambda:GetFunction');
    expect(actions).toContain('sqs:GetQueueAttributes');
  });

  test('every type listed by default is one the analyzer knows how to read', () => {
    const types = defaultListTypes();
    expect(types.length).toBeGreaterThanOrEqual(15);
    expect(types.filter((t) => !resourceTypeSpec(t))).toEqual([]);
    expect(types).toEqual(
      expect.arrayContaining(['AWS::Lambda::Function', 'AWS::ECS::Service', 'AWS::RDS::DBInstance']),
    );
  });
});
