// Reads Terraform state: terraform.tfstate (format v4, and v3 from Terraform ≤ 0.11) and `terraform show -json`.
// Gives nodes with real attribute values, ARNs as aliases and dependencies; secrets are dropped here.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../src/model/schema.js';
import {
  entries,
  items,
  type JsonNode,
  type JsonSource,
  jsonValue,
  keyLine,
  parseJsonSource,
  prop,
  stringOf,
} from './json-source.js';
import { maskFromMirror, maskFromSensitiveAttributes, redact } from './sensitive.js';
import {
  ANALYZER_ID,
  buildStateGraph,
  formatIndexKey,
  providerShortName,
  type ReadResult,
  type ResourceInstance,
} from './state-graph.js';

export type { ReadResult } from './state-graph.js';

/** The tfstate format this reader understands. */
export const STATE_VERSION = 4;
/** Major version of `terraform show -json` output this reader understands. */
export const SHOW_JSON_MAJOR = 1;

/** Provenance path: relative to the scan root, forward slashes. */
export function relativeFile(path: string, root: string): string {
  const abs = isAbsolute(path) ? path : resolve(root, path);
  const rel = relative(root, abs);
  return (rel === '' ? abs : rel).split(sep).join('/');
}

export function failure(diagnostic: Diagnostic): ReadResult {
  return { nodes: [], edges: [], diagnostics: [diagnostic], usable: false };
}

/** Parses the JSON or returns the diagnostic for truncated/invalid input. */
export function parseOrDiagnose(
  text: string,
  file: string,
  what: string,
): { ok: true; source: JsonSource } | { ok: false; result: ReadResult } {
  const parsed = parseJsonSource(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    result: failure({
      severity: 'error',
      code: 'terraform-json',
      analyzer: ANALYZER_ID,
      file,
      line: parsed.line,
      message: `${what} is not readable: ${parsed.message}`,
      hint: parsed.truncated
        ? `the file looks truncated; run \`terraform state pull > ${file.split('/').pop()}\` again`
        : 'Terraform writes this file as JSON; regenerate it with terraform',
    }),
  };
}

interface ModuleContext {
  file: string;
  source: JsonSource;
}

/** show-json module values: `{ address?, resources: [...], child_modules: [...] }`, recursively. */
export function instancesFromModuleValues(
  node: JsonNode | undefined,
  ctx: ModuleContext,
): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const r of items(prop(node, 'resources'))) {
    const inst = instanceFromShowJson(r, ctx);
    if (inst) out.push(inst);
  }
  for (const child of items(prop(node, 'child_modules'))) out.push(...instancesFromModuleValues(child, ctx));
  return out;
}

function instanceFromShowJson(r: JsonNode, ctx: ModuleContext): ResourceInstance | undefined {
  const address = stringOf(prop(r, 'address'));
  const type = stringOf(prop(r, 'type'));
  const name = stringOf(prop(r, 'name'));
  if (!address || !type || !name) return undefined;
  const indexValue = jsonValue(prop(r, 'index'));
  const indexKey = typeof indexValue === 'string' || typeof indexValue === 'number' ? indexValue : undefined;
  const mask = maskFromMirror(jsonValue(prop(r, 'sensitive_values')));
  const values = (redact(jsonValue(prop(r, 'values')) ?? {}, mask) ?? {}) as Record<string, unknown>;
  const deps = jsonValue(prop(r, 'depends_on'));
  return {
    address,
    resourceAddress: indexKey === undefined ? address : address.slice(0, -formatIndexKey(indexKey).length),
    mode: stringOf(prop(r, 'mode')) === 'data' ? 'data' : 'managed',
    type,
    name,
    ...(indexKey === undefined ? {} : { indexKey }),
    provider: providerShortName(stringOf(prop(r, 'provider_name')), type),
    values,
    dependencies: Array.isArray(deps) ? deps.filter((d): d is string => typeof d === 'string') : [],
    file: ctx.file,
    line: ctx.source.lineAt(r.offset),
  };
}

/** One instance record, from what both state formats give. */
function stateInstance(
  base: Pick<ResourceInstance, 'resourceAddress' | 'mode' | 'type' | 'name' | 'provider' | 'values'> & {
    indexKey: string | number | undefined;
  },
  ctx: ModuleContext,
  at: JsonNode,
  deps: unknown,
): ResourceInstance {
  const { indexKey, ...rest } = base;
  return {
    ...rest,
    address:
      indexKey === undefined ? base.resourceAddress : `${base.resourceAddress}${formatIndexKey(indexKey)}`,
    ...(indexKey === undefined ? {} : { indexKey }),
    dependencies: Array.isArray(deps) ? deps.filter((d): d is string => typeof d === 'string') : [],
    file: ctx.file,
    line: ctx.source.lineAt(at.offset),
  };
}

/** tfstate v4 `resources[]`: one entry per resource with its `instances[]`. */
function instancesFromV4(resources: JsonNode | undefined, ctx: ModuleContext): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const r of items(resources)) {
    const type = stringOf(prop(r, 'type'));
    const name = stringOf(prop(r, 'name'));
    if (!type || !name) continue;
    const mode = stringOf(prop(r, 'mode')) === 'data' ? 'data' : 'managed';
    const module = stringOf(prop(r, 'module'));
    const resourceAddress = `${module ? `${module}.` : ''}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    const provider = providerShortName(stringOf(prop(r, 'provider')), type);
    for (const inst of items(prop(r, 'instances'))) {
      const key = jsonValue(prop(inst, 'index_key'));
      const indexKey = typeof key === 'string' || typeof key === 'number' ? key : undefined;
      // Deposed objects are on their way out; the current object is the one to draw.
      if (prop(inst, 'deposed')) continue;
      const mask = maskFromSensitiveAttributes(jsonValue(prop(inst, 'sensitive_attributes')));
      const values = (redact(jsonValue(prop(inst, 'attributes')) ?? {}, mask) ?? {}) as Record<
        string,
        unknown
      >;
      const deps = jsonValue(prop(inst, 'dependencies'));
      out.push(
        stateInstance({ resourceAddress, mode, type, name, indexKey, provider, values }, ctx, inst, deps),
      );
    }
  }
  return out;
}

/**
 * tfstate v3 (Terraform ≤ 0.11) attributes are flat (`ingress.2541437006.security_groups.1234 = "sg-…"`, with
 * `x.#`/`x.%` counts): rebuilt into nested lists and maps. Map keys holding dots are split; good enough here.
 */
function unflattenV3(flat: Record<string, unknown>): Record<string, unknown> {
  const lists = new Set<string>();
  const root: Record<string, unknown> = {};
  for (const k of Object.keys(flat)) if (k.endsWith('.#')) lists.add(k.slice(0, -2));
  for (const [k, raw] of Object.entries(flat).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k.endsWith('.#') || k.endsWith('.%')) continue;
    const parts = k.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!node[part] || typeof node[part] !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    node[last] = /port$/.test(last) && typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  const fix = (v: unknown, path: string): unknown => {
    if (!v || typeof v !== 'object') return v;
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj)) obj[k] = fix(obj[k], path ? `${path}.${k}` : k);
    return lists.has(path) ? Object.values(obj) : obj;
  };
  return fix(root, '') as Record<string, unknown>;
}

/** tfstate v3 `modules[].resources`: `aws_instance.web.0` keys, `primary.attributes`, `depends_on`. */
function instancesFromV3(modules: JsonNode | undefined, ctx: ModuleContext): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const m of items(modules)) {
    const path = jsonValue(prop(m, 'path'));
    const modulePrefix = (Array.isArray(path) ? path.slice(1) : [])
      .filter((p): p is string => typeof p === 'string')
      .map((p) => `module.${p}.`)
      .join('');
    for (const [key, r] of entries(prop(m, 'resources'))) {
      const parts = key.split('.');
      const mode = parts[0] === 'data' ? 'data' : 'managed';
      const [type, name, index] = mode === 'data' ? parts.slice(1) : parts;
      if (!type || !name) continue;
      const indexKey = index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined;
      const resourceAddress = `${modulePrefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
      const primary = prop(r, 'primary');
      const flat = {
        id: jsonValue(prop(primary, 'id')),
        ...(jsonValue(prop(primary, 'attributes')) ?? {}),
      } as Record<string, unknown>;
      const values = (redact(unflattenV3(flat), maskFromSensitiveAttributes(undefined)) ?? {}) as Record<
        string,
        unknown
      >;
      const deps = jsonValue(prop(r, 'depends_on'));
      const provider = providerShortName(stringOf(prop(r, 'provider')), type);
      const dependencies = (Array.isArray(deps) ? deps : [])
        .filter((d): d is string => typeof d === 'string')
        .map((d) => `${modulePrefix}${d.replace(/\.\d+$/, '').replace(/\.\*$/, '')}`);
      out.push(
        stateInstance(
          { resourceAddress, mode, type, name, indexKey, provider, values },
          ctx,
          r,
          dependencies,
        ),
      );
    }
  }
  return out;
}

function versionDiagnostic(file: string, line: number, message: string, hint: string): ReadResult {
  return failure({
    severity: 'error',
    code: 'terraform-state-version',
    analyzer: ANALYZER_ID,
    file,
    line,
    message,
    hint,
  });
}

/** Checks show-json `format_version` ("1.0", "1.2"…): only major 1 is known. */
export function checkFormatVersion(root: JsonNode, ctx: ModuleContext, what: string): ReadResult | undefined {
  const node = prop(root, 'format_version');
  const version = stringOf(node);
  const major = version ? Number(version.split('.')[0]) : Number.NaN;
  if (major === SHOW_JSON_MAJOR) return undefined;
  const tf = stringOf(prop(root, 'terraform_version'));
  return versionDiagnostic(
    ctx.file,
    node ? keyLine(ctx.source, root, 'format_version') : 1,
    `${what} has format_version ${JSON.stringify(version ?? null)}${tf ? ` (terraform ${tf})` : ''}; archmap reads format 1.x`,
    'upgrade archmap, or produce the file with a Terraform release that writes format 1.x',
  );
}

/**
 * Reads a Terraform state file: tfstate v4 or `terraform show -json` output. Never throws on bad input: an
 * unreadable file gives `usable: false` and an error diagnostic with file:line.
 * @example
 * const { nodes, edges } = readState('infra/terraform.tfstate', text, process.cwd());
 */
export function readState(path: string, text: string, root: string): ReadResult {
  const file = relativeFile(path, root);
  const parsed = parseOrDiagnose(text, file, 'Terraform state');
  if (!parsed.ok) return parsed.result;
  const { source } = parsed;
  const doc = source.tree;
  const ctx: ModuleContext = { file, source };
  if (doc.type !== 'object') {
    return versionDiagnostic(file, 1, 'Terraform state must be a JSON object', 'is this a tfstate file?');
  }
  let instances: ResourceInstance[];
  if (prop(doc, 'format_version') || prop(doc, 'values')) {
    const bad = checkFormatVersion(doc, ctx, 'Terraform show -json output');
    if (bad) return bad;
    if (prop(doc, 'resource_changes') || prop(doc, 'planned_values')) {
      return versionDiagnostic(
        file,
        1,
        'this is a plan (terraform show -json plan), not state',
        'pass it with --plan instead of --state',
      );
    }
    instances = instancesFromModuleValues(prop(prop(doc, 'values'), 'root_module'), ctx);
  } else {
    const versionNode = prop(doc, 'version');
    const version = jsonValue(versionNode);
    const tf = stringOf(prop(doc, 'terraform_version'));
    const line = versionNode ? keyLine(source, doc, 'version') : 1;
    if (version === 3) instances = instancesFromV3(prop(doc, 'modules'), ctx);
    else if (version !== STATE_VERSION) {
      const old = typeof version === 'number' && version < STATE_VERSION;
      return versionDiagnostic(
        file,
        line,
        `Terraform state version ${JSON.stringify(version ?? null)}${tf ? ` (terraform ${tf})` : ''} is not supported; archmap reads version ${STATE_VERSION}`,
        old
          ? 'state v3 and older come from Terraform < 0.12; run `terraform init && terraform apply -refresh-only` with Terraform >= 0.12 to upgrade it'
          : 'this state is from a newer Terraform; upgrade archmap, or use `terraform show -json` output',
      );
    } else instances = instancesFromV4(prop(doc, 'resources'), ctx);
  }
  const { nodes, edges } = buildStateGraph(instances);
  const diagnostics: Diagnostic[] = [];
  if (instances.length === 0) {
    diagnostics.push({
      severity: 'info',
      code: 'terraform-state-empty',
      analyzer: ANALYZER_ID,
      file,
      line: 1,
      message: 'Terraform state has no resources',
    });
  }
  return { nodes, edges, diagnostics, usable: true };
}
