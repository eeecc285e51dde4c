// A synthesized cdk.out: manifest.json names the stack templates; each resource's `aws:cdk:path` metadata gives it
// the construct path as its node id (`OrdersApi/CreateOrder`), the same id the CDK source reader gives it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from './load.js';
import { isRecord, type Stack } from './template.js';

/** `Stack/Fn/Resource` → `Stack/Fn`: the construct that owns a resource, as people name it. */
export function constructPath(cdkPath: string): string {
  return cdkPath.replace(/^\//, '').replace(/\/(Resource|Default)$/, '');
}

/** Loads every stack template a cdk.out manifest lists (nested stacks come through their parents). */
export function loadCdkOut(loader: Loader, dir: string): Stack[] {
  const file = join(dir, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    loader.ws.warn(
      'cdk-manifest',
      `cannot read manifest.json: ${(error as Error).message.split('\n')[0]}`,
      loader.rel(file),
      undefined,
    );
    return [];
  }
  const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};
  const out: Stack[] = [];
  for (const [artifactId, a] of Object.entries(artifacts).sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (!isRecord(a) || a.type !== 'aws:cloudformation:stack' || !isRecord(a.properties)) continue;
    const templateFile = a.properties.templateFile;
    if (typeof templateFile !== 'string') continue;
    const name = typeof a.displayName === 'string' ? a.displayName : artifactId;
    const stack = loader.loadRoot(join(dir, templateFile), 'cdk', name);
    if (stack) out.push(stack);
  }
  return out;
}

/** Node ids from construct paths, for every CDK stack (and its nested stacks). */
export function applyConstructIds(stacks: Iterable<Stack>): void {
  for (const stack of stacks) {
    if (stack.flavor !== 'cdk') continue;
    const taken = new Set<string>();
    for (const res of stack.resources.values()) {
      const p = res.metadata['aws:cdk:path'];
      if (typeof p !== 'string') continue;
      let id = constructPath(p);
      if (taken.has(id)) id = p.replace(/^\//, '');
      taken.add(id);
      stack.ids.set(res.logicalId, id);
    }
  }
}
