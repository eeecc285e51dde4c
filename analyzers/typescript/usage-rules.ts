// Knowledge as data: which SDK commands and client methods mean reads/writes/publishes/consumes/calls, and on what.
import type { EdgeKind, NodeKind } from '../../src/model/kinds.js';

export interface AwsFamily {
  /** Terraform type of the resource the command acts on. */
  tfType: string;
  kind: NodeKind;
  /** v3 client packages (`@aws-sdk/client-sqs`) and v2 class names (`SQS`). */
  packages: string[];
  v2Classes: string[];
  /** Parameter that names the resource, in order of preference (dotted for nested, `[]` for arrays). */
  params: string[];
  ops: Record<string, EdgeKind>;
}

const dynamoReads = [
  'GetItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'TransactGetItems',
  'Get',
  'BatchGet',
  'TransactGet',
];
const dynamoWrites = [
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'Put',
  'Update',
  'Delete',
  'BatchWrite',
  'TransactWrite',
];

const kinds = (reads: string[], kind: EdgeKind): Record<string, EdgeKind> =>
  Object.fromEntries(reads.map((r) => [r, kind]));

export const AWS_FAMILIES: AwsFamily[] = [
  {
    tfType: 'aws_dynamodb_table',
    kind: 'database',
    packages: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    v2Classes: ['DynamoDB', 'DynamoDB.DocumentClient', 'DocumentClient'],
    params: ['TableName', 'RequestItems.*', 'TransactItems[].Put.TableName'],
    ops: { ...kinds(dynamoReads, 'reads'), ...kinds(dynamoWrites, 'writes') },
  },
  {
    tfType: 'aws_s3_bucket',
    kind: 'storage',
    packages: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
    v2Classes: ['S3'],
    params: ['Bucket', 'params.Bucket'],
    ops: {
      ...kinds(['GetObject', 'HeadObject', 'ListObjects', 'ListObjectsV2', 'SelectObjectContent'], 'reads'),
      ...kinds(
        [
          'PutObject',
          'DeleteObject',
          'DeleteObjects',
          'CopyObject',
          'CreateMultipartUpload',
          'UploadPart',
          'CompleteMultipartUpload',
          'Upload',
        ],
        'writes',
      ),
    },
  },
  {
    tfType: 'aws_sqs_queue',
    kind: 'queue',
    packages: ['@aws-sdk/client-sqs'],
    v2Classes: ['SQS'],
    params: ['QueueUrl'],
    ops: {
      ...kinds(['SendMessage', 'SendMessageBatch'], 'publishes'),
      ...kinds(['ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch'], 'consumes'),
    },
  },
  {
    tfType: 'aws_sns_topic',
    kind: 'topic',
    packages: ['@aws-sdk/client-sns'],
    v2Classes: ['SNS'],
    params: ['TopicArn', 'TargetArn'],
    ops: kinds(['Publish', 'PublishBatch'], 'publishes'),
  },
  {
    tfType: 'aws_cloudwatch_event_bus',
    kind: 'topic',
    packages: ['@aws-sdk/client-eventbridge'],
    v2Classes: ['EventBridge'],
    params: ['Entries[].EventBusName'],
    ops: kinds(['PutEvents'], 'publishes'),
  },
  {
    tfType: 'aws_lambda_function',
    kind: 'function',
    packages: ['@aws-sdk/client-lambda'],
    v2Classes: ['Lambda'],
    params: ['FunctionName'],
    ops: kinds(['Invoke', 'InvokeAsync', 'InvokeWithResponseStream'], 'calls'),
  },
  {
    tfType: 'aws_kinesis_stream',
    kind: 'stream',
    packages: ['@aws-sdk/client-kinesis'],
    v2Classes: ['Kinesis'],
    params: ['StreamName', 'StreamARN'],
    ops: { ...kinds(['PutRecord', 'PutRecords'], 'publishes'), ...kinds(['GetRecords'], 'consumes') },
  },
  {
    tfType: 'aws_kinesis_firehose_delivery_stream',
    kind: 'stream',
    packages: ['@aws-sdk/client-firehose'],
    v2Classes: ['Firehose'],
    params: ['DeliveryStreamName'],
    ops: kinds(['PutRecord', 'PutRecordBatch'], 'publishes'),
  },
  {
    tfType: 'aws_secretsmanager_secret',
    kind: 'secret',
    packages: ['@aws-sdk/client-secrets-manager'],
    v2Classes: ['SecretsManager'],
    params: ['SecretId'],
    ops: kinds(['GetSecretValue'], 'reads'),
  },
  {
    tfType: 'aws_ssm_parameter',
    kind: 'secret',
    packages: ['@aws-sdk/client-ssm'],
    v2Classes: ['SSM'],
    params: ['Name', 'Names[]'],
    ops: kinds(['GetParameter', 'GetParameters'], 'reads'),
  },
  {
    tfType: 'aws_sfn_state_machine',
    kind: 'service',
    packages: ['@aws-sdk/client-sfn'],
    v2Classes: ['StepFunctions'],
    params: ['stateMachineArn'],
    ops: kinds(['StartExecution', 'StartSyncExecution'], 'calls'),
  },
];

export const AWS_FAMILY_BY_PACKAGE = new Map(
  AWS_FAMILIES.flatMap((f) => f.packages.map((p) => [p, f] as const)),
);

export const AWS_FAMILY_BY_V2_CLASS = new Map(
  AWS_FAMILIES.flatMap((f) => f.v2Classes.map((c) => [c, f] as const)),
);

/** Datastore and broker client libraries: how a client is constructed and what its methods mean. */
export interface ClientLib {
  id: string;
  /** The module and export that construct a client (`default` for the default export, `*` for any). */
  modules: string[];
  ctors: string[];
  /** Node kind and product for the target. */
  kind: NodeKind;
  tech: string;
  /** Env var the library reads by itself when the constructor names no host. */
  implicitEnv?: string;
  reads: RegExp;
  writes: RegExp;
  publishes?: RegExp;
  consumes?: RegExp;
}

export const CLIENT_LIBS: ClientLib[] = [
  {
    id: 'pg',
    modules: ['pg', 'pg-pool', 'postgres'],
    ctors: ['Pool', 'Client', 'default'],
    kind: 'database',
    tech: 'postgres',
    implicitEnv: 'PGHOST',
    reads: /^$/,
    writes: /^$/,
  },
  {
    id: 'mysql2',
    modules: ['mysql2', 'mysql2/promise', 'mysql'],
    ctors: ['createPool', 'createConnection', 'createPoolCluster'],
    kind: 'database',
    tech: 'mysql',
    reads: /^$/,
    writes: /^$/,
  },
  {
    id: 'mongodb',
    modules: ['mongodb', 'mongoose', '@nestjs/mongoose'],
    // NestJS: MongooseModule.forRoot(url) in @Module imports; @InjectModel(X) m: Model<X> is the unit's client.
    ctors: ['MongoClient', 'connect', 'createConnection', 'forRoot', 'forRootAsync', 'Model'],
    kind: 'database',
    tech: 'mongodb',
    reads: /^(find|findOne|aggregate|countDocuments|distinct|findById)$/,
    writes:
      /^(insertOne|insertMany|updateOne|updateMany|deleteOne|deleteMany|replaceOne|bulkWrite|findOneAndUpdate|save|create)$/,
  },
  {
    id: 'prisma',
    modules: ['@prisma/client'],
    ctors: ['PrismaClient'],
    kind: 'database',
    tech: 'postgres',
    implicitEnv: 'DATABASE_URL',
    reads:
      /^(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy|\$queryRaw)$/,
    writes: /^(create|createMany|update|updateMany|upsert|delete|deleteMany|\$executeRaw)$/,
  },
  {
    id: 'redis',
    modules: ['ioredis', 'redis', '@redis/client'],
    ctors: ['Redis', 'Cluster', 'default', 'createClient', 'createCluster'],
    kind: 'cache',
    tech: 'redis',
    reads:
      /^(get|mget|hget|hgetall|hmget|exists|ttl|smembers|sismember|zrange|zrangebyscore|lrange|scan|keys)$/i,
    writes:
      /^(set|setex|setnx|mset|del|unlink|incr|incrby|decr|expire|hset|hmset|hdel|sadd|srem|zadd|zrem|lpush|rpush|lpop|rpop)$/i,
    publishes: /^(publish|xadd)$/i,
    consumes: /^(subscribe|psubscribe|xread|xreadgroup)$/i,
  },
  {
    id: 'kafka',
    modules: ['kafkajs'],
    ctors: ['Kafka'],
    kind: 'stream',
    tech: 'kafka',
    reads: /^$/,
    writes: /^$/,
  },
  {
    id: 'amqp',
    modules: ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'],
    ctors: ['connect'],
    kind: 'queue',
    tech: 'rabbitmq',
    reads: /^$/,
    writes: /^$/,
  },
  {
    id: 'opensearch',
    modules: ['@opensearch-project/opensearch', '@elastic/elasticsearch'],
    ctors: ['Client'],
    kind: 'search',
    tech: 'opensearch',
    reads: /^(search|get|mget|count|msearch)$/,
    writes: /^(index|bulk|update|delete|create|deleteByQuery|updateByQuery)$/,
  },
];

/** BullMQ/Bull queues live in Redis: `new Queue(name).add()` publishes, `new Worker(name, fn)` consumes. */
export const BULLMQ: ClientLib = {
  id: 'bullmq',
  modules: ['bullmq', 'bull'],
  ctors: ['Queue'],
  kind: 'cache',
  tech: 'redis',
  reads: /^(getJob|getJobs|getWaiting|getJobCounts)$/,
  writes: /^$/,
  publishes: /^(add|addBulk)$/,
};

/** NATS, for NestJS `Transport.NATS` and the `nats` client. */
export const NATS: ClientLib = {
  id: 'nats',
  modules: ['nats'],
  ctors: ['connect'],
  kind: 'queue',
  tech: 'nats',
  reads: /^$/,
  writes: /^$/,
  publishes: /^(publish|request)$/,
  consumes: /^subscribe$/,
};

/**
 * Query builders and ORMs over SQL: Drizzle (`drizzle(pool)`), Knex (`knex({ client, connection })`) and Sequelize
 * (`new Sequelize(url)`, models by `define` or `class X extends Model`). Each exists per dialect so that the target's
 * product follows the driver; the `id` is shared, so an injected model finds its unit's client of any dialect.
 */
const DRIZZLE_READS = /^(select|selectDistinct|selectDistinctOn|findMany|findFirst|\$count)$/;
const DRIZZLE_WRITES = /^(insert|update|delete)$/;
const KNEX_READS = /^(select|first|pluck|count|countDistinct|min|max|sum|avg)$/;
const KNEX_WRITES = /^(insert|update|del|delete|upsert|truncate|increment|decrement|merge)$/;
const SEQUELIZE_READS = /^(findAll|findOne|findByPk|findAndCountAll|findOrCreate|count|max|min|sum)$/;
const SEQUELIZE_WRITES = /^(create|bulkCreate|update|destroy|upsert|increment|decrement|truncate|save)$/;

const dialectLibs = (
  id: string,
  ctors: string[],
  byTech: Record<string, string[]>,
  reads: RegExp,
  writes: RegExp,
): ClientLib[] =>
  Object.entries(byTech).map(([tech, modules]) => ({
    id,
    modules,
    ctors,
    kind: 'database',
    tech,
    reads,
    writes,
  }));

export const DRIZZLE = dialectLibs(
  'drizzle',
  ['drizzle'],
  {
    postgres: [
      'drizzle-orm/node-postgres',
      'drizzle-orm/postgres-js',
      'drizzle-orm/neon-http',
      'drizzle-orm/neon-serverless',
      'drizzle-orm/vercel-postgres',
      'drizzle-orm/aws-data-api/pg',
      'drizzle-orm/pglite',
    ],
    mysql: ['drizzle-orm/mysql2', 'drizzle-orm/planetscale-serverless', 'drizzle-orm/tidb-serverless'],
    sqlite: ['drizzle-orm/libsql', 'drizzle-orm/better-sqlite3', 'drizzle-orm/bun-sqlite', 'drizzle-orm/d1'],
  },
  DRIZZLE_READS,
  DRIZZLE_WRITES,
);

/** Knex and Sequelize name their dialect in options; `postgres` first, the rest picked by `client`/`dialect`. */
export const KNEX = dialectLibs(
  'knex',
  ['default', 'knex', 'Knex'],
  { postgres: ['knex'], mysql: [], sqlite: [], mssql: [] },
  KNEX_READS,
  KNEX_WRITES,
);
export const SEQUELIZE = dialectLibs(
  'sequelize',
  ['Sequelize'],
  { postgres: ['sequelize', 'sequelize-typescript'], mysql: [], sqlite: [], mssql: [] },
  SEQUELIZE_READS,
  SEQUELIZE_WRITES,
);

/**
 * TypeORM: `new DataSource({ type })`, NestJS `TypeOrmModule.forRoot({…})`/`forRootAsync({ useFactory })` in `@Module`
 * imports; `@InjectRepository(X) repo: Repository<X>` and `EntityManager` are the unit's client.
 */
export const TYPEORM = dialectLibs(
  'typeorm',
  ['DataSource', 'createConnection', 'forRoot', 'forRootAsync', 'Repository', 'EntityManager'],
  { postgres: ['typeorm', '@nestjs/typeorm'], mysql: [], sqlite: [], mssql: [] },
  /^(find|findOne|findOneBy|findBy|findAndCount|count|query)$/,
  /^(save|insert|update|delete|remove|upsert)$/,
);

/** `client: 'mysql2'` (Knex), `dialect: 'mariadb'` (Sequelize), `type: 'mysql'` (TypeORM) → that product's variant. */
export function dialectVariant(lib: ClientLib, dialect: string | undefined): ClientLib {
  const family =
    lib.id === 'knex'
      ? KNEX
      : lib.id === 'sequelize'
        ? SEQUELIZE
        : lib.id === 'typeorm'
          ? TYPEORM
          : undefined;
  if (!family || !dialect) return lib;
  const d = dialect.toLowerCase();
  const tech = /^(pg|postgres|postgresql|pg-native|cockroachdb|redshift)$/.test(d)
    ? 'postgres'
    : /^(mysql|mysql2|mariadb|aurora-mysql)$/.test(d)
      ? 'mysql'
      : /sqlite|libsql/.test(d)
        ? 'sqlite'
        : /^(mssql|tedious)$/.test(d)
          ? 'mssql'
          : undefined;
  return family.find((l) => l.tech === tech) ?? lib;
}

/** Base classes of ORM models that are bound to the unit's client of that library (`class User extends Model`). */
export const MODEL_BASES: Record<string, ClientLib> = {
  sequelize: SEQUELIZE[0]!,
  'sequelize-typescript': SEQUELIZE[0]!,
};

CLIENT_LIBS.push(BULLMQ, NATS, ...DRIZZLE, KNEX[0]!, SEQUELIZE[0]!, TYPEORM[0]!);

/** A NestJS `ClientProxy` injected by token: its transport is known once the unit's registrations are read. */
export const NEST_CLIENT: ClientLib = {
  id: 'nest-client',
  modules: [],
  ctors: [],
  kind: 'queue',
  tech: 'nestjs-microservices',
  reads: /^$/,
  writes: /^$/,
  publishes: /^(emit|send)$/,
};

/**
 * Third-party SaaS SDKs: importing one and using it is a call to that vendor (an `external` node by API host).
 * Hosts are the vendors' documented API endpoints.
 */
export const SAAS_SDKS: Record<string, string> = {
  openai: 'api.openai.com',
  '@anthropic-ai/sdk': 'api.anthropic.com',
  stripe: 'api.stripe.com',
  twilio: 'api.twilio.com',
  '@sendgrid/mail': 'api.sendgrid.com',
  '@slack/web-api': 'slack.com',
  '@slack/bolt': 'slack.com',
  'firebase-admin': 'firebase.googleapis.com',
  '@sentry/node': 'sentry.io',
  '@sentry/nextjs': 'sentry.io',
  resend: 'api.resend.com',
  'mailgun.js': 'api.mailgun.net',
  postmark: 'api.postmarkapp.com',
  algoliasearch: 'algolia.net',
  '@pinecone-database/pinecone': 'pinecone.io',
  'posthog-node': 'posthog.com',
  '@google/generative-ai': 'generativelanguage.googleapis.com',
  '@mistralai/mistralai': 'api.mistral.ai',
  cohere: 'api.cohere.ai',
  'cohere-ai': 'api.cohere.ai',
  '@octokit/rest': 'api.github.com',
  octokit: 'api.github.com',
  '@hubspot/api-client': 'api.hubapi.com',
  '@mailchimp/mailchimp_marketing': 'api.mailchimp.com',
  auth0: 'auth0.com',
  '@clerk/clerk-sdk-node': 'api.clerk.com',
  '@paypal/checkout-server-sdk': 'api.paypal.com',
  plaid: 'plaid.com',
  'shopify-api-node': 'myshopify.com',
  '@shopify/shopify-api': 'myshopify.com',
};

export const CLIENT_LIB_BY_MODULE = new Map(
  CLIENT_LIBS.flatMap((l) => l.modules.map((m) => [m, l] as const)),
);

/** HTTP client modules. */
export const HTTP_MODULES = new Set(['axios', 'got', 'undici', 'node-fetch', 'ky', 'cross-fetch']);

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** Server frameworks, keyed by module, for inbound routes. */
export const SERVER_MODULES: Record<string, string> = {
  express: 'express',
  fastify: 'fastify',
  hono: 'hono',
  '@hono/node-server': 'hono',
  koa: 'koa',
  '@koa/router': 'koa',
  '@nestjs/core': 'nestjs',
  '@nestjs/common': 'nestjs',
};

/** SQL text → reads or writes. */
export function sqlKind(sql: string): EdgeKind | undefined {
  const head = sql.trim().split(/\s+/)[0]?.toUpperCase();
  if (!head) return undefined;
  if (head === 'SELECT' || head === 'WITH' || head === 'SHOW') return 'reads';
  if (['INSERT', 'UPDATE', 'DELETE', 'UPSERT', 'MERGE', 'REPLACE', 'TRUNCATE'].includes(head))
    return 'writes';
  return undefined;
}
