// Walks a unit's source files (syntax only) and records what the code uses: SDK commands, datastore and broker
// clients, outbound HTTP, inbound routes and env reads. Targets stay symbolic (a string template); targets.ts
// turns them into nodes.

import { ts } from 'ts-morph';
import type { EdgeKind } from '../../src/model/kinds.js';
import {
  envName,
  type FileInfo,
  isProcessEnv,
  propName,
  type Resolver,
  type Str,
  unwrap,
} from './resolve.js';
import {
  AWS_FAMILY_BY_PACKAGE,
  AWS_FAMILY_BY_V2_CLASS,
  type AwsFamily,
  BULLMQ,
  CLIENT_LIB_BY_MODULE,
  type ClientLib,
  dialectVariant,
  HTTP_METHODS,
  HTTP_MODULES,
  MODEL_BASES,
  NATS,
  NEST_CLIENT,
  SAAS_SDKS,
  SERVER_MODULES,
  sqlKind,
} from './usage-rules.js';

export type Target =
  | { type: 'aws'; family: AwsFamily; value: Str | undefined }
  | { type: 'tech'; lib: ClientLib; value: Str | undefined; injected?: boolean; token?: string }
  | { type: 'http'; value: Str };

export interface Usage {
  kind: EdgeKind;
  target: Target;
  file: string;
  line: number;
  /** SDK command, SQL verb, HTTP `METHOD /path`… */
  op?: string;
  /** Queue, routing key or topic name that makes the edge distinct. */
  channel?: string;
  /** A vendor SDK call: the operation shown is the SDK's name. */
  sdk?: string;
}

type Binding =
  | {
      type: 'client';
      lib: ClientLib;
      value: Str | undefined;
      file: string;
      line: number;
      injected?: boolean;
      /** NestJS ClientProxy: `emit`/`send(pattern)`; `token` when injected by `@Inject('TOKEN')`. */
      nest?: boolean;
      token?: string;
      /** BullMQ queue name. */
      channel?: string;
    }
  | { type: 'aws2'; family: AwsFamily }
  | { type: 'http'; base: Str | undefined };

export interface FileFacts {
  usages: Usage[];
  /** Inbound routes; `router` identifies the app/router object (`/abs/file.ts#name`) so mounts can prefix them. */
  routes: Array<{ route: string; router?: string }>;
  /** `app.use('/api', router)`, Hono `app.route('/api', sub)`: the prefix each router is mounted under. */
  mounts: Array<{ prefix: string; router: string; parent?: string }>;
  envReads: Set<string>;
  frameworks: Set<string>;
  /** Client constructions, so that a client that is never used still yields an edge. */
  clients: Array<{ lib: ClientLib; value: Str | undefined; file: string; line: number }>;
  /** NestJS `ClientsModule.register([{ name, transport, options }])`: the broker behind each injection token. */
  nestClients: Array<{ token: string; lib: ClientLib; value: Str | undefined }>;
  /** NestJS `createMicroservice` / `connectMicroservice`: the broker this unit listens on. */
  nestServers: Array<{ lib: ClientLib; value: Str | undefined }>;
  /** `@EventPattern('x')` / `@MessagePattern('x')` handlers. */
  patterns: Array<{ pattern: string; file: string; line: number }>;
}

const TRIGGER =
  /process\.env|aws-sdk|fetch\(|['"](pg|pg-pool|postgres|mysql2?(\/promise)?|mongodb|mongoose|@prisma\/client|typeorm|@nestjs\/\w+|ioredis|redis|@redis\/client|kafkajs|amqplib|amqp-connection-manager|@opensearch-project\/opensearch|@elastic\/elasticsearch|axios|got|undici|node-fetch|ky|express|fastify|hono|@hono\/node-server|koa|@koa\/router)['"]/;

const escapeRe = (m: string) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const MORE_TRIGGER = new RegExp(
  `['"](${[
    'bullmq',
    'bull',
    'nats',
    'sqs-consumer',
    '@grpc/grpc-js',
    'graphql-request',
    '@apollo/client',
    'urql',
    '@urql/core',
    'ws',
    'socket.io-client',
    'drizzle-orm',
    'knex',
    'sequelize',
    'sequelize-typescript',
    ...Object.keys(SAAS_SDKS),
  ]
    .map(escapeRe)
    .join(
      '|',
    )})['"]|['"]drizzle-orm/|import\\.meta\\.env|new WebSocket\\(|[pP]rocedure\\s*\\.|\\b(createTRPCRouter|router)\\(\\s*\\{`,
);

/** Cheap text test: files that mention none of the libraries and no env var are not parsed at all. */
export function mayMatter(text: string): boolean {
  return TRIGGER.test(text) || MORE_TRIGGER.test(text);
}

const lineOf = (file: FileInfo, node: ts.Node) =>
  file.sf.getLineAndCharacterOfPosition(node.getStart(file.sf)).line + 1;

/** `a.b.c(...)` → `a`; `this.x.y()` → `this.x`. */
function rootKey(expr: ts.Expression): string | undefined {
  let e: ts.Expression = expr;
  for (;;) {
    e = unwrap(e);
    if (ts.isPropertyAccessExpression(e)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${e.name.text}`;
      e = e.expression;
    } else if (ts.isCallExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
    else if (ts.isIdentifier(e)) return e.text;
    else return undefined;
  }
}

/** `pg.Pool` → { module: 'pg', name: 'Pool' }; `Pool` imported from 'pg' → same. */
function calleeOrigin(expr: ts.Expression, file: FileInfo): { module: string; name: string } | undefined {
  const e = unwrap(expr);
  // require('knex')({ … }): the module's default export, called in place.
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'require' &&
    e.arguments[0] &&
    ts.isStringLiteralLike(e.arguments[0])
  )
    return { module: e.arguments[0].text, name: 'default' };
  if (ts.isIdentifier(e)) {
    const b = file.imports.get(e.text);
    return b ? { module: b.module, name: b.imported } : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const names: string[] = [e.name.text];
    let cur: ts.Expression = e.expression;
    while (ts.isPropertyAccessExpression(cur)) {
      names.unshift(cur.name.text);
      cur = cur.expression;
    }
    if (!ts.isIdentifier(cur)) return undefined;
    const b = file.imports.get(cur.text);
    if (!b) return undefined;
    if (b.imported !== 'default' && b.imported !== '*') names.unshift(b.imported);
    return { module: b.module, name: names.join('.') };
  }
  return undefined;
}

function objectProp(obj: ts.Expression | undefined, path: string): ts.Expression | undefined {
  let cur = obj ? unwrap(obj) : undefined;
  for (const seg of path.split('.')) {
    if (!cur) return undefined;
    const arr = seg.endsWith('[]');
    const name = arr ? seg.slice(0, -2) : seg;
    if (!ts.isObjectLiteralExpression(cur)) return undefined;
    let next: ts.Expression | undefined;
    for (const p of cur.properties) {
      if (name === '*' && ts.isPropertyAssignment(p)) {
        // RequestItems: { [TABLE]: [...] } — the key names the resource.
        next = ts.isComputedPropertyName(p.name)
          ? p.name.expression
          : ts.factory.createStringLiteral(propName(p.name) ?? '');
        break;
      }
      if (ts.isPropertyAssignment(p) && propName(p.name) === name) next = p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) next = p.name;
    }
    if (next && arr) {
      const u = unwrap(next);
      next = ts.isArrayLiteralExpression(u) ? u.elements[0] : undefined;
    }
    cur = next ? unwrap(next) : undefined;
  }
  return cur;
}

export class Extractor {
  private readonly bindingCache = new Map<string, Map<string, Binding>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly relPath: (abs: string) => string,
  ) {}

  private strOf(expr: ts.Expression | undefined, file: FileInfo): Str | undefined {
    if (!expr) return undefined;
    // A literal in a synthetic node (RequestItems keys) has no position.
    if (expr.pos < 0 && ts.isStringLiteral(expr)) return [{ lit: expr.text }];
    return this.resolver.str(expr, file);
  }

  /** The object literal an argument stands for, following consts and config objects. */
  private objectArg(
    expr: ts.Expression | undefined,
    file: FileInfo,
  ): { obj: ts.Expression; file: FileInfo } | undefined {
    if (!expr) return undefined;
    const u = unwrap(expr);
    if (ts.isObjectLiteralExpression(u)) return { obj: u, file };
    const def = this.resolver.definition(u, file);
    if (def && ts.isObjectLiteralExpression(unwrap(def.expr)))
      return { obj: unwrap(def.expr), file: def.file };
    return undefined;
  }

  private clientValue(
    lib: ClientLib,
    args: readonly ts.Expression[],
    file: FileInfo,
    local: Map<string, Binding> = new Map(),
  ): Str | undefined {
    const [first, second] = args;
    if (!first) return undefined;
    if (lib.id === 'drizzle') {
      // drizzle(pool) / drizzle({ client: pool }) / drizzle(postgres(url)) / drizzle(process.env.DATABASE_URL)
      const o = this.objectArg(first, file);
      const inner = o ? (objectProp(o.obj, 'client') ?? objectProp(o.obj, 'connection')) : first;
      if (!inner) return undefined;
      const held = this.clientOf(inner, o?.file ?? file, local);
      if (held) return held.value;
      const io = this.objectArg(inner, o?.file ?? file);
      const url = io ? (objectProp(io.obj, 'connectionString') ?? objectProp(io.obj, 'url')) : inner;
      return url ? this.strOf(url, io?.file ?? o?.file ?? file) : undefined;
    }
    if (lib.id === 'knex') {
      // knex({ client: 'pg', connection: process.env.DATABASE_URL | { host, connectionString } })
      const o = this.objectArg(first, file);
      const c = o ? objectProp(o.obj, 'connection') : undefined;
      if (!c || !o) return undefined;
      const co = this.objectArg(c, o.file);
      if (!co) return this.strOf(c, o.file);
      const v = objectProp(co.obj, 'connectionString') ?? objectProp(co.obj, 'host');
      return v ? this.strOf(v, co.file) : undefined;
    }
    if (lib.id === 'sequelize') {
      // new Sequelize(url, opts) / new Sequelize(db, user, pass, { host }) / new Sequelize({ host })
      const opts =
        args.length >= 3 ? args[3] : ts.isObjectLiteralExpression(unwrap(first)) ? first : undefined;
      const o = this.objectArg(opts, file);
      const host = o ? objectProp(o.obj, 'host') : undefined;
      if (host && o) return this.strOf(host, o.file);
      return args.length < 3 && !ts.isObjectLiteralExpression(unwrap(first))
        ? this.strOf(first, file)
        : undefined;
    }
    if (lib.id === 'bullmq') {
      // new Queue(name, { connection: { host, port } | url }) / Bull's new Queue(name, redisUrl)
      if (second && ts.isStringLiteralLike(unwrap(second))) return this.strOf(second, file);
      const o = this.objectArg(second, file);
      const c = o ? objectProp(o.obj, 'connection') : undefined;
      if (!c || !o) return undefined;
      const co = this.objectArg(c, o.file);
      const v = co ? (objectProp(co.obj, 'url') ?? objectProp(co.obj, 'host')) : undefined;
      return v && co ? this.strOf(v, co.file) : undefined;
    }
    const u = unwrap(first);
    if (lib.id === 'redis' && ts.isNumericLiteral(u) && second) return this.strOf(second, file);
    const o = this.factoryResult(this.objectArg(first, file));
    if (!o) return this.strOf(first, file);
    const keys =
      lib.id === 'kafka'
        ? ['brokers[]']
        : lib.id === 'opensearch'
          ? ['node', 'nodes[]']
          : lib.id === 'redis'
            ? ['url', 'host', 'socket.host']
            : ['connectionString', 'url', 'uri', 'host'];
    for (const k of keys) {
      const v = objectProp(o.obj, k);
      if (v) return this.strOf(v, o.file);
    }
    return undefined;
  }

  /** The client an expression holds: a variable bound to one, or a construction in place (`postgres(url)`). */
  private clientOf(
    expr: ts.Expression,
    file: FileInfo,
    local: Map<string, Binding>,
  ): Extract<Binding, { type: 'client' }> | undefined {
    const u = unwrap(expr);
    const b = ts.isIdentifier(u) ? this.lookup(u.text, file, local) : this.bindingOf(u, file, local);
    return b?.type === 'client' ? b : undefined;
  }

  /** `forRootAsync({ useFactory: (config) => ({ host, … }) })`: the options object the factory returns. */
  private factoryResult(
    o: { obj: ts.Expression; file: FileInfo } | undefined,
  ): { obj: ts.Expression; file: FileInfo } | undefined {
    const f = o ? objectProp(o.obj, 'useFactory') : undefined;
    if (!o || !f || !(ts.isArrowFunction(f) || ts.isFunctionExpression(f))) return o;
    let body: ts.Node = f.body;
    if (ts.isBlock(body)) {
      const ret = body.statements.find(ts.isReturnStatement);
      if (!ret?.expression) return o;
      body = ret.expression;
    }
    const r = unwrap(body as ts.Expression);
    return ts.isObjectLiteralExpression(r) ? { obj: r, file: o.file } : o;
  }

  /** Knex `client: 'mysql2'`, Sequelize `dialect: 'mysql'`: the library variant for that product. */
  private dialectOf(lib: ClientLib, args: readonly ts.Expression[], file: FileInfo): ClientLib {
    if (lib.id !== 'knex' && lib.id !== 'sequelize' && lib.id !== 'typeorm') return lib;
    const opts = lib.id === 'sequelize' ? (args[3] ?? args[1] ?? args[0]) : args[0];
    const o = this.factoryResult(this.objectArg(opts, file));
    const key = lib.id === 'knex' ? 'client' : lib.id === 'sequelize' ? 'dialect' : 'type';
    const d = o ? objectProp(o.obj, key) : undefined;
    const s = d ? this.strOf(d, o!.file) : undefined;
    return dialectVariant(lib, s?.length === 1 && 'lit' in s[0]! ? s[0].lit : undefined);
  }

  /** What an initializer makes a variable: a client, a v2 AWS client, an HTTP client, or nothing. */
  private bindingOf(init: ts.Expression, file: FileInfo, local: Map<string, Binding>): Binding | undefined {
    const e = unwrap(init);
    if (ts.isNewExpression(e)) {
      const origin = calleeOrigin(e.expression, file);
      if (!origin) return undefined;
      const lib = CLIENT_LIB_BY_MODULE.get(origin.module);
      const ctor = origin.name.split('.').pop()!;
      if (lib && (lib.ctors.includes(ctor) || (origin.name === 'default' && lib.ctors.includes('default')))) {
        const first = e.arguments?.[0];
        const channel =
          lib.id === 'bullmq' && first && ts.isStringLiteralLike(unwrap(first))
            ? (unwrap(first) as ts.StringLiteral).text
            : undefined;
        return {
          type: 'client',
          lib: this.dialectOf(lib, e.arguments ?? [], file),
          value: this.clientValue(lib, e.arguments ?? [], file, local),
          file: file.path,
          line: lineOf(file, e),
          ...(channel ? { channel } : {}),
        };
      }
      if (origin.module === 'aws-sdk' || origin.module.startsWith('aws-sdk/clients/')) {
        const cls = origin.name.replace(/^default\.?/, '');
        const family = AWS_FAMILY_BY_V2_CLASS.get(cls) ?? AWS_FAMILY_BY_V2_CLASS.get(cls.split('.').pop()!);
        return family ? { type: 'aws2', family } : undefined;
      }
      return undefined;
    }
    if (ts.isCallExpression(e)) {
      const origin = calleeOrigin(e.expression, file);
      if (origin) {
        const lib = CLIENT_LIB_BY_MODULE.get(origin.module);
        const fn = origin.name.split('.').pop()!;
        if (lib?.ctors.includes(fn)) {
          return {
            type: 'client',
            lib: this.dialectOf(lib, e.arguments, file),
            value: this.clientValue(lib, e.arguments, file, local),
            file: file.path,
            line: lineOf(file, e),
          };
        }
        // mongoose.model('User', schema): a model on the connection the unit opens (mongoose.connect(url)).
        if (origin.module === 'mongoose' && fn === 'model' && lib) return injectedClient(lib, file, e);
        if (origin.module === '@nestjs/microservices' && origin.name.endsWith('ClientProxyFactory.create')) {
          const t = this.nestTransport(e.arguments[0], file);
          if (t) return { type: 'client', ...t, file: file.path, line: lineOf(file, e), nest: true };
        }
        if (origin.module === 'axios' && fn === 'create') {
          const o = this.objectArg(e.arguments[0], file);
          const base = o ? objectProp(o.obj, 'baseURL') : undefined;
          return { type: 'http', base: base && o ? this.strOf(base, o.file) : undefined };
        }
        if (origin.module === 'got' && fn === 'extend') {
          const o = this.objectArg(e.arguments[0], file);
          const base = o ? objectProp(o.obj, 'prefixUrl') : undefined;
          return { type: 'http', base: base && o ? this.strOf(base, o.file) : undefined };
        }
      }
    }
    // `globalForPrisma.prisma ?? new PrismaClient()` (a dev-reload singleton): the client the right side builds.
    if (
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    )
      return this.bindingOf(e.right, file, local) ?? this.bindingOf(e.left, file, local);
    // Derived handles inherit: pool.connect(), connection.createChannel(), prisma.charge, kafka.producer().
    const key = rootKey(e);
    if (key && (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isIdentifier(e))) {
      return this.lookup(key, file, local);
    }
    return undefined;
  }

  private lookup(key: string, file: FileInfo, local: Map<string, Binding>): Binding | undefined {
    const b = local.get(key);
    if (b) return b;
    const hit = this.resolver.importedDecl(file, key);
    if (hit) return this.bindings(hit.file).get(hit.local);
    // `import prisma from './db'` where db.ts ends `export default prisma`.
    const imp = file.imports.get(key);
    if (imp?.imported !== 'default') return undefined;
    const target = this.resolver.resolveModule(file.path, imp.module);
    const other = target ? this.resolver.file(target) : undefined;
    const d = other?.defaultExport ? unwrap(other.defaultExport) : undefined;
    if (!other || !d) return undefined;
    return ts.isIdentifier(d)
      ? this.bindings(other).get(d.text)
      : this.bindingOf(d, other, this.bindings(other));
  }

  /** Pass 1: variables, class properties and constructor parameters that hold clients, in document order. */
  bindings(file: FileInfo): Map<string, Binding> {
    const cached = this.bindingCache.get(file.path);
    if (cached) return cached;
    const local = new Map<string, Binding>();
    this.bindingCache.set(file.path, local);
    const set = (key: string, init: ts.Expression) => {
      const b = this.bindingOf(init, file, local);
      if (b) local.set(key, b);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
        set(node.name.text, node.initializer);
      } else if (ts.isClassDeclaration(node) && node.name) {
        // An ORM model class (`class User extends Model`): its static calls use the unit's client of that ORM.
        const base = node.heritageClauses
          ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
          ?.types[0]?.expression.getText(file.sf);
        const origin = base ? file.imports.get(base.split('.')[0]!) : undefined;
        const lib = origin && /(^|\.)Model$/.test(base!) ? MODEL_BASES[origin.module] : undefined;
        if (lib) local.set(node.name.text, injectedClient(lib, file, node));
      } else if (
        ts.isExpressionStatement(node) &&
        ts.isCallExpression(unwrap(node.expression)) &&
        !local.has(`#${node.pos}`)
      ) {
        // A connection opened and not kept (`await mongoose.connect(url)`) is still the unit's client.
        const b = this.bindingOf(node.expression, file, local);
        if (
          b?.type === 'client' &&
          !b.injected &&
          b.file === file.path &&
          b.line === lineOf(file, node.expression)
        )
          local.set(`#${node.pos}`, b);
      } else if (ts.isPropertyDeclaration(node) && node.initializer) {
        const n = propName(node.name);
        if (n) set(`this.${n}`, node.initializer);
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword
      ) {
        set(`this.${node.left.name.text}`, node.right);
      } else if (
        ts.isParameter(node) &&
        node.type &&
        ts.isTypeReferenceNode(node.type) &&
        ts.isIdentifier(node.name)
      ) {
        const typeName = node.type.typeName.getText(file.sf);
        const origin = file.imports.get(typeName);
        if (typeName === 'ClientProxy' || typeName === 'ClientKafka' || typeName === 'ClientRMQ') {
          const inject = (ts.getDecorators(node) ?? []).find((d) => decoratorName(d) === 'Inject');
          const token = inject ? decoratorArg(inject) : undefined;
          if (token) {
            const b: Binding = {
              type: 'client',
              lib: NEST_CLIENT,
              value: undefined,
              file: file.path,
              line: lineOf(file, node),
              injected: true,
              nest: true,
              token,
            };
            local.set(`this.${node.name.text}`, b);
            local.set(node.name.text, b);
          }
        }
        if (typeName === 'HttpService' && origin?.module.startsWith('@nestjs/')) {
          local.set(`this.${node.name.text}`, { type: 'http', base: undefined });
          local.set(node.name.text, { type: 'http', base: undefined });
        }
        // A client injected by type (`constructor(private redis: Redis)`, `(pool: pg.Pool)`): the library is
        // known, the host is not; the unit's own client of that library fills it in later.
        const typed = calleeOrigin(ts.factory.createIdentifier(typeName.split('.')[0]!), file);
        const lib = typed ? CLIENT_LIB_BY_MODULE.get(typed.module) : undefined;
        const ctor = typeName.split('.').pop()!;
        if (lib && (lib.ctors.includes(ctor) || (typed?.name === ctor && lib.ctors.includes(ctor)))) {
          const b = injectedClient(lib, file, node);
          local.set(`this.${node.name.text}`, b);
          local.set(node.name.text, b);
        }
      }
      if (ts.isParameter(node)) this.transactionParam(node, file, local);
      // TypeOrmModule.forRoot({…}) / MongooseModule.forRoot(url) inside @Module({ imports: […] }): the unit's client.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const origin = /^forRoot(Async)?$/.test(node.expression.name.text)
          ? calleeOrigin(node.expression, file)
          : undefined;
        if (origin && (origin.module === '@nestjs/typeorm' || origin.module === '@nestjs/mongoose')) {
          const b = this.bindingOf(node, file, local);
          if (b) local.set(`#${node.pos}`, b);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
    return local;
  }

  /** `db.transaction(async (tx) => …)`, `prisma.$transaction(async (tx) => …)`: `tx` is the same client. */
  private transactionParam(node: ts.ParameterDeclaration, file: FileInfo, local: Map<string, Binding>) {
    const fn = node.parent;
    if (!ts.isIdentifier(node.name) || fn.parameters[0] !== node) return;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return;
    const call = fn.parent;
    if (!ts.isCallExpression(call)) return;
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !/^\$?transaction$/.test(callee.name.text)) return;
    const key = rootKey(callee.expression);
    const b = key ? this.lookup(key, file, local) : undefined;
    if (b?.type === 'client') local.set(node.name.text, b);
  }

  /**
   * Names under which a file exports a client (`export const db = drizzle(pool)`, `export class User extends Model`,
   * `module.exports = { knex }`): a file importing one of them uses that client without naming any library.
   */
  exportedClients(file: FileInfo): string[] {
    const local = this.bindings(file);
    const out = new Set<string>();
    const exported = (n: ts.Node | undefined) =>
      n !== undefined && (ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
    for (const [name, b] of local) {
      if (b.type !== 'client' || name.startsWith('#') || name.startsWith('this.')) continue;
      if (exported(file.decls.get(name))) out.add(name);
    }
    for (const [as, r] of file.reexports)
      if (r.module === undefined && local.get(r.name)?.type === 'client') out.add(as);
    for (const [as, e] of file.cjsExports)
      if (ts.isIdentifier(e) && local.get(e.text)?.type === 'client') out.add(as);
    if (file.defaultExport) {
      const d = unwrap(file.defaultExport);
      if (ts.isIdentifier(d) && local.get(d.text)?.type === 'client') out.add('default');
    }
    return [...out];
  }

  /** Pass 2: every usage, route and env read in one file. */
  facts(file: FileInfo): FileFacts {
    const rel = this.relPath(file.path);
    const local = this.bindings(file);
    const facts: FileFacts = {
      usages: [],
      routes: [],
      mounts: [],
      envReads: new Set(),
      frameworks: new Set(),
      clients: [],
      nestClients: [],
      nestServers: [],
      patterns: [],
    };
    for (const b of local.values()) {
      if (b.type === 'client' && b.file === file.path && !b.injected)
        facts.clients.push({ lib: b.lib, value: b.value, file: rel, line: b.line });
    }
    const importsServer = [...file.imports.values()].some((b) => SERVER_MODULES[b.module]);
    for (const b of file.imports.values())
      if (SERVER_MODULES[b.module]) facts.frameworks.add(SERVER_MODULES[b.module]!);
    const push = (node: ts.Node, u: Omit<Usage, 'file' | 'line'>) =>
      facts.usages.push({ ...u, file: rel, line: lineOf(file, node) });
    // A vendor SDK the file loads (not only for its types) is a call to that vendor.
    for (const st of file.sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const host = SAAS_SDKS[st.moduleSpecifier.text];
      if (!host || st.importClause?.isTypeOnly) continue;
      const sdk = st.moduleSpecifier.text;
      push(st, {
        kind: 'calls',
        target: { type: 'http', value: [{ lit: `https://${host}` }] },
        op: 'SDK',
        sdk,
      });
    }
    for (const [name, b] of file.imports) {
      const host = SAAS_SDKS[b.module];
      const decl = file.decls.get(name);
      if (!host || !decl || !(ts.isVariableDeclaration(decl) || ts.isBindingElement(decl))) continue;
      push(decl, {
        kind: 'calls',
        target: { type: 'http', value: [{ lit: `https://${host}` }] },
        sdk: b.module,
      });
    }

    const visit = (node: ts.Node): void => {
      const env = envName(node);
      if (env) facts.envReads.add(env);
      if (
        ts.isVariableDeclaration(node) &&
        node.initializer &&
        isProcessEnv(unwrap(node.initializer)) &&
        ts.isObjectBindingPattern(node.name)
      ) {
        for (const el of node.name.elements) {
          const n = el.propertyName
            ? propName(el.propertyName)
            : ts.isIdentifier(el.name)
              ? el.name.text
              : undefined;
          if (n) facts.envReads.add(n);
        }
      }
      if (ts.isNewExpression(node)) this.newExpression(node, file, push);
      if (ts.isCallExpression(node)) {
        const c = unwrap(node.expression);
        const first = node.arguments[0];
        if (
          ts.isPropertyAccessExpression(c) &&
          (c.name.text === 'get' || c.name.text === 'getOrThrow') &&
          first &&
          ts.isStringLiteralLike(first) &&
          /^[A-Z][A-Z0-9_]*$/.test(first.text) &&
          /config/i.test(c.expression.getText(file.sf))
        ) {
          facts.envReads.add(first.text);
        }
      }
      if (ts.isCallExpression(node)) this.callExpression(node, file, local, push, facts, importsServer);
      if (ts.isCallExpression(node)) this.trpcRouter(node, file, facts);
      if (ts.isClassDeclaration(node)) {
        this.nestController(node, file, facts);
        this.nestPatterns(node, file, facts);
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
    return facts;
  }

  private newExpression(
    node: ts.NewExpression,
    file: FileInfo,
    push: (n: ts.Node, u: Omit<Usage, 'file' | 'line'>) => void,
  ) {
    const origin = calleeOrigin(node.expression, file);
    const args = node.arguments ?? [];
    const callee = unwrap(node.expression);
    // new WebSocket(url) (global or `ws`): a call to that host.
    if (
      ts.isIdentifier(callee) &&
      callee.text === 'WebSocket' &&
      args[0] &&
      (!origin || origin.module === 'ws' || origin.module === 'isomorphic-ws')
    ) {
      push(node, {
        kind: 'calls',
        target: { type: 'http', value: this.strOf(args[0], file) ?? [] },
        op: 'WS',
      });
      return;
    }
    // gRPC: new pkg.OrderService(address, grpc.credentials.createInsecure())
    if (args.length >= 2 && args[0] && /\bcredentials\.create\w*\(/.test(args[1]!.getText(file.sf))) {
      push(node, {
        kind: 'calls',
        target: { type: 'http', value: this.strOf(args[0], file) ?? [] },
        op: 'gRPC',
      });
      return;
    }
    if (!origin) return;
    // GraphQL clients: graphql-request `new GraphQLClient(url)`, Apollo `new HttpLink({ uri })`.
    if (
      (origin.module === 'graphql-request' && origin.name === 'GraphQLClient') ||
      (origin.module.startsWith('@apollo/client') && /(HttpLink|ApolloClient)$/.test(origin.name))
    ) {
      const o = this.objectArg(args[0], file);
      const url = o ? (objectProp(o.obj, 'uri') ?? objectProp(o.obj, 'url')) : args[0];
      if (url)
        push(node, {
          kind: 'calls',
          target: { type: 'http', value: this.strOf(url, file) ?? [] },
          op: 'POST',
        });
      return;
    }
    if ((origin.module === 'bullmq' || origin.module === 'bull') && origin.name === 'Worker' && args[0]) {
      const name = unwrap(args[0]);
      push(node, {
        kind: 'consumes',
        target: {
          type: 'tech',
          lib: BULLMQ,
          value: this.clientValue(BULLMQ, [args[0], args[2] ?? args[1]!], file),
        },
        op: 'Worker',
        ...(ts.isStringLiteralLike(name) ? { channel: name.text } : {}),
      });
      return;
    }
    const family = AWS_FAMILY_BY_PACKAGE.get(origin.module);
    if (!family) return;
    const op = origin.name.replace(/Command$/, '');
    const kind = family.ops[op];
    if (!kind) return;
    const o = this.objectArg(node.arguments?.[0], file);
    push(node, { kind, target: { type: 'aws', family, value: this.awsParam(family, o) }, op: origin.name });
  }

  private awsParam(
    family: AwsFamily,
    o: { obj: ts.Expression; file: FileInfo } | undefined,
  ): Str | undefined {
    if (!o) return undefined;
    for (const p of family.params) {
      const v = objectProp(o.obj, p);
      if (v) return this.strOf(v, o.file);
    }
    // PutEvents without EventBusName goes to the default bus.
    return family.tfType === 'aws_cloudwatch_event_bus' ? [{ lit: 'default' }] : undefined;
  }

  private callExpression(
    node: ts.CallExpression,
    file: FileInfo,
    local: Map<string, Binding>,
    push: (n: ts.Node, u: Omit<Usage, 'file' | 'line'>) => void,
    facts: FileFacts,
    importsServer: boolean,
  ) {
    const callee = unwrap(node.expression);
    const args = node.arguments;
    // fetch(url, { method }), undici request(url), axios(url), got(url)
    if (ts.isIdentifier(callee)) {
      const imp = file.imports.get(callee.text);
      const isFetch =
        callee.text === 'fetch' && (!imp || HTTP_MODULES.has(imp.module)) && !file.decls.has('fetch');
      const isHttpFn =
        imp && HTTP_MODULES.has(imp.module) && ['default', 'request', 'fetch', 'got'].includes(imp.imported);
      if ((isFetch || isHttpFn) && args[0]) {
        const o = this.objectArg(args[1], file) ?? (isHttpFn ? this.objectArg(args[0], file) : undefined);
        const methodExpr = o ? objectProp(o.obj, 'method') : undefined;
        const method =
          methodExpr && ts.isStringLiteralLike(methodExpr) ? methodExpr.text.toUpperCase() : 'GET';
        const urlExpr = ts.isObjectLiteralExpression(unwrap(args[0])) ? objectProp(args[0], 'url') : args[0];
        if (urlExpr) this.http(node, method, undefined, urlExpr, file, push);
      }
      return;
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (this.nestRegistration(node, method, file, facts)) return;
    const calleeOrig = calleeOrigin(callee, file);
    if (calleeOrig?.module === 'sqs-consumer' && method === 'create') {
      // Consumer.create({ queueUrl, handleMessage }): this code consumes that queue.
      const o = this.objectArg(args[0], file);
      const q = o ? objectProp(o.obj, 'queueUrl') : undefined;
      const sqs = AWS_FAMILY_BY_PACKAGE.get('@aws-sdk/client-sqs')!;
      if (q && o)
        push(node, {
          kind: 'consumes',
          target: { type: 'aws', family: sqs, value: this.strOf(q, o.file) },
          op: 'Consumer',
        });
      return;
    }
    const key = rootKey(callee.expression);
    const binding = key ? this.lookup(key, file, local) : undefined;
    if (binding?.type === 'client') {
      this.clientCall(node, method, binding, file, push);
      return;
    }
    if (binding?.type === 'aws2') {
      const op = method.charAt(0).toUpperCase() + method.slice(1);
      const kind = binding.family.ops[op];
      if (kind) {
        const o = this.objectArg(args[0], file);
        push(node, {
          kind,
          target: { type: 'aws', family: binding.family, value: this.awsParam(binding.family, o) },
          op: method,
        });
      }
      return;
    }
    if (binding?.type === 'http') {
      if ((HTTP_METHODS as readonly string[]).includes(method) && args[0]) {
        this.http(node, method.toUpperCase(), binding.base, args[0], file, push);
      }
      return;
    }
    // axios.get(url), got.post(url), undici.request(url)
    const origin = calleeOrigin(callee.expression, file);
    if (origin && HTTP_MODULES.has(origin.module) && ts.isIdentifier(unwrap(callee.expression))) {
      if ((HTTP_METHODS as readonly string[]).includes(method) && args[0]) {
        this.http(node, method.toUpperCase(), undefined, args[0], file, push);
      } else if ((method === 'request' || method === 'fetch') && args[0]) {
        this.http(node, 'GET', undefined, args[0], file, push);
      }
      return;
    }
    if (!importsServer) return;
    const router = key ? this.routerId(file, key) : undefined;
    const at = router ? { router } : {};
    const first = args[0];
    // Inbound routes: app.get('/path', handler), router.post(...), fastify.route({ method, url }).
    if ((HTTP_METHODS as readonly string[]).includes(method) || method === 'all') {
      if (first && args.length >= 2 && ts.isStringLiteralLike(first) && first.text.startsWith('/')) {
        facts.routes.push({
          route: `${method === 'all' ? 'ANY' : method.toUpperCase()} ${first.text}`,
          ...at,
        });
      }
    } else if (method === 'route' && first && ts.isObjectLiteralExpression(unwrap(first))) {
      const m = objectProp(first, 'method');
      const url = objectProp(first, 'url') ?? objectProp(first, 'path');
      if (m && url && ts.isStringLiteralLike(m) && ts.isStringLiteralLike(url)) {
        facts.routes.push({ route: `${m.text.toUpperCase()} ${url.text}`, ...at });
      }
    } else if (
      (method === 'use' || method === 'route') &&
      first &&
      ts.isStringLiteralLike(first) &&
      first.text.startsWith('/')
    ) {
      // Express app.use('/api', router) and Hono app.route('/api', sub): the mounted routers get the prefix.
      for (const arg of args.slice(1)) {
        const u = unwrap(arg);
        const mounted = ts.isIdentifier(u) ? this.routerId(file, u.text) : undefined;
        if (mounted) facts.mounts.push({ prefix: first.text, router: mounted, ...mountedOn(router) });
      }
    }
  }

  /**
   * tRPC: `router({ list: publicProcedure.query(…), create: p.input(s).mutation(…), post: postRouter })` gives
   * routes `QUERY /list` and `MUTATION /create`; a nested router is mounted under its key (`QUERY /post/byId`).
   */
  private trpcRouter(node: ts.CallExpression, file: FileInfo, facts: FileFacts) {
    const callee = unwrap(node.expression);
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    if (!name || !/^(router|createTRPCRouter|createRouter)$/.test(name)) return;
    const obj = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return;
    const decl = node.parent;
    const self =
      ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)
        ? this.routerId(file, decl.name.text)
        : undefined;
    for (const p of obj.properties) {
      let init: ts.Expression;
      if (ts.isPropertyAssignment(p)) init = unwrap(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) init = p.name;
      else continue;
      const key = propName(p.name);
      if (!key) continue;
      if (ts.isIdentifier(init)) {
        const sub = this.routerId(file, init.text);
        if (sub) facts.mounts.push({ prefix: `/${key}`, router: sub, ...mountedOn(self) });
        continue;
      }
      if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression)) continue;
      const kind = init.expression.name.text;
      if (kind !== 'query' && kind !== 'mutation' && kind !== 'subscription') continue;
      if (!/[pP]rocedure\b/.test(init.getText(file.sf))) continue;
      facts.frameworks.add('trpc');
      facts.routes.push({ route: `${kind.toUpperCase()} /${key}`, ...(self ? { router: self } : {}) });
    }
  }

  /** Identity of a router object: the file and name of its declaration, through imports. */
  private routerId(file: FileInfo, key: string): string | undefined {
    if (key.startsWith('this.')) return undefined;
    if (file.decls.has(key)) return `${file.path}#${key}`;
    const hit = this.resolver.importedDecl(file, key);
    return hit ? `${hit.file.path}#${hit.local}` : undefined;
  }

  private clientCall(
    node: ts.CallExpression,
    method: string,
    b: Extract<Binding, { type: 'client' }>,
    file: FileInfo,
    push: (n: ts.Node, u: Omit<Usage, 'file' | 'line'>) => void,
  ) {
    const target: Target = {
      type: 'tech',
      lib: b.lib,
      value: b.value,
      ...(b.injected ? { injected: true } : {}),
    };
    const args = node.arguments;
    const nameOf = (e: ts.Expression | undefined) => {
      const s = e ? this.strOf(e, file) : undefined;
      return s?.every((p) => 'lit' in p) ? s.map((p) => ('lit' in p ? p.lit : '')).join('') : undefined;
    };
    if (b.nest) {
      if (method !== 'emit' && method !== 'send') return;
      const channel = args[0] ? patternText(args[0], file) : undefined;
      push(node, {
        kind: 'publishes',
        target: { ...target, ...(b.token ? { token: b.token } : {}) } as Target,
        op: method,
        ...(channel ? { channel } : {}),
      });
      return;
    }
    if (b.channel) {
      const lib = b.lib;
      const kind = lib.publishes?.test(method)
        ? 'publishes'
        : lib.consumes?.test(method)
          ? 'consumes'
          : undefined;
      if (kind) push(node, { kind, target, op: method, channel: b.channel });
      return;
    }
    switch (b.lib.id) {
      case 'pg':
      case 'mysql2': {
        if (method !== 'query' && method !== 'execute') return;
        const sql = nameOf(args[0]);
        const kind = sql ? sqlKind(sql) : undefined;
        if (kind) push(node, { kind, target, op: sql!.trim().split(/\s+/)[0]!.toUpperCase() });
        return;
      }
      case 'amqp': {
        if (method === 'publish' || method === 'sendToQueue') {
          const channel = nameOf(method === 'publish' ? args[1] : args[0]) ?? nameOf(args[0]);
          push(node, { kind: 'publishes', target, op: method, ...(channel ? { channel } : {}) });
        } else if (method === 'consume') {
          const channel = nameOf(args[0]);
          push(node, { kind: 'consumes', target, op: method, ...(channel ? { channel } : {}) });
        }
        return;
      }
      case 'kafka': {
        if (method !== 'send' && method !== 'subscribe') return;
        const o = this.objectArg(args[0], file);
        const t = o ? (objectProp(o.obj, 'topic') ?? objectProp(o.obj, 'topics[]')) : undefined;
        const channel = nameOf(t);
        push(node, {
          kind: method === 'send' ? 'publishes' : 'consumes',
          target,
          op: method,
          ...(channel ? { channel } : {}),
        });
        return;
      }
      default: {
        const lib = b.lib;
        const kind: EdgeKind | undefined = lib.reads.test(method)
          ? 'reads'
          : lib.writes.test(method)
            ? 'writes'
            : lib.publishes?.test(method)
              ? 'publishes'
              : lib.consumes?.test(method)
                ? 'consumes'
                : undefined;
        if (kind) push(node, { kind, target, op: method });
      }
    }
  }

  private http(
    node: ts.Node,
    method: string,
    base: Str | undefined,
    urlExpr: ts.Expression,
    file: FileInfo,
    push: (n: ts.Node, u: Omit<Usage, 'file' | 'line'>) => void,
  ) {
    const url = this.strOf(urlExpr, file) ?? [];
    const value =
      base && !(url[0] && 'lit' in url[0] && /^https?:\/\//.test(url[0].lit)) ? [...base, ...url] : url;
    push(node, { kind: 'calls', target: { type: 'http', value }, op: method });
  }

  /** `{ transport: Transport.RMQ, options: { urls: [...] } }` → the broker library and its address. */
  private nestTransport(
    expr: ts.Expression | undefined,
    file: FileInfo,
  ): { lib: ClientLib; value: Str | undefined } | undefined {
    const o = this.objectArg(expr, file);
    if (!o) return undefined;
    const t = objectProp(o.obj, 'transport');
    const name = t ? t.getText(o.file.sf).split('.').pop() : undefined;
    const opt = (path: string) => {
      const v = objectProp(o.obj, `options.${path}`);
      return v ? this.strOf(v, o.file) : undefined;
    };
    switch (name) {
      case 'RMQ':
        return { lib: CLIENT_LIB_BY_MODULE.get('amqplib')!, value: opt('urls[]') };
      case 'KAFKA':
        return { lib: CLIENT_LIB_BY_MODULE.get('kafkajs')!, value: opt('client.brokers[]') };
      case 'REDIS':
        return { lib: CLIENT_LIB_BY_MODULE.get('ioredis')!, value: opt('url') ?? opt('host') };
      case 'NATS':
        return { lib: NATS, value: opt('servers[]') };
      default:
        return undefined;
    }
  }

  /** `ClientsModule.register([...])`, `NestFactory.createMicroservice(M, {...})`, `app.connectMicroservice({...})`. */
  private nestRegistration(
    node: ts.CallExpression,
    method: string,
    file: FileInfo,
    facts: FileFacts,
  ): boolean {
    if (method === 'register' || method === 'registerAsync') {
      const origin = calleeOrigin(node.expression, file);
      if (origin?.module !== '@nestjs/microservices' || !origin.name.startsWith('ClientsModule'))
        return false;
      const list = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      const items = list && ts.isArrayLiteralExpression(list) ? list.elements : [];
      for (const item of items) {
        const o = this.objectArg(item, file);
        const nameExpr = o ? objectProp(o.obj, 'name') : undefined;
        const token = nameExpr && ts.isStringLiteralLike(nameExpr) ? nameExpr.text : undefined;
        const t = this.nestTransport(item, file);
        if (token && t) facts.nestClients.push({ token, ...t });
      }
      return true;
    }
    const optsArg =
      method === 'createMicroservice'
        ? node.arguments[1]
        : method === 'connectMicroservice'
          ? node.arguments[0]
          : undefined;
    if (!optsArg) return false;
    const t = this.nestTransport(optsArg, file);
    if (t) facts.nestServers.push(t);
    return true;
  }

  /** `@EventPattern('order.created')` / `@MessagePattern({ cmd: 'x' })` handlers in any class. */
  private nestPatterns(node: ts.ClassDeclaration, file: FileInfo, facts: FileFacts) {
    for (const m of node.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      for (const d of ts.getDecorators(m) ?? []) {
        const name = decoratorName(d);
        if (name !== 'EventPattern' && name !== 'MessagePattern') continue;
        if (!file.imports.get(name)?.module.startsWith('@nestjs/microservices')) continue;
        const arg = ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
        const pattern = arg ? patternText(arg, file) : undefined;
        if (pattern) facts.patterns.push({ pattern, file: this.relPath(file.path), line: lineOf(file, d) });
      }
    }
  }

  /** NestJS: `@Controller('orders')` + `@Get(':id')` → `GET /orders/:id`. */
  private nestController(node: ts.ClassDeclaration, file: FileInfo, facts: FileFacts) {
    const decorators = ts.getDecorators(node) ?? [];
    const controller = decorators.find((d) => decoratorName(d) === 'Controller');
    if (!controller || !file.imports.get('Controller')?.module.startsWith('@nestjs/')) return;
    facts.frameworks.add('nestjs');
    const prefix = decoratorArg(controller);
    for (const m of node.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      for (const d of ts.getDecorators(m) ?? []) {
        const name = decoratorName(d);
        if (!name || !['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All'].includes(name))
          continue;
        const path = ['', prefix, decoratorArg(d)]
          .filter((s) => s !== undefined && s !== '')
          .map((s) => s!.replace(/^\/|\/$/g, ''))
          .join('/');
        facts.routes.push({
          route: `${name === 'All' ? 'ANY' : name.toUpperCase()} /${path.replace(/^\//, '')}`,
        });
      }
    }
  }
}

/** A client whose host is not known here: the unit's own client of that library fills it in (index.ts). */
const injectedClient = (lib: ClientLib, file: FileInfo, node: ts.Node): Binding => ({
  type: 'client',
  lib,
  value: undefined,
  file: file.path,
  line: lineOf(file, node),
  injected: true,
});

const mountedOn = (router: string | undefined) => (router ? { parent: router } : {});

/** A message pattern as text: `'order.created'`, or `{ cmd: 'sum' }` as written. */
function patternText(e: ts.Expression, file: FileInfo): string | undefined {
  const u = unwrap(e);
  if (ts.isStringLiteralLike(u)) return u.text;
  if (ts.isObjectLiteralExpression(u)) return u.getText(file.sf).replace(/\s+/g, ' ');
  return undefined;
}

function decoratorName(d: ts.Decorator): string | undefined {
  const e = d.expression;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return e.expression.text;
  if (ts.isIdentifier(e)) return e.text;
  return undefined;
}

function decoratorArg(d: ts.Decorator): string | undefined {
  const e = d.expression;
  if (!ts.isCallExpression(e)) return undefined;
  const first = e.arguments[0];
  if (first && ts.isStringLiteralLike(first)) return first.text;
  if (first && ts.isObjectLiteralExpression(first)) {
    const p = objectProp(first, 'path');
    if (p && ts.isStringLiteralLike(p)) return p.text;
  }
  return undefined;
}
