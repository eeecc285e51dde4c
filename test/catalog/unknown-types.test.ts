import { describe, expect, it } from 'vitest';
import { kindForUnknownType } from '../../src/catalog/index.js';

describe('kindForUnknownType', () => {
  it.each([
    ['aws_foo_queue', 'queue'],
    ['aws_newservice_topic', 'topic'],
    ['aws_someservice_delivery_stream', 'stream'],
    ['aws_s3tables_table', 'database'],
    ['aws_newdb_cluster', 'service'],
    ['aws_thing_bucket_policy', 'identity'],
    ['aws_vpclattice_service', 'service'],
    ['aws_something_else_entirely_xyz', 'generic'],
  ] as const)('guesses %s → %s from the type name', (tfType, kind) => {
    expect(kindForUnknownType(tfType)).toBe(kind);
  });

  it('returns the catalog kind for a known type rather than guessing', () => {
    // No name hint matches `aws_db_proxy` (it would be generic); the catalog knows it is a database.
    expect(kindForUnknownType('aws_db_proxy')).toBe('database');
    expect(kindForUnknownType('aws_sqs_queue_policy')).toBe('identity');
  });
});
