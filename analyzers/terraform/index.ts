// The Terraform analyzer: HCL (with variables, modules, count/for_each), plus state and plan JSON files,
// into one PartialGraph. Pipeline: find roots → parse → evaluate → nodes → parents → edges.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import { InputRefused, readInputText } from '../../src/model/read-input.js';
import type { ArchEdge, ArchNode, PartialGraph } from '../../src/model/schema.js';
import { evaluateResources, GraphBuilder } from './graph.js';
import {
  ANALYZER,
  attr,
  DEFAULT_LIMITS,
  ModuleInstance,
  readModulesJson,
  toPosix,
  Workspace,
} from './modules.js';
import { literalValue, parseHcl } from './parse.js';
import { findRoots } from './roots.js';
import { overlayState, prefixRead, readStateInputs, rootForFile } from './state-input.js';

export interface TerraformOptions {
  /** A root module directory, or a tree holding several roots. */
  dir: string;
  /** Extra .tfvars files, applied after terraform.tfvars and *.auto.tfvars. */
  varFiles?: string[];
  /** `--var name=value` values; they win over every file. */
  vars?: Record<string, string>;
  /** terraform.tfstate / `terraform show -json` files. */
  stateFiles?: string[];
  /** `terraform show -json PLAN` files. */
  planFiles?: string[];
  /** Instances one resource or module call may expand to (default 10,000). */
  maxInstances?: number;
  /** Module instances in one scan (default 5,000). */
  maxModuleInstances?: number;
}

async function listFiles(dir: string, test: (name: string) => boolean): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter(test)
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Loads tfvars into the root instance: terraform.tfvars, *.auto.tfvars, then --var-file, then --var. */
async function loadVars(
  ws: Workspace,
  inst: ModuleInstance,
  dir: string,
  options: TerraformOptions,
): Promise<void> {
  const files = [
    ...(existsSync(join(dir, 'terraform.tfvars')) ? [join(dir, 'terraform.tfvars')] : []),
    ...(await listFiles(dir, (n) => n.endsWith('.auto.tfvars'))),
    ...(options.varFiles ?? []).map((f) => resolve(f)),
  ];
  for (const file of files) {
    let text: string;
    try {
      text = await readInputText(file, 'hcl');
    } catch (error) {
      throw new UsageError(
        `variable file ${ws.rel(file)} ${error instanceof InputRefused ? error.detail : 'cannot be read'}`,
        { file: ws.rel(file), hint: 'check the --var-file path' },
      );
    }
    const rel = ws.rel(file);
    const { body, diagnostics } = await parseHcl(text, rel);
    ws.diagnostics.push(...diagnostics);
    for (const a of body.attrs) inst.rootVars.set(a.name, { expr: a.expr, file: rel });
  }
  for (const [name, text] of Object.entries(options.vars ?? {})) inst.rootVars.set(name, { text });
}

/** terragrunt.hcl: `terraform { source = "../modules/x" }` and `inputs = { … }`. */
async function terragruntRoot(
  ws: Workspace,
  dir: string,
): Promise<{ moduleDir: string; inputs?: ReturnType<typeof attr> }> {
  const file = join(dir, 'terragrunt.hcl');
  const text = await readInputText(file, 'hcl').catch(() => '');
  const { body, diagnostics } = await parseHcl(text, ws.rel(file));
  ws.diagnostics.push(...diagnostics);
  const tf = body.blocks.find((b) => b.type === 'terraform');
  const source = tf ? attr(tf.body, 'source') : undefined;
  const inputs = attr(body, 'inputs');
  let moduleDir = dir;
  const literal = source ? literalValue(source.expr) : undefined;
  if (typeof literal === 'string') {
    const s = literal;
    if (s.startsWith('./') || s.startsWith('../')) {
      const target = resolve(dir, s.split('//')[0]!);
      if (ws.escapes(target))
        ws.warn('module-escape', `terragrunt source ${s} is outside the repository`, { file: ws.rel(file) });
      else moduleDir = target;
    } else if (s.includes('::') || s.includes('://') || s.startsWith('git@'))
      ws.warn('module-unresolved', `terragrunt source ${s} is remote; only local .tf files are read`, {
        file: ws.rel(file),
      });
  }
  return { moduleDir, ...(inputs ? { inputs } : {}) };
}

export async function analyzeTerraform(
  options: TerraformOptions,
  ctx: {
    root: string;
    progress: {
      start(t: string, n?: number): void;
      tick(t: string, by?: number, d?: string): void;
      done(t: string): void;
    };
  },
): Promise<PartialGraph> {
  const dir = resolve(options.dir);
  if (!existsSync(dir))
    throw new UsageError(`${options.dir} does not exist`, { hint: 'pass a Terraform directory' });
  const ws = new Workspace(resolve(ctx.root));
  ws.limits = {
    maxInstances: options.maxInstances ?? DEFAULT_LIMITS.maxInstances,
    maxModuleInstances: options.maxModuleInstances ?? DEFAULT_LIMITS.maxModuleInstances,
  };
  ctx.progress.start('terraform');
  ws.onFile = (rel) => ctx.progress.tick('terraform', 1, rel);
  const roots = await findRoots(dir);
  const multi = roots.length > 1;
  const nodes: ArchNode[] = [];
  const edges: ArchEdge[] = [];
  const rootPrefixes: Array<{ dir: string; prefix: string }> = [];
  for (const root of roots) {
    const relDir = toPosix(relative(dir, root.dir)) || '.';
    const groupId = multi ? `root:${relDir}` : undefined;
    const before = ws.instances.length;
    let moduleDir = root.dir;
    let tgInputs: ReturnType<typeof attr> | undefined;
    if (root.terragrunt) {
      const tg = await terragruntRoot(ws, root.dir);
      moduleDir = tg.moduleDir;
      tgInputs = tg.inputs;
    }
    const def = await ws.loadDef(moduleDir);
    const inst = new ModuleInstance(ws, def, '', moduleDir);
    if (tgInputs?.expr.t === 'object') {
      for (const { key, value } of tgInputs.expr.items)
        if (key.t === 'lit') inst.rootVars.set(String(key.v), { expr: value });
    }
    await loadVars(ws, inst, root.dir, options);
    inst.readProviders();
    await inst.expandCalls(readModulesJson(moduleDir), []);
    const instances = ws.instances.slice(before);
    for (const child of instances.slice(1)) {
      // Children inherit provider regions unless they declare their own.
      child.readProviders();
    }
    const records = evaluateResources(instances, () => {});
    const prefix = multi ? `${relDir}:` : '';
    rootPrefixes.push({ dir: root.dir, prefix });
    const builder = new GraphBuilder(
      records,
      (address) => `${prefix}${address}`,
      groupId,
      (region) => `${prefix}region:${region}`,
    );
    builder.buildNodes();
    builder.addOpaqueModules(instances);
    builder.assignParents();
    builder.buildEdges();
    if (groupId)
      nodes.push({
        id: groupId,
        kind: 'group',
        name: relDir,
        provider: 'terraform',
        props: {},
        tags: {},
        sources: [{ analyzer: ANALYZER, file: ws.rel(root.dir) }],
      });
    nodes.push(...builder.nodes.values());
    edges.push(...builder.edges.values());
  }
  // State and plan: files the user named, plus *.tfstate / *.tfplan.json found under the scanned directory.
  const stateInputs = await readStateInputs(
    {
      stateFiles: (options.stateFiles ?? []).map((f) => resolve(f)),
      planFiles: (options.planFiles ?? []).map((f) => resolve(f)),
      autoDetectIn: dir,
    },
    ws.root,
  );
  ws.diagnostics.push(...stateInputs.diagnostics);
  let graph = { nodes, edges };
  for (const read of stateInputs.reads) {
    graph = overlayState(graph, [prefixRead(read, rootForFile(read.path, rootPrefixes)?.prefix ?? '')]);
  }
  if (roots.length === 0 && stateInputs.reads.length === 0) {
    const unusable = stateInputs.diagnostics.find((d) => d.file && d.severity !== 'info');
    throw new UsageError(
      unusable
        ? `${unusable.file}:${unusable.line ?? 1}: ${unusable.message}`
        : `no .tf, *.tfstate or *.tfplan.json files in ${options.dir}`,
      {
        ...(unusable?.file ? { file: unusable.file, line: unusable.line ?? 1 } : {}),
        hint: unusable?.hint ?? 'point archmap at a Terraform root module (a directory with .tf files)',
      },
    );
  }
  if (roots.length === 0)
    ws.warn('no-terraform', `no .tf files under ${ws.rel(dir)}; read state/plan only`, {});
  ctx.progress.done('terraform');
  return { analyzer: ANALYZER, nodes: graph.nodes, edges: graph.edges, diagnostics: ws.diagnostics };
}

export default defineAnalyzer<TerraformOptions>({
  id: 'terraform',
  description: 'Terraform HCL (variables, modules, count/for_each), state and plan JSON',
  async detect(dir) {
    return (await findRoots(dir)).length > 0;
  },
  analyze: analyzeTerraform,
});
