// What `archmap scan DIR` should run: finds Terraform (HCL or state), CloudFormation-family inputs, TypeScript
// packages and compose files under a directory, and turns declared Lambda functions into handler hints for the code
// analyzer.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PartialGraph } from '../model/schema.js';
import { walkFolders } from '../model/walk.js';

/** Build output is never a source; cdk.out is noted but its templates are the CloudFormation analyzer's to read. */
const SKIP = new Set(['dist', 'build', 'cdk.out', 'coverage']);

export interface DetectedSources {
  /** `.tf`, `.tfstate` or plan JSON files exist under the directory. */
  terraform: boolean;
  /** `package.json`, `tsconfig.json`, or a compose file exists under the directory. */
  code: boolean;
  /** CloudFormation/SAM templates, cdk.out, serverless.yml/.ts or cdk.json exist under the directory. */
  cloudformation: boolean;
  /** What was found, relative to the directory, for the scan summary. */
  found: { terraform: string[]; code: string[]; cloudformation: string[] };
}

/**
 * Looks for inputs under `dir` (bounded walk, dependencies and build output skipped).
 * @example
 * detectSources('fixtures/projects/shop') // { terraform: true, code: true, … }
 */
export function detectSources(dir: string): DetectedSources {
  const found = { terraform: new Set<string>(), code: new Set<string>(), cloudformation: new Set<string>() };
  const root = resolve(dir);
  walkFolders(
    root,
    (d, entries) => {
      const rel =
        d === root
          ? '.'
          : d
              .slice(root.length + 1)
              .split('\\')
              .join('/');
      for (const e of entries) {
        if (e.isDirectory()) {
          if (e.name === 'cdk.out') found.cloudformation.add(rel === '.' ? 'cdk.out' : `${rel}/cdk.out`);
          continue;
        }
        if (/^(serverless\.(ya?ml|ts)|cdk\.json)$/.test(e.name)) found.cloudformation.add(rel);
        else if (
          /\.(ya?ml|json|template)$/.test(e.name) &&
          !/^(package(-lock)?|tsconfig.*)\.json$/.test(e.name)
        ) {
          if (looksLikeTemplateFile(join(d, e.name))) found.cloudformation.add(rel);
        }
        if (/\.tf$|\.tfstate$|\.tfplan\.json$/.test(e.name)) found.terraform.add(rel);
        if (
          /^(package\.json|tsconfig\.json|(docker-)?compose(\.[\w-]+)?\.ya?ml|serverless\.(ya?ml|ts))$/.test(
            e.name,
          )
        ) {
          found.code.add(rel);
        }
      }
    },
    { skip: SKIP },
  );
  return {
    terraform: found.terraform.size > 0,
    code: found.code.size > 0,
    cloudformation: found.cloudformation.size > 0,
    found: {
      terraform: [...found.terraform].sort(),
      code: [...found.code].sort(),
      cloudformation: [...found.cloudformation].sort(),
    },
  };
}

/** The first 8 KB of a YAML/JSON file say whether it is a CloudFormation template. */
function looksLikeTemplateFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(8192);
    const text = buf.subarray(0, readSync(fd, buf, 0, 8192, 0)).toString('utf8');
    if (/AWSTemplateFormatVersion|AWS::Serverless-2016-10-31/.test(text)) return true;
    return /(^|\n)\s*"?Resources"?\s*:/.test(text) && /"?Type"?\s*:\s*["']?(AWS|Custom)::/.test(text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface HandlerHint {
  id: string;
  handler?: string;
  paths: string[];
}

/**
 * Lambda functions in a Terraform partial, as hints for the code analyzer: their handler and the paths named by
 * `filename` / `source_dir` (resolved against the .tf file that declares them).
 * @example
 * const hints = lambdaHandlerHints(terraformPartial, '/repo');
 */
export function lambdaHandlerHints(partial: PartialGraph, root: string): HandlerHint[] {
  const out: HandlerHint[] = [];
  for (const n of partial.nodes) {
    if (n.service !== 'aws_lambda_function') continue;
    // Terraform paths are relative to the .tf file; the CloudFormation analyzer's are relative to the root.
    const file = n.sources.find((s) => s.file?.endsWith('.tf'))?.file;
    const base = file ? dirname(resolve(root, file)) : resolve(root);
    // In a child module, `path.root`-relative paths are relative to a folder above the module's: the first that
    // holds the path wins.
    const bases: string[] = [];
    for (let b = base; b.startsWith(resolve(root)); b = dirname(b)) {
      bases.push(b);
      if (b === dirname(b)) break;
    }
    const paths: string[] = [];
    for (const key of ['filename', 'source_dir', 'source_file', 'source_path']) {
      const v = n.props[key];
      if (typeof v !== 'string' || v.includes('${') || v.startsWith('s3://')) continue;
      const hit = bases.map((b) => resolve(b, v)).find((p) => existsSync(p) || existsSync(dirname(p)));
      paths.push(hit ?? resolve(base, v));
    }
    if (paths.length === 0) continue;
    out.push({
      id: n.id,
      ...(typeof n.props.handler === 'string' ? { handler: n.props.handler } : {}),
      paths,
    });
  }
  return out;
}

/**
 * The per-environment .tfvars files a scan should load: the ones given, else those of `--env NAME` (a file named
 * `NAME.tfvars`/`NAME.tfvars.json` or any .tfvars in a folder named NAME), else the only environment file the
 * repository has. Several environments and no choice: none (names are then bound by their shape, `${var.stage}`).
 * `terraform.tfvars` and `*.auto.tfvars` are loaded by the Terraform analyzer itself.
 * @example
 * environmentFiles('/repo', { env: 'staging' }) // ['/repo/infra/environments/staging.tfvars']
 */
export function environmentFiles(
  dir: string,
  options: { env?: string; varFiles?: string[] } = {},
): { files: string[]; candidates: string[] } {
  const root = resolve(dir);
  const candidates: string[] = [];
  walkFolders(
    root,
    (d, entries) => {
      // terraform.tfvars beside .tf files is that root's own (always loaded); in a folder of its own it is an environment.
      const isRoot = entries.some((e) => e.isFile() && e.name.endsWith('.tf'));
      for (const e of entries) {
        if (e.isFile() && /\.tfvars(\.json)?$/.test(e.name) && !/\.auto\.tfvars(\.json)?$/.test(e.name)) {
          if (/^terraform\.tfvars(\.json)?$/.test(e.name) && isRoot) continue;
          candidates.push(join(d, e.name));
        }
      }
    },
    { skip: SKIP },
  );
  candidates.sort();
  if (options.varFiles?.length) return { files: options.varFiles.map((f) => resolve(f)), candidates };
  if (options.env) {
    const env = options.env;
    const files = candidates.filter(
      (f) => basename(f).replace(/\.tfvars(\.json)?$/, '') === env || basename(dirname(f)) === env,
    );
    return { files, candidates };
  }
  return { files: candidates.length === 1 ? candidates : [], candidates };
}
