// Finds the inputs under a directory: CloudFormation/SAM templates (YAML or JSON), synthesized `cdk.out` folders,
// Serverless Framework files and CDK apps (cdk.json). A bounded walk that skips dependencies and build output.
import { closeSync, type Dirent, openSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { walkFolders } from '../../src/model/walk.js';

const SKIP_DIRS = new Set(['coverage', 'dist', 'build']);
/** Synthesised CDK output is gitignored by convention, and is exactly what the analyzer reads. */
const CDK_OUT = new Set(['cdk.out']);
/** Bounds on the walk: directories visited and candidate files kept. */
const MAX_DIRS = 20_000;
const MAX_FILES = 2_000;
/** Templates larger than this are refused with a warning (CloudFormation's own limit is 1 MB). */
export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

export interface Discovered {
  templates: string[];
  cdkOut: string[];
  serverless: string[];
  cdkApps: string[];
}

function head(file: string, bytes = 8192): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A YAML/JSON file is a template when it says so or declares AWS resources. */
export function looksLikeTemplate(text: string): boolean {
  if (/AWSTemplateFormatVersion/.test(text)) return true;
  if (/AWS::Serverless-2016-10-31/.test(text)) return true;
  return /(^|\n)\s*"?Resources"?\s*:/.test(text) && /"?Type"?\s*:\s*["']?(AWS|Custom|Alexa)::/.test(text);
}

/**
 * Walks `dir` for CloudFormation-family inputs.
 * @example
 * discover('fixtures/realworld/sam-orders').templates // ['…/template.yaml']
 */
export function discover(dir: string): Discovered {
  const out: Discovered = { templates: [], cdkOut: [], serverless: [], cdkApps: [] };
  let files = 0;
  walkFolders(dir, visit, { skip: SKIP_DIRS, evenIfIgnored: CDK_OUT, maxDirs: MAX_DIRS });
  for (const list of Object.values(out)) list.sort();
  return out;

  function visit(d: string, entries: Dirent[]): boolean {
    if (files >= MAX_FILES) return false;
    if (
      entries.some((e) => e.isFile() && e.name === 'manifest.json') &&
      entries.some((e) => e.name.endsWith('.template.json'))
    ) {
      out.cdkOut.push(d);
      return false;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (!e.isFile()) continue;
      if (/^serverless\.(ya?ml|ts)$/.test(e.name)) {
        out.serverless.push(p);
        files++;
        continue;
      }
      if (e.name === 'cdk.json') {
        out.cdkApps.push(d);
        continue;
      }
      if (
        !/\.(ya?ml|json|template)$/.test(e.name) ||
        /^(package(-lock)?|tsconfig.*|samconfig|manifest|tree|cdk\.context)\.json$/.test(e.name)
      )
        continue;
      if (/^(docker-)?compose/.test(e.name) || /^\.?(github|gitlab|buildspec)/.test(e.name)) continue;
      try {
        if (statSync(p).size > MAX_TEMPLATE_BYTES * 4) continue;
      } catch {
        continue;
      }
      if (looksLikeTemplate(head(p))) {
        out.templates.push(p);
        files++;
      }
    }
    return true;
  }
}

/** Generic file stems that say nothing about the stack: their directory names it instead. */
const GENERIC_STEMS =
  /^(template|templates|cloudformation|cfn|main|stack|infra|infrastructure|packaged|root|index)$/i;

/** A stack name for a template: samconfig's stack_name, else the file's stem, else its directory's name. */
export function stackNameFor(file: string, samconfigName: string | undefined): string {
  if (samconfigName) return samconfigName;
  const stem = basename(file).replace(/\.(template\.)?(ya?ml|json|template)$/i, '');
  if (!GENERIC_STEMS.test(stem)) return stem;
  return basename(join(file, '..'));
}
