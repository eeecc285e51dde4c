// The CloudFormation analyzer: CloudFormation and SAM templates, synthesized cdk.out folders, CDK apps read from
// source and Serverless Framework services, into one PartialGraph through the catalog's CloudFormation types.
// Pipeline: discover → load stacks (nested, parameters) → exports → resolve → nodes → parents → edges.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import type { PartialGraph } from '../../src/model/schema.js';
import { applyConstructIds, loadCdkOut } from './cdk-out.js';
import { findCdkApp, readCdkApp } from './cdk-source.js';
import { discover } from './discover.js';
import { CfnGraphBuilder } from './graph.js';
import { lambdaCode } from './lambda-code.js';
import { Loader, readParameterFile } from './load.js';
import { addImplicitApis, loadLocalDefinitions, samEdges } from './sam.js';
import { loadServerless } from './serverless.js';
import { ANALYZER, Workspace } from './template.js';

export interface CloudFormationOptions {
  /** A directory holding templates, cdk.out, serverless.yml or a CDK app, or one template file. */
  dir: string;
  /** `--parameters` files: `[{ParameterKey, ParameterValue}]`, `{ Parameters: {…} }` or `{ key: value }`. */
  parameterFiles?: string[];
  /** `--parameter Key=Value` values; they win over the files. */
  parameters?: Record<string, string>;
  /**
   * `--synth`: run each CDK app's own `cdk synth` (its installed `node_modules/.bin/cdk`) when it has no cdk.out.
   * Nothing is ever installed; without the dependencies the app is read from source.
   */
  synth?: boolean;
}

export async function analyzeCloudFormation(
  options: CloudFormationOptions,
  ctx: { root: string },
): Promise<PartialGraph> {
  const target = resolve(options.dir);
  if (!existsSync(target))
    throw new UsageError(`${options.dir} does not exist`, { hint: 'pass a directory or a template file' });
  const root = resolve(ctx.root);
  const parameters = new Map<string, unknown>();
  for (const f of options.parameterFiles ?? []) {
    let text: string;
    // Relative to the working directory, else to the scanned directory (as a fixture's expected.json names it).
    const path = existsSync(resolve(f)) ? resolve(f) : resolve(target, f);
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(`parameters file ${f} cannot be read`, {
        file: f,
        hint: 'check the --parameters path',
      });
    }
    try {
      for (const [k, v] of readParameterFile(text)) parameters.set(k, v);
    } catch (error) {
      throw new UsageError(`parameters file ${f} is not JSON: ${(error as Error).message.split('\n')[0]}`, {
        file: f,
        hint: 'use [{"ParameterKey": …, "ParameterValue": …}] or {"Key": "Value"}',
      });
    }
  }
  for (const [k, v] of Object.entries(options.parameters ?? {})) parameters.set(k, v);

  const ws = new Workspace();
  const loader = new Loader(ws, root, parameters);
  const found = /\.(ya?ml|json|template)$/.test(target)
    ? { templates: [target], cdkOut: [], serverless: [], cdkApps: [] }
    : discover(target);
  // Nested templates are loaded through their parents: parse every file first, then load the roots.
  const parsed = new Map(found.templates.map((f) => [f, loader.parseFile(f)] as const));
  const children = new Set<string>();
  for (const [f, p] of parsed) {
    if (!p) continue;
    for (const r of Object.values((p.doc.Resources ?? {}) as Record<string, Record<string, unknown>>)) {
      const props = (r?.Properties ?? {}) as Record<string, unknown>;
      const url = props.TemplateURL ?? props.Location;
      if (typeof url === 'string' && !/^(https?|s3):/.test(url)) children.add(resolve(f, '..', url));
    }
  }
  for (const [f, p] of parsed) if (p && !children.has(f)) loader.loadRoot(f, undefined, undefined, p);
  for (const f of found.serverless) loadServerless(loader, f);
  if (options.synth)
    for (const d of found.cdkApps) {
      const out = synthesize(d, (code, message) =>
        ws.warn(code, message, loader.rel(join(d, 'cdk.json')), undefined),
      );
      if (out && !found.cdkOut.includes(out)) found.cdkOut.push(out);
    }
  for (const d of found.cdkOut) loadCdkOut(loader, d);
  applyConstructIds(ws.stacks);
  ws.registerExports();

  const b = new CfnGraphBuilder(ws, root);
  b.collect();
  loadLocalDefinitions(b);
  b.buildNodes();
  addImplicitApis(b);
  lambdaCode(b);
  for (const d of found.cdkApps) readCdkApp(b, findCdkApp(d));
  b.assignParents();
  b.buildEdges();
  samEdges(b);
  b.finishEdges();
  return {
    analyzer: ANALYZER,
    nodes: [...b.nodes.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    edges: [...b.edges.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    diagnostics: ws.diagnostics,
  };
}

/** Bound on one `cdk synth` run. */
const SYNTH_TIMEOUT_MS = 300_000;

/** Runs the app's own installed CDK CLI into its cdk.out; returns that folder, or undefined with a warning. */
function synthesize(dir: string, warn: (code: string, message: string) => void): string | undefined {
  const out = join(dir, 'cdk.out');
  if (existsSync(join(out, 'manifest.json'))) return out;
  const cli = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'cdk.cmd' : 'cdk');
  if (!existsSync(cli) || !existsSync(join(dir, 'node_modules', 'aws-cdk-lib'))) {
    warn(
      'cdk-synth-skipped',
      '--synth: the app has no installed aws-cdk / aws-cdk-lib; read from source instead',
    );
    return undefined;
  }
  const r = spawnSync(cli, ['synth', '--quiet', '--output', out], {
    cwd: dir,
    timeout: SYNTH_TIMEOUT_MS,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(join(out, 'manifest.json'))) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop();
    warn('cdk-synth-failed', `--synth: cdk synth failed (${why}); read from source instead`);
    return undefined;
  }
  return out;
}

export default defineAnalyzer<CloudFormationOptions>({
  id: ANALYZER,
  description:
    'CloudFormation and SAM templates, cdk.out, CDK apps (from source) and Serverless Framework services',
  async detect(dir) {
    const d = discover(dir);
    return d.templates.length + d.cdkOut.length + d.serverless.length + d.cdkApps.length > 0;
  },
  analyze: (options, ctx) => analyzeCloudFormation(options, ctx),
});
