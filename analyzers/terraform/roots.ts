// Finds the root modules under a directory: directories with .tf files (or terragrunt.hcl) that no other
// directory uses as a local module source. Hidden folders, node_modules/ and generated output are skipped.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readInputText } from '../../src/model/read-input.js';

const SKIP = new Set(['node_modules']);
/** A folder archmap generated (`archmap scaffold -o DIR`) is output, never input. */
export const GENERATED_MARKER = '.archmap-generated';
const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;

export interface RootModule {
  dir: string;
  terragrunt: boolean;
}

async function walk(dir: string, out: { dir: string; tf: string[]; terragrunt: boolean }[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const tf = entries
    .filter((e) => e.isFile() && (e.name.endsWith('.tf') || e.name.endsWith('.tf.json')))
    .map((e) => join(dir, e.name));
  if (entries.some((e) => e.isFile() && e.name === GENERATED_MARKER)) return;
  const terragrunt = entries.some((e) => e.isFile() && e.name === 'terragrunt.hcl');
  if (tf.length || terragrunt) out.push({ dir, tf, terragrunt });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // Hidden folders (.terraform, .git, .terragrunt-cache, an old `.old_env`) are never roots.
    if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), out);
  }
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
  await walk(top, found);
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
