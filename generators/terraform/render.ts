// Renders a scaffold plan as .tf files, one per concern, plus providers, variables, outputs and imports.
import {
  attr,
  type BodyItem,
  blank,
  block,
  call,
  comment,
  type Expr,
  inline,
  list,
  map,
  printBody,
  printHcl,
  ref,
  str,
  variable,
} from '../shared/iac/hcl.js';
import { regionAlias } from '../shared/iac/names.js';
import { CONCERNS, type PlannedResource, type ScaffoldPlan } from '../shared/iac/types.js';

export const AWS_PROVIDER_VERSION = '~> 6.0';
export const TERRAFORM_VERSION = '>= 1.7.0';

export function providerRef(region: string): Expr {
  return { t: 'provider', alias: regionAlias(region) };
}

function metaArguments(r: PlannedResource): BodyItem[] {
  const meta: BodyItem[] = [];
  if (r.count !== undefined) meta.push(attr('count', { t: 'num', v: r.count }));
  if (r.forEach) meta.push(attr('for_each', call('toset', list(r.forEach.map(str)))));
  meta.push(attr('provider', providerRef(r.region)));
  return meta;
}

export function resourceBlock(r: PlannedResource): BodyItem[] {
  const items: BodyItem[] = r.comments.map(comment);
  const body: BodyItem[] = [...metaArguments(r), blank, ...r.body];
  if (r.dependsOn?.length)
    body.push(blank, attr('depends_on', list(r.dependsOn.map((d) => ({ t: 'keyword', v: d }) as Expr))));
  if (!r.known) {
    // A type archmap cannot template is kept, commented out, so nothing in the design is silently dropped.
    const text = printBody([block('resource', body, { labels: [r.type, r.name] })]);
    items.push(...text.split('\n').map((l) => comment(l)));
    return items;
  }
  items.push(block('resource', body, { labels: [r.type, r.name] }));
  return items;
}

function concernFile(plan: ScaffoldPlan, concern: string): string {
  const items: BodyItem[] = [];
  for (const r of plan.resources.filter((x) => x.concern === concern)) items.push(...resourceBlock(r), blank);
  return printHcl(items);
}

function providersFile(plan: ScaffoldPlan): string {
  const items: BodyItem[] = [
    block('terraform', [
      attr('required_version', str(TERRAFORM_VERSION)),
      blank,
      block('required_providers', [
        attr(
          'aws',
          map([
            ['source', str('hashicorp/aws')],
            ['version', str(AWS_PROVIDER_VERSION)],
          ]),
        ),
      ]),
    ]),
    blank,
  ];
  for (const region of plan.regions) {
    items.push(
      comment(region === plan.primaryRegion ? `${region} (primary region)` : region),
      block(
        'provider',
        [
          attr('alias', str(regionAlias(region))),
          attr('region', str(region)),
          blank,
          block('default_tags', [
            attr(
              'tags',
              map([
                ['Project', variable('project')],
                ['ManagedBy', str('terraform')],
              ]),
            ),
          ]),
        ],
        { labels: ['aws'] },
      ),
      blank,
    );
  }
  return printHcl(items);
}

function variablesFile(plan: ScaffoldPlan): string {
  const items: BodyItem[] = [];
  for (const v of plan.variables) {
    items.push(
      block(
        'variable',
        [
          attr('description', str(v.description)),
          attr('type', { t: 'keyword', v: v.type }),
          ...(v.default ? [attr('default', v.default)] : []),
          ...(v.sensitive ? [attr('sensitive', { t: 'bool', v: true })] : []),
        ],
        { labels: [v.name] },
      ),
      blank,
    );
  }
  return printHcl(items);
}

function outputsFile(plan: ScaffoldPlan): string {
  const items: BodyItem[] = [];
  for (const o of plan.outputs) {
    items.push(
      block('output', [attr('description', str(o.description)), attr('value', o.value)], {
        labels: [o.name],
      }),
      blank,
    );
  }
  return printHcl(items);
}

function importsFile(plan: ScaffoldPlan): string {
  const items: BodyItem[] = [];
  for (const r of plan.resources.filter((x) => x.importId !== undefined)) {
    const to =
      r.count !== undefined ? `${r.address}[0]` : r.forEach ? `${r.address}["${r.forEach[0]}"]` : r.address;
    items.push(
      comment(`${r.nodeId} exists in the account but not in Terraform.`),
      block('import', [attr('to', { t: 'keyword', v: to }), attr('id', str(r.importId!))]),
      blank,
    );
  }
  return printHcl(items);
}

/** File name → contents for every non-empty .tf file of the plan. */
export function renderTerraform(plan: ScaffoldPlan): Array<{ path: string; contents: string }> {
  const files = [
    { path: 'providers.tf', contents: providersFile(plan) },
    ...CONCERNS.map((c) => ({ path: `${c}.tf`, contents: concernFile(plan, c) })),
    { path: 'imports.tf', contents: importsFile(plan) },
    { path: 'variables.tf', contents: variablesFile(plan) },
    { path: 'outputs.tf', contents: outputsFile(plan) },
  ];
  return files.filter((f) => f.contents !== '');
}

export { inline, ref };
