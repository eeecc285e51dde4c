// Icons for diagrams: a catalog `icon` path (under the aws-icons package) becomes a data URI, so that
// rendering works offline. Nodes without a catalog icon get a default per kind.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NodeKind } from '../model/kinds.js';
import { lookupTerraformType } from './index.js';

/** Default icon per node kind, used when the catalog has none for the node's service. */
export const DEFAULT_KIND_ICONS: Readonly<Partial<Record<NodeKind, string>>> = {
  service: 'architecture-service/AmazonEC2.svg',
  function: 'architecture-service/AWSLambda.svg',
  container: 'architecture-service/AmazonElasticContainerService.svg',
  database: 'architecture-service/AmazonRDS.svg',
  cache: 'architecture-service/AmazonElastiCache.svg',
  queue: 'architecture-service/AmazonSimpleQueueService.svg',
  topic: 'architecture-service/AmazonSimpleNotificationService.svg',
  stream: 'architecture-service/AmazonKinesisDataStreams.svg',
  storage: 'architecture-service/AmazonSimpleStorageService.svg',
  load_balancer: 'architecture-service/ElasticLoadBalancing.svg',
  cdn: 'architecture-service/AmazonCloudFront.svg',
  dns: 'architecture-service/AmazonRoute53.svg',
  api_gateway: 'architecture-service/AmazonAPIGateway.svg',
  search: 'architecture-service/AmazonOpenSearchService.svg',
  external: 'resource/Internet.svg',
  client: 'resource/Users.svg',
  secret: 'architecture-service/AWSSecretsManager.svg',
  identity: 'architecture-service/AWSIdentityandAccessManagement.svg',
  network: 'resource/AmazonVPCRouter.svg',
  module: 'resource/GenericApplication.svg',
  generic: 'resource/GenericApplication.svg',
  account: 'architecture-group/AWSAccount.svg',
  region: 'architecture-group/Region.svg',
  vpc: 'architecture-group/VirtualprivatecloudVPC.svg',
  subnet: 'architecture-group/Privatesubnet.svg',
};

/** Icon for a public subnet; private subnets use the kind default. */
export const PUBLIC_SUBNET_ICON = 'architecture-group/Publicsubnet.svg';

const cache = new Map<string, string | undefined>();
let iconRoot: string | undefined;

function iconsDir(): string {
  if (!iconRoot) {
    const require = createRequire(import.meta.url);
    iconRoot = join(dirname(require.resolve('aws-icons/package.json')), 'icons');
  }
  return iconRoot;
}

/**
 * Reads an icon of the `aws-icons` package and returns it as a base64 data URI (cached).
 * Returns undefined for a path that does not exist or leaves the icons folder.
 * @example
 * iconDataUri('architecture-service/AWSLambda.svg') // 'data:image/svg+xml;base64,PHN2Zy…'
 */
export function iconDataUri(iconPath: string): string | undefined {
  if (cache.has(iconPath)) return cache.get(iconPath);
  let uri: string | undefined;
  if (/^[\w-]+\/[\w.-]+\.svg$/.test(iconPath)) {
    try {
      const svg = readFileSync(join(iconsDir(), iconPath));
      uri = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    } catch {
      uri = undefined;
    }
  }
  cache.set(iconPath, uri);
  return uri;
}

/**
 * The icon path for a node: the catalog's icon for its service, else the default for its kind.
 * @example
 * iconPathFor({ kind: 'queue', service: 'aws_sqs_queue' }) // 'architecture-service/AmazonSimpleQueueService.svg'
 */
export function iconPathFor(node: { kind: NodeKind; service?: string | undefined }): string | undefined {
  const fromCatalog = node.service ? lookupTerraformType(node.service)?.icon : undefined;
  if (fromCatalog && iconDataUri(fromCatalog)) return fromCatalog;
  return DEFAULT_KIND_ICONS[node.kind];
}
