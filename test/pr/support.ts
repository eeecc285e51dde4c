// Golden files of the pull-request tests: fail on missing, empty or different output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

export function expectGolden(name: string, actual: string): void {
  const path = join(dir, name);
  expect(actual.trim(), `${name}: the output is empty`).not.toBe('');
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `golden ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/pr`).toBe(
    true,
  );
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
