// What counts as a secret, in one place: analyzers drop these at read time so they never reach archmap.json.

/** Attribute, map-key or env-var names whose values are never kept (case-insensitive, at any depth). */
const SECRET_NAME = /pass(word|wd|phrase)|secret|token|private.?key|access.?key|credential|api.?key/i;

/** Values that are secrets whatever they are called: AWS access key ids and PEM private keys. */
const SECRET_VALUES = [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/];

/**
 * @example
 * looksLikeSecretName('master_password') // true
 */
export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * @example
 * looksLikeSecretValue('AKIAIOSFODNN7EXAMPLE') // true
 */
export function looksLikeSecretValue(value: unknown): boolean {
  return typeof value === 'string' && SECRET_VALUES.some((re) => re.test(value));
}
