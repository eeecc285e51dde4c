// Shared setup for the aws analyzer tests: the loopback server with the recorded shop account.
import { join } from 'node:path';
import aws from '../../../analyzers/aws/index.js';
import type { AwsOptionsInput } from '../../../analyzers/aws/options.js';
import { type PartialGraph, silentProgress } from '../../../src/model/index.js';
import {
  type AwsServer,
  type AwsServerOptions,
  loadRecordedAccount,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from '../../support/aws-server.js';

export const SHOP_ACCOUNT_DIR = join(import.meta.dirname, '../../../fixtures/projects/shop/aws');
export const SHOP_REGIONS = ['eu-west-1', 'us-east-1'];
export const credentials = { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY };

export function shopServerOptions(extra: Partial<AwsServerOptions> = {}): AwsServerOptions {
  return { accounts: [loadRecordedAccount(SHOP_ACCOUNT_DIR)], ...extra };
}

/** Scans through the loopback server with fast retries, so that fault tests stay quick. */
export function scanShop(server: AwsServer, options: Partial<AwsOptionsInput> = {}, signal?: AbortSignal) {
  return aws.analyze(
    {
      regions: SHOP_REGIONS,
      endpoint: server.url,
      credentials,
      requestTimeoutMs: 2_000,
      ...options,
    },
    { root: process.cwd(), progress: silentProgress, ...(signal ? { signal } : {}) },
  ) as Promise<PartialGraph>;
}
