// Terraform generator: HCL stubs for a (revised) design, one file per concern, fmt-identical, with a README.
import type { ArchGraph } from '../../src/model/graph.js';
import { defineGenerator, type GeneratedFile } from '../../src/model/plugin.js';
import { planScaffold, type ScaffoldOptions } from '../shared/iac/plan.js';
import { scaffoldReadme } from '../shared/iac/readme.js';
import { renderTerraform } from './render.js';

export type TerraformOptions = ScaffoldOptions;

/**
 * Generates the HCL scaffold of a graph.
 * @example
 * const files = await terraformGenerator.generate(graph, { onlyChanges: true });
 */
export async function generateTerraform(
  graph: ArchGraph,
  options: TerraformOptions = {},
): Promise<GeneratedFile[]> {
  const plan = planScaffold(graph, options);
  const files = renderTerraform(plan);
  const readme = scaffoldReadme(graph, plan, {
    format: 'terraform',
    files: files.map((f) => f.path),
    ...(options.onlyChanges ? { onlyChanges: true } : {}),
  });
  return [...files, { path: 'README.md', contents: readme }];
}

export default defineGenerator<TerraformOptions>({
  id: 'terraform',
  description:
    'Terraform HCL stubs of the revised design: per-concern files, provider per region, imports, README',
  generate: generateTerraform,
});

export { planScaffold } from '../shared/iac/plan.js';
export type { ScaffoldPlan } from '../shared/iac/types.js';
