// Finds the root modules under a directory: directories with .tf files (or terragrunt.hcl) that no other
// directory uses as a local module source. Hidden folders, node_modules/ and generated output are skipped.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readInputText } from '../../src/model/read-input.js';
import { walkFolders } from '../../src/model/walk.js';

export { GENERATED_MARKER } from '../../src/model/walk.js';

const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;

export interface RootModule {
  dir: string;
  terragrunt: boolean;
}

/** Folders with .tf files or a terragrunt.hcl. Hidden folders (.terraform, .terragrunt-cache) are never roots. */
function walk(dir: string, out: { dir: string; tf: string[]; terragrunt: boolean }[]): void {
  walkFolders(dir, (d, entries) => {
    const tf = entries
      .filter((e) => e.isFile() && (e.name.endsWith('.tf') || e.name.endsWith('.tf.json')))
      .map((e) => join(d, e.name));
    const terragrunt = entries.some((e) => e.isFile() && e.name === 'terragrunt.hcl');
    if (tf.length || terragrunt) out.push({ dir: d, tf, terragrunt });
  });
}

/**
 * The root modules under `dir`. A directory that itself holds .tf files is the one root.
 * @example
 * await findRoots('infra') // [{ dir: '/abs/infra', terragrunt: false }]
 */
export async function findRoots(dir: string): Promise<RootModule[]> {
  const top = resolve(dir);
  // The common case, a root module itself: no need to walk (or read) the tree below it.
  const names = await readdir(top).catch(() => [] as string[]);
  if (names.some((n) => n.endsWith('.tf') || n.endsWith('.tf.json')) && !names.includes('terragrunt.hcl'))
    return [{ dir: top, terragrunt: false }];
  const found: { dir: string; tf: string[]; terragrunt: boolean }[] = [];
  walk(top, found);
  const used = new Set<string>();
  for (const f of found) {
    const files = [...f.tf, ...(f.terragrunt ? [join(f.dir, 'terragrunt.hcl')] : [])];
    for (const file of files) {
      const text = await readInputText(file, 'hcl').catch(() => '');
      for (const m of text.matchAll(LOCAL_SOURCE)) {
        // `../..//modules/x` (Terragrunt, go-getter) names modules/x under ../..
        const [base, ...sub] = m[1]!.split('//');
        used.add(resolve(f.dir, base!, sub.join('/').replace(/\?.*$/, '')));
      }
    }
  }
  return found
    .filter((f) => f.terragrunt || !used.has(f.dir))
    .map((f) => ({ dir: f.dir, terragrunt: f.terragrunt }));
}
