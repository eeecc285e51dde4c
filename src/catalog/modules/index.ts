// Registry module tables, keyed by normalised source: what an undownloaded module call stands for.
import type { RegistryModuleEntry } from '../types.js';
import { awsIaModules } from './aws-ia.js';
import { cloudposseModules } from './cloudposse.js';
import { terraformAwsModules } from './terraform-aws-modules.js';

export const registryModules: readonly RegistryModuleEntry[] = [
  ...terraformAwsModules,
  ...cloudposseModules,
  ...awsIaModules,
];

/**
 * The registry form of a module source: `namespace/name/provider`, plus `//subdir` when there is one. Registry
 * hosts, `tfr://`, `git::`, GitHub URLs of `terraform-<provider>-<name>` repositories, `?ref=`/`?version=` and
 * `.git` are taken off. Anything else is returned trimmed, unchanged.
 * @example
 * normaliseModuleSource('git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v7.2.0')
 * // 'terraform-aws-modules/lambda/aws'
 */
export function normaliseModuleSource(source: string): string {
  let s = source
    .trim()
    .replace(/^git::/, '')
    .replace(/^tfr:\/\/\/?/, '');
  s = s.replace(/\?.*$/, '');
  s = s.replace(/^(https?:\/\/|ssh:\/\/|git@)/, '').replace(/^github\.com[:/]/, 'github.com/');
  s = s.replace(/^(registry\.terraform\.io|registry\.opentofu\.org|app\.terraform\.io)\//, '');
  const [repoPart, ...rest] = s.split('//');
  let repo = (repoPart ?? '').replace(/\.git$/, '').replace(/\/$/, '');
  const gh = /^github\.com\/([^/]+)\/terraform-([a-z0-9]+)-(.+)$/.exec(repo);
  if (gh) repo = `${gh[1]}/${gh[3]}/${gh[2]}`;
  const sub = rest.join('//').replace(/\/$/, '');
  return sub ? `${repo}//${sub}` : repo;
}

const bySource = new Map(registryModules.map((m) => [m.source, m]));

/**
 * @example
 * lookupRegistryModule('terraform-aws-modules/lambda/aws')?.tfType // 'aws_lambda_function'
 * lookupRegistryModule('terraform-aws-modules/ecs/aws//modules/service')?.tfType // 'aws_ecs_service'
 */
export function lookupRegistryModule(source: string): RegistryModuleEntry | undefined {
  return bySource.get(normaliseModuleSource(source));
}
