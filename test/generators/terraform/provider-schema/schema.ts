// The pinned AWS provider schema (derived offline by derive.ts from @cdktf/provider-aws) and its shape.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const SCHEMA_FILE = fileURLToPath(
  new URL('../../../../fixtures/provider-schema/aws.json.gz', import.meta.url),
);

/** One block: arguments (`s` scalar, `l` list/set, `m` map), nested blocks, exported attributes, required ones. */
export interface BlockSchema {
  a: Record<string, 's' | 'l' | 'm'>;
  b: Record<string, BlockSchema>;
  x?: string[];
  r?: string[];
}

export interface ProviderSchema {
  provider_name: string;
  provider_version: string;
  derived_from: string;
  provider: BlockSchema;
  resources: Record<string, BlockSchema>;
  data: Record<string, BlockSchema>;
}

let cached: ProviderSchema | undefined;

export function providerSchema(): ProviderSchema {
  cached ??= JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString('utf8')) as ProviderSchema;
  return cached;
}
