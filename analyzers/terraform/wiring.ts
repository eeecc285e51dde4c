// Connection kinds for references that carry no catalog rule of their own: a module input, an environment
// variable or an IAM statement naming another component. The kind follows the target's kind and the name used.
import { isObject, Unknown, type Value } from './values.js';

/** Prefix of a ref that names a node of another root by its full id (a Terragrunt dependency's output). */
export const CROSS_ROOT = '\u0001';

// The connection rules themselves are shared with the other analyzers, so the same variable gives the same edge.
export {
  connectionForAccess,
  type Inferred,
  inferConnection,
  kindFromName,
} from '../shared/connections.js';

/**
 * Values at a dotted input path; `*` goes over every element of a map or list. Unknown values with a structure
 * inside (jsonencode) are looked through; an Unknown leaf is returned as it is (its refs still count).
 */
export function valuesAtPath(v: Value | undefined, path: readonly string[]): Value[] {
  if (v === undefined) return [];
  if (path.length === 0) return [v];
  if (v instanceof Unknown) return v.inner !== undefined ? valuesAtPath(v.inner, path) : [v];
  const [step, ...rest] = path;
  if (step === '*') {
    if (Array.isArray(v)) return v.flatMap((x) => valuesAtPath(x, rest));
    if (isObject(v)) return Object.values(v).flatMap((x) => valuesAtPath(x, rest));
    return [];
  }
  if (Array.isArray(v)) return v.flatMap((x) => valuesAtPath(x, path));
  if (isObject(v)) return valuesAtPath(v[step!], rest);
  return [];
}

/** Inputs of an unknown module that hold environment variables (name → value), read entry by entry. */
export const ENV_INPUT =
  /^(env|envs|env_vars|environment|environment_variables|variables|lambda_environment|app_env|container_env)$/;
