// Every review rule, one per file. Add a rule by adding a file and a line here.

import type { Rule } from '../types.js';
import cacheNoFailover from './cache-no-failover.js';
import criticalSingleRegion from './critical-single-region.js';
import crossAzChatty from './cross-az-chatty.js';
import deepSyncChain from './deep-sync-chain.js';
import dynamodbNoPitr from './dynamodb-no-pitr.js';
import httpListenerNoTls from './http-listener-no-tls.js';
import idleNatGateways from './idle-nat-gateways.js';
import idleProvisionedCapacity from './idle-provisioned-capacity.js';
import lambdaUnboundedConcurrencyToRds from './lambda-unbounded-concurrency-to-rds.js';
import missingHealthCheck from './missing-health-check.js';
import noAutoscaling from './no-autoscaling.js';
import noCdnForStaticStorage from './no-cdn-for-static-storage.js';
import noReadReplica from './no-read-replica.js';
import noWafOnPublicEntry from './no-waf-on-public-entry.js';
import openSecurityGroup from './open-security-group.js';
import publicBucket from './public-bucket.js';
import publicDatabase from './public-database.js';
import queueWithoutDlq from './queue-without-dlq.js';
import rdsNoBackups from './rds-no-backups.js';
import rdsNoDeletionProtection from './rds-no-deletion-protection.js';
import rdsSingleAz from './rds-single-az.js';
import secretsInEnv from './secrets-in-env.js';
import singleAzCompute from './single-az-compute.js';
import singleInstanceNoLb from './single-instance-no-lb.js';
import singleNatGateway from './single-nat-gateway.js';
import spofArticulationPoint from './spof-articulation-point.js';
import sqsVisibilityTimeout from './sqs-visibility-timeout.js';
import unencryptedStorage from './unencrypted-storage.js';

export const rules: readonly Rule[] = [
  cacheNoFailover,
  criticalSingleRegion,
  crossAzChatty,
  deepSyncChain,
  dynamodbNoPitr,
  httpListenerNoTls,
  idleNatGateways,
  idleProvisionedCapacity,
  lambdaUnboundedConcurrencyToRds,
  missingHealthCheck,
  noAutoscaling,
  noCdnForStaticStorage,
  noReadReplica,
  noWafOnPublicEntry,
  openSecurityGroup,
  publicBucket,
  publicDatabase,
  queueWithoutDlq,
  rdsNoBackups,
  rdsNoDeletionProtection,
  rdsSingleAz,
  secretsInEnv,
  singleAzCompute,
  singleInstanceNoLb,
  singleNatGateway,
  spofArticulationPoint,
  sqsVisibilityTimeout,
  unencryptedStorage,
];
