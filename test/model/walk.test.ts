import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, walkFolders } from '../../src/model/walk.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'archmap-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const rel = (root: string, paths: string[]) =>
  paths.map((p) => relative(root, p).split('\\').join('/') || '.');

describe('the one directory walk', () => {
  const root = tree({
    '.gitignore': 'vendor/\ntmp\n*.tfstate\n',
    'main.tf': '',
    'terraform.tfstate': '{}',
    'vendor/lib/x.tf': '',
    'tmp/scratch.tf': '',
    'cdk.out/manifest.json': '{}',
    'node_modules/pkg/index.js': '',
    '.terraform/modules/modules.json': '{}',
    'proposal/.archmap-generated': 'archmap scaffold\n',
    'proposal/main.tf': '',
    'services/api/.gitignore': 'generated/\n',
    'services/api/generated/client.ts': '',
    'services/api/src/index.ts': '',
    'services/web/src/index.ts': '',
    'dist/index.js': '',
  });

  it('skips hidden folders, node_modules, archmap output and folders a .gitignore (at any depth) excludes', () => {
    const { folders, files } = listFiles(root);
    expect(rel(root, folders)).toEqual([
      '.',
      'cdk.out',
      'dist',
      'services',
      'services/api',
      'services/api/src',
      'services/web',
      'services/web/src',
    ]);
    // .gitignore never hides a file: a gitignored state file is local input, which is what a scan reads.
    expect(rel(root, files)).toContain('terraform.tfstate');
    expect(rel(root, files)).not.toContain('vendor/lib/x.tf');
    expect(rel(root, files)).not.toContain('services/api/generated/client.ts');
  });

  it('takes extra folder names to skip, and folder names to enter even when ignored', () => {
    const { folders } = listFiles(root, { skip: new Set(['dist', 'cdk.out', 'web']) });
    expect(rel(root, folders)).toEqual(['.', 'services', 'services/api', 'services/api/src']);
    const withTmp = listFiles(root, { evenIfIgnored: new Set(['tmp']) });
    expect(rel(root, withTmp.files)).toContain('tmp/scratch.tf');
  });

  it('visits the root even when it is archmap output (the user named it), and not the folders a visitor declines', () => {
    const seen: string[] = [];
    walkFolders(join(root, 'proposal'), (dir) => {
      seen.push(dir);
    });
    expect(rel(root, seen)).toEqual(['proposal']);
    const declined: string[] = [];
    walkFolders(root, (dir) => {
      declined.push(dir);
      return !dir.endsWith('services');
    });
    expect(rel(root, declined)).toEqual(['.', 'cdk.out', 'dist', 'services']);
  });

  it('stops after maxDirs folders and says so', () => {
    const result = walkFolders(root, () => undefined, { maxDirs: 3 });
    expect(result).toEqual({ dirs: 3, truncated: true });
    expect(walkFolders(root, () => undefined)).toEqual({ dirs: 8, truncated: false });
  });
});
