// Helpers for the HCL analyzer tests: a module written to a temporary directory, evaluated for real.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ModuleInstance, Workspace } from '../../../analyzers/terraform/modules.js';
import { parseHcl } from '../../../analyzers/terraform/parse.js';
import { toPlain, type Value } from '../../../analyzers/terraform/values.js';

export async function writeTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'archmap-tf-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A root module from `main.tf` text (plus other files), with `evaluate(expr)` in its scope. */
export async function moduleOf(mainTf: string, files: Record<string, string> = {}) {
  const dir = await writeTree({ 'main.tf': mainTf, ...files });
  const ws = new Workspace(dir);
  const def = await ws.loadDef(dir);
  const inst = new ModuleInstance(ws, def, '', dir);
  inst.readProviders();
  await inst.expandCalls(undefined, []);
  return {
    dir,
    ws,
    inst,
    async evaluate(expr: string): Promise<{ value: Value; plain: unknown; refs: string[] }> {
      const { body, diagnostics } = await parseHcl(`x = ${expr}\n`, 'expr.tf');
      if (diagnostics.length || !body.attrs[0]) throw new Error(`cannot parse ${expr}`);
      const { value, refs } = ws.tracker.collect(() => inst.evaluator.safe(body.attrs[0]!.expr));
      return { value, plain: toPlain(value), refs: [...refs].sort() };
    },
  };
}
