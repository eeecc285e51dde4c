// Reads templates into stacks: parse (with file:line errors), stack names, parameter values from --parameters files,
// samconfig.toml and parent stacks, nested stacks from local TemplateURL/Location paths and cdk.out assets.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InputRefused, readInputTextSync } from '../../src/model/read-input.js';
import { MAX_TEMPLATE_BYTES, stackNameFor } from './discover.js';
import { parseTemplateText } from './parse.js';
import { applyGlobals, isSam } from './sam.js';
import { type Flavor, isRecord, Stack, type Workspace } from './template.js';

export interface ParsedFile {
  doc: Record<string, unknown>;
  lines: WeakMap<object, Map<string, number>>;
}

export class Loader {
  /** Absolute paths already loaded (as a root or a child), so a nested template is not a root too. */
  readonly loaded = new Set<string>();

  constructor(
    readonly ws: Workspace,
    readonly root: string,
    /** Parameter values from the command line and --parameters files, for every root stack. */
    readonly parameters: Map<string, unknown>,
  ) {}

  rel(abs: string): string {
    return relative(this.root, abs).split('\\').join('/') || '.';
  }

  /** Parses one file; a bad file gives one warning with file:line and undefined. */
  parseFile(abs: string): ParsedFile | undefined {
    const file = this.rel(abs);
    let text: string;
    try {
      if (statSync(abs).size > MAX_TEMPLATE_BYTES) {
        this.ws.warn(
          'cfn-too-large',
          `template is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB; skipped`,
          file,
          undefined,
        );
        return undefined;
      }
      // Regular files only: a template linked to /dev/zero passes the size check and never ends.
      text = readInputTextSync(abs, 'state');
    } catch (error) {
      this.ws.warn(
        'cfn-unreadable',
        error instanceof InputRefused
          ? error.detail
          : `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        file,
        undefined,
      );
      return undefined;
    }
    if (text.includes('\u0000')) {
      this.ws.warn('cfn-binary', 'binary file, not a template; skipped', file, undefined);
      return undefined;
    }
    const parsed = parseTemplateText(text);
    for (const d of parsed.diagnostics) {
      if (d.code === 'cfn-parse') continue;
      this.ws.warn(d.code, d.message, file, d.line, 'kept as an unknown value; the rest is analysed');
    }
    if (parsed.value === undefined || !isRecord(parsed.value)) {
      const d = parsed.diagnostics.find((x) => x.code === 'cfn-parse');
      this.ws.warn(
        'cfn-parse',
        d ? `syntax error: ${d.message}` : 'not a template (no mapping at the top)',
        file,
        d?.line,
        'fix the template; the other files are still analysed',
      );
      return undefined;
    }
    return { doc: parsed.value, lines: parsed.lines };
  }

  /** Loads a root template (and its nested stacks). */
  loadRoot(abs: string, flavor?: Flavor, name?: string, givenDoc?: ParsedFile): Stack | undefined {
    if (this.loaded.has(abs)) return undefined;
    const parsed = givenDoc ?? this.parseFile(abs);
    if (!parsed) return undefined;
    if (!isRecord(parsed.doc.Resources)) {
      this.ws.warn('cfn-no-resources', 'template has no Resources section', this.rel(abs), undefined);
      return undefined;
    }
    this.loaded.add(abs);
    const sam = samconfig(dirname(abs));
    const params = new Map<string, { raw: unknown }>();
    for (const [k, v] of sam.parameters) params.set(k, { raw: v });
    for (const [k, v] of this.parameters) params.set(k, { raw: v });
    // A CDK-synthesized template outside cdk.out (committed as template.yaml for `sam local`, say) is read as
    // one: its construct paths name the stack and the nodes, so it merges with the CDK source view.
    const cdkStack = flavor ? undefined : cdkStackOf(parsed.doc);
    const stack = new Stack({
      ws: this.ws,
      file: this.rel(abs),
      abs,
      name: this.uniqueName(name ?? cdkStack ?? stackNameFor(abs, sam.stackName)),
      doc: parsed.doc,
      lines: parsed.lines,
      flavor: flavor ?? (cdkStack ? 'cdk' : isSam(parsed.doc) ? 'sam' : 'cloudformation'),
      parameters: params,
    });
    this.register(stack);
    return stack;
  }

  /** A stack from a document built in memory (a Serverless service), named and with node ids given. */
  loadStack(
    abs: string,
    doc: Record<string, unknown>,
    lines: WeakMap<object, Map<string, number>>,
    name: string,
    flavor: Flavor,
    ids: Map<string, string>,
  ): Stack | undefined {
    if (this.loaded.has(abs)) return undefined;
    this.loaded.add(abs);
    const stack = new Stack({
      ws: this.ws,
      file: this.rel(abs),
      abs,
      name: this.uniqueName(name),
      doc,
      lines,
      flavor,
    });
    for (const [k, v] of ids) stack.ids.set(k, v.replace(/^[^/]+/, stack.name));
    this.register(stack);
    return stack;
  }

  private uniqueName(name: string): string {
    const taken = new Set(this.ws.stacks.map((s) => s.name));
    if (!taken.has(name)) return name;
    for (let i = 2; i < 1000; i++) if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
    return `${name}-${taken.size}`;
  }

  register(stack: Stack, depth = 0): void {
    if (stack.flavor === 'sam') applyGlobals(stack);
    this.ws.stacks.push(stack);
    if (depth > 10) return;
    for (const res of stack.resources.values()) {
      if (res.type !== 'AWS::CloudFormation::Stack' && res.type !== 'AWS::Serverless::Application') continue;
      const childAbs = this.childPath(
        stack,
        res.type === 'AWS::CloudFormation::Stack' ? res.properties.TemplateURL : res.properties.Location,
        res.metadata,
      );
      if (!childAbs) continue;
      if (this.loaded.has(childAbs)) continue;
      const parsed = this.parseFile(childAbs);
      if (!parsed || !isRecord(parsed.doc.Resources)) continue;
      this.loaded.add(childAbs);
      const rawParams = res.properties.Parameters;
      const parameters = new Map<string, { raw: unknown; from?: Stack }>();
      if (isRecord(rawParams))
        for (const [k, v] of Object.entries(rawParams)) parameters.set(k, { raw: v, from: stack });
      const child = new Stack({
        ws: this.ws,
        file: this.rel(childAbs),
        abs: childAbs,
        name: `${stack.name}/${res.logicalId}`,
        doc: parsed.doc,
        lines: parsed.lines,
        flavor: stack.flavor === 'cdk' ? 'cdk' : isSam(parsed.doc) ? 'sam' : 'cloudformation',
        parameters,
        parent: stack,
      });
      stack.children.set(res.logicalId, child);
      this.register(child, depth + 1);
    }
  }

  /** A nested template on disk: a relative TemplateURL/Location, or the cdk.out asset of a nested stack. */
  private childPath(stack: Stack, url: unknown, metadata: Record<string, unknown>): string | undefined {
    const asset = metadata['aws:asset:path'];
    if (typeof asset === 'string' && metadata['aws:asset:property'] === 'TemplateURL') {
      const p = join(dirname(stack.abs), asset);
      if (existsSync(p)) return p;
    }
    const loc = isRecord(url) && typeof url.ApplicationId === 'string' ? undefined : url;
    if (typeof loc !== 'string' || /^(https?|s3):/.test(loc)) {
      if (typeof loc === 'string' || isRecord(loc))
        this.ws.warn(
          'cfn-nested-remote',
          'nested stack template is remote; its resources are not read',
          stack.file,
          undefined,
          'keep the local template path (before `cloudformation package`) to follow it',
        );
      return undefined;
    }
    const p = resolve(dirname(stack.abs), loc);
    if (!p.startsWith(this.root)) return undefined;
    return existsSync(p) ? p : undefined;
  }
}

/** samconfig.toml: `stack_name` and `parameter_overrides` of the default environment's deploy section. */
export function samconfig(dir: string): { stackName?: string; parameters: Map<string, string> } {
  const parameters = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(dir, 'samconfig.toml'), 'utf8');
  } catch {
    return { parameters };
  }
  const stackName = /^\s*stack_name\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const overrides = /^\s*parameter_overrides\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(text)?.[1];
  if (overrides) {
    for (const m of overrides.replace(/\\"/g, '"').matchAll(/([A-Za-z0-9]+)=("([^"]*)"|\S+)/g))
      parameters.set(m[1]!, m[3] ?? m[2]!);
  }
  return { ...(stackName ? { stackName } : {}), parameters };
}

/**
 * A `--parameters` file: the CLI's `[{ParameterKey, ParameterValue}]`, CodePipeline's `{ Parameters: {…} }`, or a
 * plain `{ key: value }` map.
 */
export function readParameterFile(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const value: unknown = JSON.parse(text);
  if (Array.isArray(value)) {
    for (const p of value)
      if (isRecord(p) && typeof p.ParameterKey === 'string') out.set(p.ParameterKey, p.ParameterValue);
  } else if (isRecord(value)) {
    const map = isRecord(value.Parameters) ? value.Parameters : value;
    for (const [k, v] of Object.entries(map)) out.set(k, v);
  }
  return out;
}

/** The stack name of a template synthesized by the CDK (from its resources' `aws:cdk:path`), else undefined. */
function cdkStackOf(doc: Record<string, unknown>): string | undefined {
  const resources = isRecord(doc.Resources) ? Object.values(doc.Resources) : [];
  for (const r of resources.slice(0, 50)) {
    const path = isRecord(r) && isRecord(r.Metadata) ? r.Metadata['aws:cdk:path'] : undefined;
    if (typeof path === 'string' && path.includes('/')) return path.replace(/^\//, '').split('/')[0];
  }
  return undefined;
}
