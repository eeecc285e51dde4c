// The generated CDKTF apps against the real packages: type-checked with tsc, then synthesized with the cdktf
// library (app.synth() writes cdktf.out/stacks/*/cdk.tf.json), and compared with the HCL scaffold's resources.
// The packages (~440 MB with @cdktf/provider-aws) are installed by .ci/run into a throwaway folder named by
// CDKTF_CHECK_DIR, never into archmap's own devDependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import cdktf from '../../../generators/cdktf/index.js';
import { planScaffold } from '../../../generators/shared/iac/plan.js';
import { liveAwsEstate, scaffoldCases } from '../scaffold-cases.js';

const dir = process.env.CDKTF_CHECK_DIR;
const ready = Boolean(dir && existsSync(join(dir, 'node_modules', '@cdktf', 'provider-aws')));
if (!ready)
  console.warn(
    'CDKTF_CHECK_DIR is not set to a folder with cdktf + @cdktf/provider-aws installed: the cdktf type-check and synth test is SKIPPED (.ci/run runs it)',
  );

interface SynthJson {
  resource?: Record<string, Record<string, unknown>>;
  import?: unknown[];
}

// skipIf alone would still run the async collector below, which needs the folder.
if (!ready)
  describe.skip('generated cdktf apps with the real provider packages', () => it('needs CDKTF_CHECK_DIR'));
else
  describe('generated cdktf apps with the real provider packages', async () => {
    // The live-estate case exercises importFrom(): the synthesized JSON must carry one import per adopted resource.
    const cases = [...(await scaffoldCases()), { name: 'live-aws-estate', graph: liveAwsEstate() }];
    const apps = join(dir!, 'apps');
    rmSync(apps, { recursive: true, force: true });
    for (const c of cases) {
      mkdirSync(join(apps, c.name), { recursive: true });
      for (const f of await cdktf.generate(c.graph, {}))
        if (f.path === 'main.ts') writeFileSync(join(apps, c.name, f.path), f.contents);
    }
    writeFileSync(
      join(apps, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node10',
          strict: true,
          skipLibCheck: true,
          types: ['node'],
          rootDir: '.',
          outDir: '../dist',
        },
        include: ['*/main.ts'],
      }),
    );

    // Regression guard (issue 17): a reference to an attribute the provider does not export (a Lambda's `.name`),
    // a block written as a list (`failover_criteria`) or one id where a list is due (`vpc_security_group_ids`) all
    // fail this type-check.
    it('type-check against cdktf and @cdktf/provider-aws and compile', () => {
      const tsc = spawnSync(join(dir!, 'node_modules', '.bin', 'tsc'), ['-p', join(apps, 'tsconfig.json')], {
        encoding: 'utf8',
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    });

    for (const c of cases) {
      it(`${c.name}: synthesizes to Terraform JSON with the same resources and imports as the HCL scaffold`, () => {
        const out = join(dir!, 'synth', c.name);
        rmSync(out, { recursive: true, force: true });
        mkdirSync(out, { recursive: true });
        execFileSync(process.execPath, [join(dir!, 'dist', c.name, 'main.js')], { cwd: out, stdio: 'pipe' });
        const stacks = readdirSync(join(out, 'cdktf.out', 'stacks')).sort();
        const plan = planScaffold(c.graph, {});
        expect(stacks).toEqual(plan.regions.map((r) => `${plan.project}-${r}`).sort());
        const resources: string[] = [];
        let imports = 0;
        for (const s of stacks) {
          const json = JSON.parse(
            readFileSync(join(out, 'cdktf.out', 'stacks', s, 'cdk.tf.json'), 'utf8'),
          ) as SynthJson;
          for (const [type, byName] of Object.entries(json.resource ?? {}))
            for (const name of Object.keys(byName)) resources.push(`${type}.${name}`);
          imports += json.import?.length ?? 0;
        }
        expect(resources.sort()).toEqual(
          plan.resources
            .filter((r) => r.known)
            .map((r) => r.address)
            .sort(),
        );
        expect(imports).toBe(plan.resources.filter((r) => r.importId !== undefined).length);
      });
    }
  });
