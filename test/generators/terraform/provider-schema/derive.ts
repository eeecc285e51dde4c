// Derives the compact AWS provider schema that scaffold tests validate against, from the generated CDKTF
// bindings (@cdktf/provider-aws), which carry every resource's arguments, blocks and exported attributes.
// Run: npx tsx test/generators/terraform/provider-schema/derive.ts <folder with node_modules/@cdktf/provider-aws>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BlockSchema, ProviderSchema } from './schema.js';
import { SCHEMA_FILE } from './schema.js';

/** `name: { value: …, isBlock: …, type: "…", storageClassType: "…" }` entries of one `const attrs = {…}`. */
const FIELD =
  /^ {8,}(\w+): \{\n\s+value: (.*),\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",\n\s+\}/gm;

interface RawField {
  name: string;
  value: string;
  isBlock: boolean;
  type: string;
  storage: string;
}

function fieldsOf(text: string): RawField[] {
  return [...text.matchAll(FIELD)].map((m) => ({
    name: m[1]!,
    value: m[2]!,
    isBlock: m[3] === 'true',
    type: m[4]!,
    storage: m[5]!,
  }));
}

/** The text between `marker` and the `};` closing its `const attrs = {`. */
function attrsAfter(text: string, marker: number): string {
  const start = text.indexOf('const attrs = {', marker);
  const end = text.indexOf('\n    };', start);
  return text.slice(start, end);
}

function deriveFile(text: string, dts: string, into: ProviderSchema) {
  const structs = new Map<string, RawField[]>();
  for (const m of text.matchAll(/^function (\w+)ToHclTerraform\(struct\) \{/gm))
    structs.set(m[1]!, fieldsOf(attrsAfter(text, m.index!)));
  const blockOf = (fields: RawField[], depth: number): BlockSchema => {
    const out: BlockSchema = { a: {}, b: {} };
    for (const f of fields) {
      if (f.isBlock) {
        const fn = /(\w+)ToHclTerraform/.exec(f.value.replace(/cdktf\.listMapperHcl\(/, ''))?.[1];
        const nested = fn && depth < 12 ? structs.get(fn) : undefined;
        out.b[f.name] = nested ? blockOf(nested, depth + 1) : { a: {}, b: {} };
      } else out.a[f.name] = f.type === 'simple' ? 's' : f.type === 'map' ? 'm' : 'l';
    }
    return out;
  };
  for (const m of text.matchAll(
    /^class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/gm,
  )) {
    const end = text.indexOf('\nexports.', m.index!);
    const body = text.slice(m.index!, end < 0 ? undefined : end);
    const type = /terraformResourceType: '([\w-]+)'/.exec(body)?.[1];
    const hcl = body.indexOf('synthesizeHclAttributes() {');
    if (!type || hcl < 0) continue;
    const schema = blockOf(fieldsOf(attrsAfter(body, hcl)), 0);
    // Exported attributes: every getter of the class (arguments and computed ones like `arn`).
    const exported = new Set<string>();
    for (const g of body.matchAll(/this\.get\w*Attribute\('(\w+)'\)|new \w+\(this, "(\w+)"/g))
      exported.add((g[1] ?? g[2])!);
    schema.x = [...exported].sort();
    // Required arguments: the config interface's properties without `?` (index.d.ts), camelCase → snake_case
    // through the class's own synthesizeAttributes (`function_name: …(this._functionName)`).
    const snake = new Map<string, string>();
    for (const f of body.matchAll(/^ {12}(\w+): .*this\._(\w+)(?:\.internalValue)?\)/gm))
      snake.set(f[2]!, f[1]!);
    const config = new RegExp(`export interface ${m[1]}Config extends [\\w.]+ \\{([\\s\\S]*?)\\n\\}`).exec(
      dts,
    );
    schema.r = [...(config?.[1] ?? '').matchAll(/^ {4}readonly (\w+): /gm)]
      .map((r) => snake.get(r[1]!) ?? '')
      .filter((r) => r in schema.a || r in schema.b)
      .sort();
    if (m[2] === 'TerraformProvider') into.provider = schema;
    else (m[2] === 'TerraformResource' ? into.resources : into.data)[type] = schema;
  }
}

/** The compact schema of the @cdktf/provider-aws installed under `folder`. */
export function deriveSchema(folder: string): ProviderSchema {
  const root = join(folder, 'node_modules', '@cdktf', 'provider-aws');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    cdktf: { provider: { name: string; version: string } };
  };
  const schema: ProviderSchema = {
    provider_name: pkg.cdktf.provider.name,
    provider_version: pkg.cdktf.provider.version,
    derived_from: `@cdktf/provider-aws@${pkg.version}`,
    provider: { a: {}, b: {} },
    resources: {},
    data: {},
  };
  const lib = join(root, 'lib');
  for (const dir of readdirSync(lib).sort()) {
    let text: string;
    let dts: string;
    try {
      text = readFileSync(join(lib, dir, 'index.js'), 'utf8');
      dts = readFileSync(join(lib, dir, 'index.d.ts'), 'utf8');
    } catch {
      continue;
    }
    deriveFile(text, dts, schema);
  }
  const sorted = (o: Record<string, BlockSchema>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  schema.resources = sorted(schema.resources);
  schema.data = sorted(schema.data);
  return schema;
}

function main() {
  const schema = deriveSchema(process.argv[2] ?? '.');
  writeFileSync(SCHEMA_FILE, gzipSync(`${JSON.stringify(schema)}\n`, { level: 9 }));
  console.log(
    `${schema.derived_from} (${schema.provider_name} ${schema.provider_version}): ${Object.keys(schema.resources).length} resources, ${Object.keys(schema.data).length} data sources → ${SCHEMA_FILE}`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) main();
