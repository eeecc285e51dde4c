// Golden files, one helper for every test that has them (generators, planners, cost). A golden check can fail:
// an empty output, a missing golden, a golden that differs, a golden file no case writes any more (stale) and a
// generator that returns no files all fail. UPDATE_GOLDEN=1 writes them instead; review the diff like code.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';

const updating = () => process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with the golden file at `path`, or writes it when UPDATE_GOLDEN=1.
 * @example
 * expectGolden(join(goldenDir, 'shop.d2'), text);
 */
export function expectGolden(path: string, actual: string): void {
  expect(actual.trim(), `${path}: the output is empty`).not.toBe('');
  if (updating()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string | undefined;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    expected = undefined;
  }
  expect(
    expected,
    `golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run <this test>`,
  ).toBeTypeOf('string');
  expect(actual).toBe(expected);
}

/** Every file under `dir`, relative to it, sorted (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/**
 * The golden folder holds exactly the files its cases write: `names` comes from the case list the test loops over
 * (fixtures × scenarios, plus the named extra cases), never from the generator. A golden file left behind by a
 * removed or renamed case fails here. With UPDATE_GOLDEN=1, stale files are deleted instead.
 * @example
 * expectGoldenFolder(goldenDir, [...fixtures.map((f) => `${f}.d2`), 'three-tier.diff.d2']);
 */
export function expectGoldenFolder(dir: string, names: string[]): void {
  expect(names.length, `${dir}: no golden cases`).toBeGreaterThan(0);
  const present = filesUnder(dir);
  if (updating()) {
    for (const stale of present.filter((f) => !names.includes(f))) rmSync(join(dir, stale));
    return;
  }
  expect(present, `${dir}: golden files no case writes (stale) or cases without a golden file`).toEqual(
    [...names].sort(),
  );
}

/**
 * A folder of golden folders (one per case, as the scaffold tests keep them) holds exactly the cases of the list:
 * a folder left behind by a removed or renamed case fails. With UPDATE_GOLDEN=1, stale case folders are deleted.
 * @example
 * expectGoldenCases(goldenDir, cases.map((c) => c.name));
 */
export function expectGoldenCases(dir: string, names: string[]): void {
  expect(names.length, `${dir}: no golden cases`).toBeGreaterThan(0);
  let present: string[] = [];
  try {
    present = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    present = [];
  }
  if (updating()) {
    for (const stale of present.filter((f) => !names.includes(f)))
      rmSync(join(dir, stale), { recursive: true });
    return;
  }
  expect(present, `${dir}: golden case folders no case writes (stale) or cases without one`).toEqual(
    [...names].sort(),
  );
}

/**
 * Compares a generator's whole output with a golden folder: no files, an empty file, a missing golden or a
 * stale one (a golden file the generator no longer writes) fails. UPDATE_GOLDEN=1 rewrites the folder.
 * @example
 * await expectGoldenFiles(join(goldenDir, 'shop-scale'), files);
 */
export async function expectGoldenFiles(
  dir: string,
  files: Array<{ path: string; contents: string | Uint8Array }>,
  goldenName: (path: string) => string = (path) => path,
): Promise<void> {
  expect(files.length, `${dir}: the generator returned no files`).toBeGreaterThan(0);
  if (updating()) rmSync(dir, { recursive: true, force: true });
  else {
    expect(
      files.map((f) => goldenName(f.path)).sort(),
      `${dir}: generated files differ from the golden files (run UPDATE_GOLDEN=1 and review the diff)`,
    ).toEqual(filesUnder(dir));
  }
  for (const f of files) expectGolden(join(dir, goldenName(f.path)), String(f.contents));
}
