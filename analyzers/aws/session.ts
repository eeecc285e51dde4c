// Credentials, identities and SDK clients: the standard Node.js provider chain (env, profiles, SSO, instance
// roles), assume-role into other accounts, adaptive retry, bounded timeouts and one client per account+region.
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsOptions } from './options.js';
import { DEFAULT_REGIONS } from './resource-types.js';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface AccountSession {
  account: string;
  partition: string;
  /** The role assumed into this account, when there is one. */
  roleArn?: string;
  credentials: Credentials;
}

/** Client settings shared by every client: retry, timeouts, endpoint. */
export function clientConfig(options: AwsOptions, region: string, credentials: Credentials) {
  return {
    region,
    credentials,
    maxAttempts: options.maxAttempts,
    // Adaptive retry adds a client-side token bucket that slows down after throttling responses.
    retryMode: 'adaptive' as const,
    requestHandler: new NodeHttpHandler({
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: options.connectionTimeoutMs,
      // Without this, @smithy/node-http-handler 4.x only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}

export function baseCredentials(options: AwsOptions): Credentials {
  if (options.credentials) return options.credentials;
  return fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
}

/** The region STS is asked in: a scanned region that is enabled by default (opt-in ones may be off), else us-east-1. */
export function identityRegion(regions: string[]): string {
  return regions.find((r) => (DEFAULT_REGIONS as readonly string[]).includes(r)) ?? 'us-east-1';
}

/**
 * One set of role credentials shared by every client of the account (fromTemporaryCredentials calls STS once per
 * client otherwise), refreshed five minutes before it expires.
 */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    current ??= provider().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    const credentials = await current;
    if (credentials.expiration && credentials.expiration.getTime() - Date.now() < 300_000) {
      current = undefined;
      return provider();
    }
    return credentials;
  };
}

export function assumeRole(options: AwsOptions, region: string, base: Credentials, roleArn: string) {
  return shared(
    fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: roleArn,
        RoleSessionName: 'archmap-scan',
        DurationSeconds: 3600,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      },
      clientConfig: (({ credentials: _, ...rest }) => rest)(clientConfig(options, region, base)),
    }),
  );
}

/** Who the credentials belong to (sts:GetCallerIdentity needs no permission). */
export async function callerIdentity(
  options: AwsOptions,
  region: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<{ account: string; partition: string }> {
  const sts = new STSClient(clientConfig(options, region, credentials));
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return { account: out.Account ?? 'unknown', partition: out.Arn?.split(':')[1] ?? 'aws' };
  } finally {
    sts.destroy();
  }
}

export interface RegionClients {
  tagging: ResourceGroupsTaggingAPIClient;
  cloudControl: CloudControlClient;
  destroy(): void;
}

export function regionClients(options: AwsOptions, region: string, credentials: Credentials): RegionClients {
  const tagging = new ResourceGroupsTaggingAPIClient(clientConfig(options, region, credentials));
  const cloudControl = new CloudControlClient(clientConfig(options, region, credentials));
  return {
    tagging,
    cloudControl,
    destroy() {
      tagging.destroy();
      cloudControl.destroy();
    },
  };
}
