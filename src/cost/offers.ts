// Rebuilding the price snapshot from the AWS Price List Bulk API's offer files: which product and price
// dimension of which offer each snapshot price is, and how a fetched offer file updates a snapshot.
// Pure: the CLI fetches the files (index.json → region_index.json → <region>/index.json) and passes them in.
import { z } from 'zod';
import { type PriceSnapshot, PriceSnapshotSchema } from '../catalog/prices.js';

/** The service index (`/offers/v1.0/aws/index.json`). */
export const OfferIndexSchema = z.object({
  publicationDate: z.string().optional(),
  offers: z.record(
    z.string(),
    z.object({
      offerCode: z.string(),
      currentVersionUrl: z.string(),
      currentRegionIndexUrl: z.string().optional(),
    }),
  ),
});

/** An offer's region index (`/offers/v1.0/aws/<offer>/current/region_index.json`). */
export const RegionIndexSchema = z.object({
  publicationDate: z.string().optional(),
  regions: z.record(z.string(), z.object({ regionCode: z.string(), currentVersionUrl: z.string() })),
});

const PriceDimensionSchema = z.object({
  unit: z.string(),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
  description: z.string().optional(),
  pricePerUnit: z.record(z.string(), z.string()),
});

/** A region's offer file: products by SKU with their attributes, and On-Demand terms by SKU. */
export const OfferFileSchema = z.object({
  offerCode: z.string(),
  version: z.string().optional(),
  publicationDate: z.string(),
  products: z.record(
    z.string(),
    z.object({
      sku: z.string(),
      productFamily: z.string().optional(),
      attributes: z.record(z.string(), z.string()),
    }),
  ),
  terms: z.object({
    OnDemand: z
      .record(
        z.string(),
        z.record(z.string(), z.object({ priceDimensions: z.record(z.string(), PriceDimensionSchema) })),
      )
      .default({}),
  }),
});
export type OfferFile = z.infer<typeof OfferFileSchema>;

interface Rule {
  offer: string;
  productFamily?: string;
  /** Attribute values that must match exactly. */
  attributes?: Record<string, string>;
  /** Pattern for the `usagetype` attribute (region prefixes such as `EU-` or `USE1-` vary). */
  usagetype?: RegExp;
  /** Snapshot unit per offer-file unit, e.g. 1,000,000 when the snapshot prices a million requests. */
  multiplier?: number;
}

const ut = (suffix: string) => new RegExp(`(^|-)${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

const FIXED: Record<string, Rule> = {
  'lambda.request': { offer: 'AWSLambda', usagetype: ut('Request') },
  'lambda.duration.x86_64': { offer: 'AWSLambda', usagetype: ut('Lambda-GB-Second') },
  'lambda.duration.arm64': { offer: 'AWSLambda', usagetype: ut('Lambda-GB-Second-ARM') },
  'lambda.provisioned.x86_64': { offer: 'AWSLambda', usagetype: ut('Lambda-Provisioned-Concurrency') },
  'lambda.provisioned_duration.x86_64': { offer: 'AWSLambda', usagetype: ut('Lambda-Provisioned-GB-Second') },
  'fargate.vcpu.x86_64': { offer: 'AmazonECS', usagetype: ut('Fargate-vCPU-Hours:perCPU') },
  'fargate.memory.x86_64': { offer: 'AmazonECS', usagetype: ut('Fargate-GB-Hours') },
  'fargate.vcpu.arm64': { offer: 'AmazonECS', usagetype: ut('Fargate-ARM-vCPU-Hours:perCPU') },
  'fargate.memory.arm64': { offer: 'AmazonECS', usagetype: ut('Fargate-ARM-GB-Hours') },
  'ebs.gp3': { offer: 'AmazonEC2', productFamily: 'Storage', attributes: { volumeApiName: 'gp3' } },
  'ebs.gp2': { offer: 'AmazonEC2', productFamily: 'Storage', attributes: { volumeApiName: 'gp2' } },
  'ebs.gp3_iops': {
    offer: 'AmazonEC2',
    productFamily: 'System Operation',
    attributes: { volumeApiName: 'gp3', group: 'EBS IOPS' },
  },
  'nat.hour': { offer: 'AmazonEC2', productFamily: 'NAT Gateway', usagetype: ut('NatGateway-Hours') },
  'nat.gb': { offer: 'AmazonEC2', productFamily: 'NAT Gateway', usagetype: ut('NatGateway-Bytes') },
  'ec2.public_ipv4': { offer: 'AmazonVPC', usagetype: ut('PublicIPv4:InUseAddress') },
  'alb.hour': {
    offer: 'AWSELB',
    productFamily: 'Load Balancer-Application',
    usagetype: ut('LoadBalancerUsage'),
  },
  'alb.lcu': { offer: 'AWSELB', productFamily: 'Load Balancer-Application', usagetype: ut('LCUUsage') },
  'nlb.hour': { offer: 'AWSELB', productFamily: 'Load Balancer-Network', usagetype: ut('LoadBalancerUsage') },
  'nlb.lcu': { offer: 'AWSELB', productFamily: 'Load Balancer-Network', usagetype: ut('LCUUsage') },
  'aurora.serverless_v2': { offer: 'AmazonRDS', usagetype: ut('Aurora:ServerlessV2Usage') },
  'aurora.storage': { offer: 'AmazonRDS', usagetype: ut('Aurora:StorageUsage') },
  'aurora.io': { offer: 'AmazonRDS', usagetype: ut('Aurora:StorageIOUsage'), multiplier: 1_000_000 },
  'rds.storage.gp3': { offer: 'AmazonRDS', usagetype: ut('RDS:GP3-Storage') },
  'rds.storage.gp2': { offer: 'AmazonRDS', usagetype: ut('RDS:GP2-Storage') },
  'rds.storage.io1': { offer: 'AmazonRDS', usagetype: ut('RDS:PIOPS-Storage') },
  'rds.iops.gp3': { offer: 'AmazonRDS', usagetype: ut('RDS:GP3-PIOPS') },
  'rds.iops.io1': { offer: 'AmazonRDS', usagetype: ut('RDS:PIOPS') },
  'dynamodb.ondemand.write': {
    offer: 'AmazonDynamoDB',
    usagetype: ut('WriteRequestUnits'),
    multiplier: 1_000_000,
  },
  'dynamodb.ondemand.read': {
    offer: 'AmazonDynamoDB',
    usagetype: ut('ReadRequestUnits'),
    multiplier: 1_000_000,
  },
  'dynamodb.ondemand.replicated_write': {
    offer: 'AmazonDynamoDB',
    usagetype: ut('ReplWriteRequestUnits'),
    multiplier: 1_000_000,
  },
  'dynamodb.provisioned.wcu': { offer: 'AmazonDynamoDB', usagetype: ut('WriteCapacityUnit-Hrs') },
  'dynamodb.provisioned.rcu': { offer: 'AmazonDynamoDB', usagetype: ut('ReadCapacityUnit-Hrs') },
  'dynamodb.storage': { offer: 'AmazonDynamoDB', usagetype: ut('TimedStorage-ByteHrs') },
  's3.storage.standard': {
    offer: 'AmazonS3',
    usagetype: ut('TimedStorage-ByteHrs'),
    attributes: { volumeType: 'Standard' },
  },
  's3.put': { offer: 'AmazonS3', usagetype: ut('Requests-Tier1'), multiplier: 1000 },
  's3.get': { offer: 'AmazonS3', usagetype: ut('Requests-Tier2'), multiplier: 1000 },
  'sqs.standard': { offer: 'AWSQueueService', usagetype: ut('Requests-RBP'), multiplier: 1_000_000 },
  'sqs.fifo': { offer: 'AWSQueueService', usagetype: ut('Requests-FIFO-RBP'), multiplier: 1_000_000 },
  'sns.publish': { offer: 'AmazonSNS', usagetype: ut('Requests-Tier1'), multiplier: 1_000_000 },
  'sns.http': { offer: 'AmazonSNS', usagetype: ut('DeliveryAttempts-HTTP'), multiplier: 1_000_000 },
  'eventbridge.event': { offer: 'AWSEvents', usagetype: ut('Event-64K-Chunks'), multiplier: 1_000_000 },
  'kinesis.shard': { offer: 'AmazonKinesis', usagetype: ut('Storage-ShardHour') },
  'kinesis.put': { offer: 'AmazonKinesis', usagetype: ut('PutRequestPayloadUnits'), multiplier: 1_000_000 },
  'apigateway.rest': { offer: 'AmazonApiGateway', usagetype: ut('ApiGatewayRequest'), multiplier: 1_000_000 },
  'apigateway.http': {
    offer: 'AmazonApiGateway',
    usagetype: ut('ApiGatewayHttpRequest'),
    multiplier: 1_000_000,
  },
  'transfer.inter_az': { offer: 'AWSDataTransfer', usagetype: ut('DataTransfer-Regional-Bytes') },
  'transfer.internet': {
    offer: 'AWSDataTransfer',
    usagetype: ut('DataTransfer-Out-Bytes'),
    attributes: { transferType: 'AWS Outbound' },
  },
  'secretsmanager.secret': { offer: 'AWSSecretsManager', usagetype: ut('AWSSecretsManager-Secrets') },
  'secretsmanager.api': {
    offer: 'AWSSecretsManager',
    usagetype: ut('AWSSecretsManager-APIRequest'),
    multiplier: 10_000,
  },
  'logs.ingest': { offer: 'AmazonCloudWatch', usagetype: ut('DataProcessing-Bytes') },
  'logs.storage': { offer: 'AmazonCloudWatch', usagetype: ut('TimedStorage-ByteHrs') },
  'ecr.storage': { offer: 'AmazonECR', usagetype: ut('TimedStorage-ByteHrs') },
};

const ENGINES: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL' };

/**
 * Where a snapshot price lives in the Price List, or undefined for prices the offer files do not give per region
 * (CloudFront and Route 53 are global; inter-region transfer depends on the pair of regions).
 * @example
 * offerRule('ec2.instance.t3.micro')?.offer // 'AmazonEC2'
 */
export function offerRule(key: string): Rule | undefined {
  if (FIXED[key]) return FIXED[key];
  let m = /^ec2\.instance\.(.+)$/.exec(key);
  if (m)
    return {
      offer: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        instanceType: m[1]!,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
      },
    };
  m = /^rds\.instance\.(postgres|mysql)\.(.+)$/.exec(key);
  if (m)
    return {
      offer: 'AmazonRDS',
      productFamily: 'Database Instance',
      attributes: { instanceType: m[2]!, databaseEngine: ENGINES[m[1]!]!, deploymentOption: 'Single-AZ' },
    };
  m = /^aurora\.instance\.(postgres|mysql)\.(.+)$/.exec(key);
  if (m)
    return {
      offer: 'AmazonRDS',
      productFamily: 'Database Instance',
      attributes: { instanceType: m[2]!, databaseEngine: `Aurora ${ENGINES[m[1]!]!}` },
    };
  m = /^elasticache\.node\.(.+)$/.exec(key);
  if (m)
    return {
      offer: 'AmazonElastiCache',
      productFamily: 'Cache Instance',
      attributes: { instanceType: m[1]!, cacheEngine: 'Redis' },
    };
  return undefined;
}

/** The offer codes a snapshot needs, sorted. */
export function offersFor(snapshot: PriceSnapshot): string[] {
  return [
    ...new Set(
      Object.keys(snapshot.prices)
        .map((k) => offerRule(k)?.offer)
        .filter((o): o is string => Boolean(o)),
    ),
  ].sort();
}

/** The first paid tier's USD price of a SKU's On-Demand terms (free tiers start at 0 and are skipped). */
function onDemandPrice(file: OfferFile, sku: string): number | undefined {
  const dims = Object.values(file.terms.OnDemand[sku] ?? {}).flatMap((t) => Object.values(t.priceDimensions));
  const priced = dims
    .map((d) => ({ begin: Number(d.beginRange ?? 0), usd: Number(d.pricePerUnit.USD) }))
    .filter((d) => Number.isFinite(d.usd) && d.usd > 0)
    .sort((a, b) => a.begin - b.begin);
  return priced[0]?.usd;
}

function matches(rule: Rule, product: OfferFile['products'][string], region: string): boolean {
  const a = product.attributes;
  if (a.regionCode !== undefined && a.regionCode !== region) return false;
  if (rule.productFamily && product.productFamily !== rule.productFamily) return false;
  if (rule.usagetype && !rule.usagetype.test(a.usagetype ?? '')) return false;
  for (const [k, v] of Object.entries(rule.attributes ?? {})) if (a[k] !== v) return false;
  return true;
}

/**
 * The snapshot prices one region's offer file gives: key → USD in the snapshot's unit. When several products
 * match (e.g. Multi-AZ variants filtered out by attributes, or storage tiers), the lowest first-tier price wins.
 * @example
 * extractPrices(snapshot, offerFile, 'eu-west-1').get('nat.hour') // 0.048
 */
export function extractPrices(snapshot: PriceSnapshot, file: OfferFile, region: string): Map<string, number> {
  const out = new Map<string, number>();
  const rules = Object.keys(snapshot.prices)
    .map((key) => ({ key, rule: offerRule(key) }))
    .filter((r): r is { key: string; rule: Rule } => r.rule?.offer === file.offerCode);
  for (const product of Object.values(file.products)) {
    for (const { key, rule } of rules) {
      if (!matches(rule, product, region)) continue;
      const usd = onDemandPrice(file, product.sku);
      if (usd === undefined) continue;
      const value = Number((usd * (rule.multiplier ?? 1)).toPrecision(10));
      const prev = out.get(key);
      if (prev === undefined || value < prev) out.set(key, value);
    }
  }
  return out;
}

export interface FetchedOffer {
  offer: string;
  region: string;
  file: OfferFile;
}

export interface SnapshotUpdate {
  snapshot: PriceSnapshot;
  /** Prices replaced with a different value. */
  changed: string[];
  /** `key@region` prices the offer files did not give: kept from the old snapshot with their old date. */
  kept: string[];
}

/**
 * A new snapshot from an old one and the offer files fetched today: every price an offer file gives is replaced,
 * every other one is kept and keeps its old date (`retrieved` on the entry). The result is validated.
 * @example
 * const { snapshot } = updateSnapshot(shippedPrices(), fetched, '2027-01-15');
 */
export function updateSnapshot(old: PriceSnapshot, fetched: FetchedOffer[], today: string): SnapshotUpdate {
  const next: PriceSnapshot = structuredClone(old);
  const changed: string[] = [];
  const kept: string[] = [];
  const found = new Map<string, Map<string, number>>();
  const published = new Map<string, string>();
  for (const f of fetched) {
    found.set(`${f.offer}@${f.region}`, extractPrices(old, f.file, f.region));
    const prev = published.get(f.offer);
    if (!prev || f.file.publicationDate > prev) published.set(f.offer, f.file.publicationDate);
  }
  for (const [key, entry] of Object.entries(next.prices)) {
    const rule = offerRule(key);
    for (const region of Object.keys(entry.usd).sort()) {
      const usd = rule ? found.get(`${rule.offer}@${region}`)?.get(key) : undefined;
      if (usd === undefined) {
        kept.push(`${key}@${region}`);
        continue;
      }
      if (usd !== entry.usd[region]) changed.push(`${key}@${region}`);
      entry.usd[region] = usd;
    }
  }
  // Sources whose offer was fetched are dated today; prices of theirs that were not refreshed keep their date.
  for (const [id, source] of Object.entries(next.sources)) {
    if (!published.has(source.offer)) continue;
    const oldDate = source.retrieved;
    next.sources[id] = { ...source, retrieved: today, published: published.get(source.offer)! };
    for (const [key, entry] of Object.entries(next.prices)) {
      if (entry.src !== id) continue;
      if (Object.keys(entry.usd).some((r) => kept.includes(`${key}@${r}`)))
        next.prices[key] = { ...entry, retrieved: entry.retrieved ?? oldDate };
    }
  }
  next.date =
    [
      ...Object.values(next.sources).map((s) => s.retrieved),
      ...Object.values(next.prices).flatMap((p) => (p.retrieved ? [p.retrieved] : [])),
    ].sort()[0] ?? today;
  return { snapshot: PriceSnapshotSchema.parse(next), changed: changed.sort(), kept: kept.sort() };
}
