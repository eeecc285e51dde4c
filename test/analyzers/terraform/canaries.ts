// Secrets planted in the shop fixture's state and plan (fixtures/projects/shop/state); none may survive reading.
export const CANARIES = [
  'canary-db-password-3f9a',
  'canary-redis-auth-55d0',
  'canary-output-7c21',
  'AKIACANARY7Q3ZT5XW2N',
  'AKIACANARYV4LU3M9PQE',
];
