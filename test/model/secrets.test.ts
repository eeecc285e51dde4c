import { describe, expect, it } from 'vitest';
import {
  holdsSecret,
  looksLikeSecretName,
  looksLikeSecretValue,
  scrubPartial,
  scrubText,
  scrubValue,
} from '../../src/model/secrets.js';

/** Canaries of every shape the scrubber must catch, with the secret part that must disappear. */
export const CANARIES: Array<{ shape: string; value: string; secret: string }> = [
  {
    shape: 'stripe live key',
    value: 'sk_live_51HqLyjWDarjtT1zdp7dc9xYzQ',
    secret: '51HqLyjWDarjtT1zdp7dc9xYzQ',
  },
  {
    shape: 'stripe restricted key',
    value: 'rk_live_4eC39HqLyjWDarjtT1zdp7dc',
    secret: '4eC39HqLyjWDarjtT1zdp7dc',
  },
  {
    shape: 'postgres url',
    value: 'postgres://app:Sup3rS3cretPw@db.example.com:5432/app',
    secret: 'Sup3rS3cretPw',
  },
  { shape: 'url userinfo', value: 'https://deploy:hunter2pass@hooks.example.com/x', secret: 'hunter2pass' },
  { shape: 'redis url without user', value: 'redis://:c4cheP4ss@cache:6379/0', secret: 'c4cheP4ss' },
  {
    shape: 'jwt',
    value:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    secret: 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  },
  { shape: 'bearer header', value: 'Bearer 9f8e7d6c5b4aAbCdEfGh1234', secret: '9f8e7d6c5b4aAbCdEfGh1234' },
  {
    shape: 'aws secret access key',
    value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  { shape: 'aws access key id', value: 'AKIAIOSFODNN7EXAMPLE', secret: 'AKIAIOSFODNN7EXAMPLE' },
  {
    shape: 'pem private key',
    value: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----',
    secret: 'MIIEpAIBAAKCAQEA7x',
  },
  {
    shape: 'github token',
    value: 'ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA9',
    secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA9',
  },
  { shape: 'slack token', value: 'xoxb-123456789012-AbCdEfGhIjKl', secret: '123456789012-AbCdEfGhIjKl' },
  {
    shape: 'google api key',
    value: 'AIzaSyB9x8W7v6U5t4S3r2Q1p0OnMlKjIhGfEdC',
    secret: 'SyB9x8W7v6U5t4S3r2Q1p0OnMlKjIhGfEdC',
  },
  {
    shape: 'openai key',
    value: 'sk-proj-Q9w8E7r6T5y4U3i2O1p0AsDfGhJkL',
    secret: 'Q9w8E7r6T5y4U3i2O1p0AsDfGhJkL',
  },
  { shape: 'ado.net password', value: 'Server=db;User Id=sa;Password=Hunter2!x;', secret: 'Hunter2!x' },
  { shape: 'libpq password', value: 'host=db user=app password=pgP4ssw0rd dbname=x', secret: 'pgP4ssw0rd' },
  {
    shape: 'api key in a query',
    value: 'https://api.example.com/v1?api_key=abc123def456&x=1',
    secret: 'abc123def456',
  },
  {
    shape: 'high-entropy token',
    value: 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O',
    secret: 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O',
  },
];

const KEEP = [
  'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
  'arn:aws:iam::123456789012:role/service-role/MyLambdaRoleAbCdEf123456789012345',
  'arn:aws:s3:::my-bucket/Path/To/Object123/file.json',
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  '3f2b8c1e-4d5a-4f6b-9c7d-8e9f0a1b2c3d',
  'MyStack-OrdersHandler4F2A9B1C-AbCdEfGhIjKl',
  'ThisIsAVeryLongCamelCaseIdentifierName2024Version',
  'us-east-1_AbCdEf123',
  'subnet-0a1b2c3d4e5f67890',
  'https://example.com/path?page=2&sort=asc',
  'postgres://db.example.com:5432/app',
  'https://git@github.com/acme/shop.git',
  'Basic authentication is enabled',
  'modules/Network2/Subnets/private/main.tf',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JS template
  '${aws_db_instance.main.address}',
  'password = var.db_password',
  'The token expires after 3600 seconds',
];

describe('secret scrubber', () => {
  it.each(CANARIES)('removes a $shape and keeps no part of its secret', ({ value, secret }) => {
    const out = scrubText(value);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/<redacted:[a-z-]+>/);
  });

  it.each(KEEP)('keeps %s, which only looks random', (value) => {
    expect(scrubText(value)).toBe(value);
  });

  it('keeps the harmless part of a connection string (its host carries wiring)', () => {
    expect(scrubText('postgres://app:Sup3rS3cretPw@db.example.com:5432/app')).toBe(
      'postgres://app:<redacted:password>@db.example.com:5432/app',
    );
  });

  it('calls a value secret only when the whole of it is a secret', () => {
    expect(looksLikeSecretValue('sk_live_51HqLyjWDarjtT1zdp7dc9xYzQ')).toBe(true);
    expect(looksLikeSecretValue('postgres://app:pw12345@db/app')).toBe(false);
    expect(looksLikeSecretValue('prod')).toBe(false);
  });

  it('knows secret names and the names of references to secrets apart', () => {
    for (const n of [
      'master_password',
      'DB_PWD',
      'DBPW',
      'DB_PASS',
      'api_key',
      'SENTRY_DSN',
      'client_secret',
    ])
      expect([n, holdsSecret(n)]).toEqual([n, true]);
    for (const n of [
      'password_arn',
      'DB_SECRET_ARN',
      'kms_key_id',
      'secret_name',
      'bypass',
      'compass',
      'port',
    ])
      expect([n, holdsSecret(n)]).toEqual([n, false]);
    expect(looksLikeSecretName('password_arn')).toBe(true);
  });

  it('replaces values under secret names and in { name, value } pairs by a marker, keeping the name', () => {
    expect(
      scrubValue({
        DB_PASSWORD: 'plain-words',
        env: [
          { name: 'DB_PASS', value: 'x1' },
          { name: 'STAGE', value: 'prod' },
        ],
        Tags: [{ Key: 'api_token', Value: 'abc' }],
        source_code_hash: 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O',
      }),
    ).toEqual({
      DB_PASSWORD: '<redacted>',
      env: [
        { name: 'DB_PASS', value: '<redacted>' },
        { name: 'STAGE', value: 'prod' },
      ],
      Tags: [{ Key: 'api_token', Value: '<redacted>' }],
      source_code_hash: 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O',
    });
  });

  it('walks hostile nesting without recursion', () => {
    let deep: unknown = 'sk_live_51HqLyjWDarjtT1zdp7dc9xYzQ';
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    let leaf: unknown = scrubValue(deep);
    while (leaf && typeof leaf === 'object') leaf = (leaf as { a: unknown }).a;
    expect(leaf).toBe('<redacted:provider-key>');
  });

  it('scrubs diagnostics that quote source text, and ids consistently with their edges', () => {
    const url = 'https://u:pw0rd12@api.example.com';
    const clean = scrubPartial({
      analyzer: 'x',
      nodes: [
        {
          id: `external:${url}`,
          kind: 'external',
          name: url,
          provider: 'x',
          props: {},
          tags: {},
          sources: [],
        },
      ],
      edges: [{ id: `a->${url}`, from: 'a', to: `external:${url}`, kind: 'calls', sources: [] }],
      diagnostics: [
        { severity: 'warning', code: 'syntax', message: 'syntax error near password = "hunter22"' },
      ],
    });
    expect(JSON.stringify(clean)).not.toMatch(/pw0rd12|hunter22/);
    expect(clean.edges[0]!.to).toBe(clean.nodes[0]!.id);
  });

  it('stays linear on a 10 MB line', () => {
    const line = `${'a'.repeat(5_000_000)} password=${'b'.repeat(5_000_000)}`;
    expect(scrubText(line)).toContain('password=<redacted');
  });
});
