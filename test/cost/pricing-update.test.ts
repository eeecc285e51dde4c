import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedPrices } from '../../src/catalog/prices.js';
import { parsePriceSnapshot } from '../../src/cost/index.js';
import { runCli } from '../support/cli.js';
import {
  type PriceListServer,
  type ServedProduct,
  startPriceListServer,
} from '../support/price-list-server.js';
import { repoRoot } from './support.js';

/** The CLI in this process (asynchronous, so the loopback server in this process answers it), clean environment. */
const archmap = (args: string[], cwd: string) => runCli(args, { cwd, cleanEnv: true });

// Attribute values as the real offer files spell them (usage types carry a region prefix outside us-east-1).
const nat = (prefix: string, hour: number, gb: number): ServedProduct[] => [
  {
    productFamily: 'NAT Gateway',
    attributes: { usagetype: `${prefix}NatGateway-Hours`, operation: 'NatGateway', group: 'NGW:NatGateway' },
    tiers: [[0, hour]],
    unit: 'Hrs',
  },
  {
    productFamily: 'NAT Gateway',
    attributes: { usagetype: `${prefix}NatGateway-Bytes`, operation: 'NatGateway', group: 'NGW:NatGateway' },
    tiers: [[0, gb]],
    unit: 'GB',
  },
  // Provisioned bandwidth is a different product: it must not be taken for the hourly charge.
  {
    productFamily: 'NAT Gateway',
    attributes: { usagetype: `${prefix}NatGateway-Prvd-Gbps-Hours`, operation: 'NatGateway' },
    tiers: [[0, 9.99]],
    unit: 'Hrs',
  },
];
const instance = (type: string, usd: number, extra: Record<string, string> = {}): ServedProduct => ({
  productFamily: 'Compute Instance',
  attributes: {
    instanceType: type,
    operatingSystem: 'Linux',
    tenancy: 'Shared',
    preInstalledSw: 'NA',
    capacitystatus: 'Used',
    licenseModel: 'No License required',
    ...extra,
  },
  tiers: [[0, usd]],
  unit: 'Hrs',
});
const rds = (cls: string, deploymentOption: string, usd: number): ServedProduct => ({
  productFamily: 'Database Instance',
  attributes: { instanceType: cls, databaseEngine: 'PostgreSQL', deploymentOption },
  tiers: [[0, usd]],
  unit: 'Hrs',
});
const lambdaRequests = (prefix: string, usd: number): ServedProduct => ({
  productFamily: 'Serverless',
  attributes: { usagetype: `${prefix}Request`, group: 'AWS-Lambda-Requests' },
  // A free first tier is skipped: the first paid tier is the list price.
  tiers: [[0, usd]],
  unit: 'Requests',
});

const offers = {
  AmazonEC2: {
    'us-east-1': [
      ...nat('', 0.046, 0.046),
      instance('t3.micro', 0.0105),
      instance('t3.micro', 0.02, { operatingSystem: 'Windows' }),
    ],
    'eu-west-1': [...nat('EU-', 0.049, 0.049), instance('t3.micro', 0.0115)],
  },
  AmazonRDS: {
    'us-east-1': [rds('db.t4g.medium', 'Single-AZ', 0.066), rds('db.t4g.medium', 'Multi-AZ', 0.132)],
    'eu-west-1': [rds('db.t4g.medium', 'Single-AZ', 0.069)],
  },
  AWSLambda: {
    'us-east-1': [lambdaRequests('', 0.00000021)],
    'eu-west-1': [lambdaRequests('EU-', 0.00000021)],
  },
};
const ARGS = ['--offers', 'AmazonEC2,AmazonRDS,AWSLambda', '--regions', 'us-east-1,eu-west-1'];

describe('archmap pricing update against a loopback Price List Bulk API', () => {
  let server: PriceListServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refreshes the prices the offer files give, dates them, keeps the others with their old date', async () => {
    server = await startPriceListServer({ offers });
    const dir = mkdtempSync(join(tmpdir(), 'archmap-pricing-'));
    const r = await archmap(
      ['pricing', 'update', '-o', 'prices.json', '--endpoint', server.url, ...ARGS],
      dir,
    );
    expect(r.stderr).not.toMatch(/Error|at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote prices\.json: \d+ prices refreshed from 6 offer files \(\d+ changed\), \d+ kept/,
    );
    expect(server.served).toContain('/offers/v1.0/aws/index.json');
    expect(server.served).toContain('/offers/v1.0/aws/AmazonEC2/current/region_index.json');
    expect(server.served).toContain('/offers/v1.0/aws/AmazonEC2/20261120195510/eu-west-1/index.json');
    const s = parsePriceSnapshot(readFileSync(join(dir, 'prices.json'), 'utf8'), 'prices.json');
    expect(s.prices['nat.hour']!.usd['eu-west-1']).toBe(0.049);
    expect(s.prices['nat.gb']!.usd['us-east-1']).toBe(0.046);
    expect(s.prices['ec2.instance.t3.micro']!.usd['us-east-1']).toBe(0.0105); // Linux, not Windows
    expect(s.prices['rds.instance.postgres.db.t4g.medium']!.usd['us-east-1']).toBe(0.066); // Single-AZ
    expect(s.prices['lambda.request']!.usd['eu-west-1']).toBe(0.00000021);
    const today = new Date().toISOString().slice(0, 10);
    expect(s.sources.vpc!.retrieved).toBe(today);
    expect(s.sources.vpc!.published).toBe('2026-11-20T19:55:10Z');
    // Not served: kept as they were, and the snapshot's date says the oldest price is from the shipped snapshot.
    const shipped = shippedPrices();
    expect(s.prices['sqs.standard']).toEqual(shipped.prices['sqs.standard']);
    expect(s.prices['ec2.instance.m5.large']!.retrieved).toBe(shipped.sources.ec2!.retrieved);
    expect(s.date).toBe(shipped.date);
    // The cost model reads it.
    const cost = await archmap(
      ['cost', join(repoRoot, 'fixtures/graphs/shop.json'), '--prices', 'prices.json'],
      dir,
    );
    expect(cost.code).toBe(0);
    expect(cost.stdout).toContain('hours: 730 hour × $0.049 = $35.77');
  });

  it('leaves the old snapshot byte for byte when an offer file is malformed or of the wrong shape (exit 3)', async () => {
    for (const broken of ['truncated', 'wrong-shape'] as const) {
      server = await startPriceListServer({ offers, broken: { 'AmazonRDS/eu-west-1': broken } });
      const dir = mkdtempSync(join(tmpdir(), 'archmap-pricing-'));
      const old = `${JSON.stringify(shippedPrices(), null, 1)}\n`;
      writeFileSync(join(dir, 'prices.json'), old);
      const r = await archmap(
        ['pricing', 'update', '-o', 'prices.json', '--endpoint', server.url, ...ARGS],
        dir,
      );
      expect(r.code, broken).toBe(3);
      expect(r.stderr).toMatch(/AmazonRDS\/20261120195510\/eu-west-1\/index\.json: not (JSON|an offer file)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(join(dir, 'prices.json'), 'utf8')).toBe(old);
      await server.close();
      server = undefined;
    }
  });
});
