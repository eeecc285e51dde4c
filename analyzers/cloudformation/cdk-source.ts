// A CDK app read from its TypeScript source, without synthesizing it (no node_modules needed). A small evaluator
// walks the app entry named by cdk.json, the stacks and constructs it instantiates (local classes, props passed
// between stacks, helper functions), and records the aws-cdk-lib constructs it meets, their grants, event sources,
// subscriptions, notifications, rule targets, API methods, Step Functions tasks and environment variables.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  type ArrowFunction,
  type ClassDeclaration,
  type Expression,
  type FunctionDeclaration,
  type FunctionExpression,
  type MethodDeclaration,
  Node,
  Project,
  type SourceFile,
  type Statement,
  SyntaxKind,
} from 'ts-morph';
import { cdkConstructTypes, cdkPatternParts, lookupCloudFormationType } from '../../src/catalog/index.js';
import type { EdgeKind } from '../../src/model/kinds.js';
import type { ArchNode, Source } from '../../src/model/schema.js';
import { looksLikeSecretName, looksLikeSecretValue } from '../../src/model/secrets.js';
import { accessEdges, grantOf } from './access.js';
import type { CfnGraphBuilder } from './graph.js';
import { packageRelativeHandler } from './lambda-code.js';
import { ANALYZER } from './template.js';

/** Bounds: interpreted statements per app, nested instantiations/calls, loop iterations. */
const MAX_STEPS = 200_000;
const MAX_DEPTH = 40;
const MAX_LOOP = 100;

/** How an unknown part of a text shows. */
const UNKNOWN_TEXT = '$' + '{?}';

class Unknown {
  constructor(readonly why = '') {}
}
const UNKNOWN = new Unknown();

/** A construct instance: a scope (App, Stack, local Construct) or an aws-cdk-lib resource. */
class Construct {
  readonly fields = new Map<string, V>();
  node?: string;
  /** For a local subclass of a library construct: the props it passes to `super`. */
  superProps?: Obj;
  constructor(
    readonly path: string,
    readonly cls: string,
    readonly props: Obj,
    readonly stack: string | undefined,
    readonly decl?: ClassDeclaration,
  ) {}
}

/** `table.tableName`, `queue.queueUrl`: an attribute of a construct (a reference to it). */
class Attr {
  constructor(
    readonly c: Construct,
    readonly name: string,
  ) {}
}

/** Text built from references (a template literal over `bucket.bucketArn`). */
class Text {
  constructor(
    readonly text: string,
    readonly refs: Construct[],
  ) {}
}

/** `new LambdaIntegration(fn)`, `new SqsEventSource(q)`, `new targets.SqsQueue(q)`…: a wrapper around a construct. */
class Wrapper {
  constructor(
    readonly cls: string,
    readonly target: Construct | undefined,
    readonly args: V[],
  ) {}
}

/** A path under a REST API (`api.root.addResource('orders')`). */
class ApiPath {
  constructor(
    readonly api: Construct,
    readonly path: string,
  ) {}
}

/**
 * Step Functions states joined by `next`/`when`/`branch`…, with the resources their tasks touch. `a.next(b)`
 * changes `a` in CDK, so joined chains share one set of tasks (a union-find over chains).
 */
class Chain {
  private parent: Chain | undefined;
  private readonly own: { target: Construct; kinds: EdgeKind[] }[];
  constructor(tasks: { target: Construct; kinds: EdgeKind[] }[]) {
    this.own = [...tasks];
  }
  root(): Chain {
    let r: Chain = this;
    for (let i = 0; r.parent && i < 10_000; i++) r = r.parent;
    return r;
  }
  get tasks(): readonly { target: Construct; kinds: EdgeKind[] }[] {
    return this.root().own;
  }
  join(other: Chain): Chain {
    const a = this.root();
    const b = other.root();
    if (a === b) return a;
    for (const t of b.own) if (!a.own.includes(t)) a.own.push(t);
    b.parent = a;
    return a;
  }
}

class PolicyStmt {
  constructor(
    readonly actions: string[],
    readonly resources: V[],
  ) {}
}

class Closure {
  constructor(
    readonly fn: ArrowFunction | FunctionExpression | FunctionDeclaration | MethodDeclaration,
    readonly env: Env,
    readonly self?: V,
  ) {}
}

class CodeAsset {
  constructor(readonly path: string) {}
}

type Obj = { [k: string]: V };
type V =
  | Unknown
  | string
  | number
  | boolean
  | null
  | undefined
  | V[]
  | Obj
  | Construct
  | Attr
  | Text
  | Wrapper
  | ApiPath
  | Chain
  | PolicyStmt
  | Closure
  | CodeAsset
  | ClassRef;

const isObj = (v: V): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

class Env {
  private readonly vars = new Map<string, V>();
  constructor(
    readonly file: SourceFile,
    readonly parent?: Env,
    readonly self?: V,
  ) {}
  get(name: string): V {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent ? this.parent.get(name) : UNKNOWN;
  }
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  set(name: string, v: V): void {
    this.vars.set(name, v);
  }
  get this(): V {
    return this.self !== undefined ? this.self : (this.parent?.this ?? UNKNOWN);
  }
}

/** Step Functions task classes and what they do to the resource they name. */
const SFN_TASKS: Record<string, { prop: string; kinds: EdgeKind[] }> = {
  LambdaInvoke: { prop: 'lambdaFunction', kinds: ['calls'] },
  SqsSendMessage: { prop: 'queue', kinds: ['publishes'] },
  SnsPublish: { prop: 'topic', kinds: ['publishes'] },
  DynamoPutItem: { prop: 'table', kinds: ['writes'] },
  DynamoUpdateItem: { prop: 'table', kinds: ['writes'] },
  DynamoDeleteItem: { prop: 'table', kinds: ['writes'] },
  DynamoGetItem: { prop: 'table', kinds: ['reads'] },
  StepFunctionsStartExecution: { prop: 'stateMachine', kinds: ['calls'] },
  EcsRunTask: { prop: 'taskDefinition', kinds: ['calls'] },
  GlueStartJobRun: { prop: 'glueJobName', kinds: ['calls'] },
};
/** CDK v1 task wrappers (`new sfn.Task(this, id, { task: new tasks.RunLambdaTask(fn) })`), still in public repos. */
const SFN_V1_TASKS: Record<string, EdgeKind[]> = {
  RunLambdaTask: ['calls'],
  InvokeFunction: ['calls'],
  InvokeActivity: ['calls'],
  SendToQueue: ['publishes'],
  PublishToTopic: ['publishes'],
  StartExecution: ['calls'],
};
const SFN_STATES = new Set([
  'Pass',
  'Wait',
  'Succeed',
  'Fail',
  'Choice',
  'Parallel',
  'Map',
  'DistributedMap',
]);
const CHAIN_METHODS = new Set([
  'next',
  'when',
  'otherwise',
  'branch',
  'itemProcessor',
  'iterator',
  'afterwards',
  'addCatch',
  'addRetry',
  'toSingleState',
  'start',
]);

/** grant* methods → representative IAM actions (the target kind decides the edge). */
const GRANTS: Record<string, string[]> = {
  grantReadData: ['x:GetItem'],
  grantRead: ['x:GetObject'],
  grantWriteData: ['x:PutItem'],
  grantWrite: ['x:PutObject'],
  grantPut: ['x:PutObject'],
  grantReadWriteData: ['x:GetItem', 'x:PutItem'],
  grantReadWrite: ['x:GetObject', 'x:PutObject'],
  grantFullAccess: ['x:*'],
  grantSendMessages: ['sqs:SendMessage'],
  grantConsumeMessages: ['sqs:ReceiveMessage'],
  grantPurge: [],
  grantPublish: ['sns:Publish'],
  grantPutEventsTo: ['events:PutEvents'],
  grantPutRecords: ['kinesis:PutRecords'],
  grantInvoke: ['lambda:InvokeFunction'],
  grantInvokeUrl: ['lambda:InvokeFunctionUrl'],
  grantStartExecution: ['states:StartExecution'],
  grantStartSyncExecution: ['states:StartSyncExecution'],
  grantExecution: [],
  grantStreamRead: ['x:GetRecords'],
};

/** Construct attributes that name a construct's change stream. */
const STREAM_ATTRS = new Set(['tableStreamArn', 'streamArn']);

const NAME_PROPS = [
  'tableName',
  'queueName',
  'functionName',
  'bucketName',
  'topicName',
  'eventBusName',
  'restApiName',
  'apiName',
  'stateMachineName',
  'streamName',
  'clusterName',
  'serviceName',
];

export interface CdkApp {
  /** The folder holding cdk.json. */
  dir: string;
  /** The entry file of the app (from cdk.json's `app` command), when found. */
  entry?: string;
}

/** cdk.json → the app's entry file: the .ts/.js path in its `app` command, else bin/*.ts. */
export function findCdkApp(dir: string): CdkApp {
  try {
    const cfg = JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')) as { app?: unknown };
    if (typeof cfg.app === 'string') {
      const m = /([\w./-]+\.(ts|js|mjs|cjs))\b/.exec(cfg.app);
      if (m && existsSync(join(dir, m[1]!))) return { dir, entry: join(dir, m[1]!) };
    }
  } catch {
    // A cdk.json that is not JSON: look for bin/ instead.
  }
  const bin = join(dir, 'bin');
  try {
    const first = readdirSync(bin)
      .sort()
      .find((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
    if (first) return { dir, entry: join(bin, first) };
  } catch {
    // No bin folder.
  }
  return { dir };
}

interface Found {
  c: Construct;
  cfnType: string;
  file: string;
  line: number;
}

/**
 * Reads one CDK app into the builder: a node per construct (`Stack/Construct` ids, as cdk.out names them) and the
 * edges its code wires.
 */
export function readCdkApp(b: CfnGraphBuilder, app: CdkApp): void {
  if (!app.entry) {
    b.ws.warn(
      'cdk-no-entry',
      'cdk.json names no app entry file this reader can follow',
      b.rel(join(app.dir, 'cdk.json')),
      undefined,
      'the app command should run a .ts or .js file',
    );
    return;
  }
  new CdkReader(b, app).run();
}

class CdkReader {
  private readonly project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true },
  });
  private steps = 0;
  private depth = 0;
  private readonly found: Found[] = [];
  private readonly roles = new Map<Construct, Construct[]>();
  private readonly stacks = new Set<string>();
  private exhausted = false;

  constructor(
    readonly b: CfnGraphBuilder,
    readonly app: CdkApp,
  ) {}

  private file(path: string): SourceFile | undefined {
    try {
      return this.project.getSourceFile(path) ?? this.project.addSourceFileAtPath(path);
    } catch {
      return undefined;
    }
  }

  run(): void {
    const sf = this.file(this.app.entry!);
    if (!sf) return;
    const env = new Env(sf);
    this.block(sf.getStatements(), env);
    if (this.exhausted)
      this.b.ws.warn(
        'cdk-budget',
        'the CDK app is larger than this reader follows; the rest is not read',
        this.b.rel(this.app.entry!),
        undefined,
      );
    this.emit();
  }

  // Statements ---------------------------------------------------------------------------------------

  /** Runs statements; returns the value of a `return`, if one ran. */
  private block(stmts: Statement[], env: Env): { ret: V } | undefined {
    for (const s of stmts) {
      const r = this.stmt(s, env);
      if (r) return r;
    }
    return undefined;
  }

  private stmt(s: Statement, env: Env): { ret: V } | undefined {
    if (++this.steps > MAX_STEPS) {
      this.exhausted = true;
      return undefined;
    }
    if (Node.isVariableStatement(s)) {
      for (const d of s.getDeclarations()) {
        const init = d.getInitializer();
        const v = init ? this.expr(init, env) : undefined;
        const nameNode = d.getNameNode();
        if (Node.isIdentifier(nameNode)) env.set(nameNode.getText(), v);
        else if (Node.isObjectBindingPattern(nameNode))
          for (const el of nameNode.getElements()) {
            const key = el.getPropertyNameNode()?.getText() ?? el.getName();
            env.set(el.getName(), isObj(v) ? v[key] : v instanceof Construct ? this.member(v, key) : UNKNOWN);
          }
      }
    } else if (Node.isExpressionStatement(s)) this.expr(s.getExpression(), env);
    else if (Node.isReturnStatement(s)) {
      const e = s.getExpression();
      return { ret: e ? this.expr(e, env) : undefined };
    } else if (Node.isIfStatement(s)) {
      // Both branches: an architecture drawing shows what either configuration deploys.
      const t = this.stmt(s.getThenStatement(), env);
      const e = s.getElseStatement();
      const f = e ? this.stmt(e, env) : undefined;
      return t ?? f;
    } else if (Node.isBlock(s)) return this.block(s.getStatements(), new Env(env.file, env));
    else if (Node.isForOfStatement(s) || Node.isForInStatement(s)) {
      const list = this.expr(s.getExpression(), env);
      const init = s.getInitializer();
      const name = Node.isVariableDeclarationList(init)
        ? init.getDeclarations()[0]?.getNameNode()
        : undefined;
      const items: V[] = Array.isArray(list)
        ? list.slice(0, MAX_LOOP)
        : isObj(list) && Node.isForInStatement(s)
          ? Object.keys(list).slice(0, MAX_LOOP)
          : [UNKNOWN];
      for (const item of items) {
        const inner = new Env(env.file, env);
        if (name && Node.isIdentifier(name)) inner.set(name.getText(), item);
        else if (name && Node.isArrayBindingPattern(name))
          name.getElements().forEach((el, i) => {
            if (Node.isBindingElement(el)) inner.set(el.getName(), Array.isArray(item) ? item[i] : UNKNOWN);
          });
        const r = this.stmt(s.getStatement(), inner);
        if (r) return r;
      }
    } else if (Node.isTryStatement(s)) return this.block(s.getTryBlock().getStatements(), env);
    else if (Node.isFunctionDeclaration(s)) {
      const name = s.getName();
      if (name) env.set(name, new Closure(s, env));
    }
    return undefined;
  }

  // Expressions --------------------------------------------------------------------------------------

  private expr(e: Expression | Node, env: Env): V {
    if (++this.steps > MAX_STEPS) {
      this.exhausted = true;
      return UNKNOWN;
    }
    if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return e.getLiteralValue();
    if (Node.isNumericLiteral(e)) return e.getLiteralValue();
    if (Node.isTrueLiteral(e)) return true;
    if (Node.isFalseLiteral(e)) return false;
    if (Node.isNullLiteral(e)) return null;
    if (Node.isTemplateExpression(e)) {
      const parts: V[] = [e.getHead().getLiteralText()];
      for (const span of e.getTemplateSpans()) {
        parts.push(this.expr(span.getExpression(), env));
        parts.push(span.getLiteral().getLiteralText());
      }
      return concat(parts);
    }
    if (Node.isIdentifier(e)) {
      const name = e.getText();
      if (name === 'undefined') return undefined;
      if (name === '__dirname') return dirname(env.file.getFilePath());
      if (name === '__filename') return env.file.getFilePath();
      if (env.has(name)) return env.get(name);
      return this.topLevel(name, env.file);
    }
    if (Node.isThisExpression(e)) return env.this;
    if (
      Node.isParenthesizedExpression(e) ||
      Node.isAsExpression(e) ||
      Node.isNonNullExpression(e) ||
      Node.isSatisfiesExpression(e) ||
      Node.isTypeAssertion(e) ||
      Node.isAwaitExpression(e)
    )
      return this.expr(e.getExpression(), env);
    if (Node.isPropertyAccessExpression(e)) {
      const obj = this.expr(e.getExpression(), env);
      return this.member(obj, e.getName());
    }
    if (Node.isElementAccessExpression(e)) {
      const obj = this.expr(e.getExpression(), env);
      const arg = e.getArgumentExpression();
      const key = arg ? this.expr(arg, env) : UNKNOWN;
      if (Array.isArray(obj) && typeof key === 'number') return obj[key];
      if (typeof key === 'string') return this.member(obj, key);
      return UNKNOWN;
    }
    if (Node.isObjectLiteralExpression(e)) {
      const out: Obj = {};
      for (const p of e.getProperties()) {
        if (Node.isPropertyAssignment(p)) {
          const init = p.getInitializer();
          const nameNode = p.getNameNode();
          const key = Node.isComputedPropertyName(nameNode)
            ? this.expr(nameNode.getExpression(), env)
            : Node.isStringLiteral(nameNode)
              ? nameNode.getLiteralValue()
              : nameNode.getText();
          if (typeof key === 'string' && init) out[key] = this.expr(init, env);
        } else if (Node.isShorthandPropertyAssignment(p)) out[p.getName()] = this.expr(p.getNameNode(), env);
        else if (Node.isSpreadAssignment(p)) {
          const v = this.expr(p.getExpression(), env);
          if (isObj(v)) Object.assign(out, v);
        } else if (Node.isMethodDeclaration(p)) out[p.getName()] = new Closure(p, env);
      }
      return out;
    }
    if (Node.isArrayLiteralExpression(e)) {
      const out: V[] = [];
      for (const el of e.getElements()) {
        if (Node.isSpreadElement(el)) {
          const v = this.expr(el.getExpression(), env);
          if (Array.isArray(v)) out.push(...v);
        } else out.push(this.expr(el, env));
      }
      return out;
    }
    if (Node.isConditionalExpression(e)) {
      const w = this.expr(e.getWhenTrue(), env);
      const f = this.expr(e.getWhenFalse(), env);
      return w instanceof Unknown || w === undefined ? f : w;
    }
    if (Node.isBinaryExpression(e)) {
      const op = e.getOperatorToken().getKind();
      if (op === SyntaxKind.EqualsToken) {
        const v = this.expr(e.getRight(), env);
        this.assign(e.getLeft(), v, env);
        return v;
      }
      if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) {
        const l = this.expr(e.getLeft(), env);
        return l instanceof Unknown || l === undefined || l === null || l === ''
          ? this.expr(e.getRight(), env)
          : l;
      }
      if (op === SyntaxKind.PlusToken)
        return concat([this.expr(e.getLeft(), env), this.expr(e.getRight(), env)]);
      return UNKNOWN;
    }
    if (Node.isArrowFunction(e) || Node.isFunctionExpression(e)) return new Closure(e, env, env.this);
    if (Node.isNewExpression(e)) return this.construct(e, env);
    if (Node.isCallExpression(e)) return this.call(e, env);
    return UNKNOWN;
  }

  private assign(left: Node, v: V, env: Env): void {
    if (Node.isIdentifier(left)) env.set(left.getText(), v);
    else if (Node.isPropertyAccessExpression(left)) {
      const obj = this.expr(left.getExpression(), env);
      if (obj instanceof Construct) obj.fields.set(left.getName(), v);
      else if (isObj(obj)) obj[left.getName()] = v;
    }
  }

  /** A name declared at the top of a file or imported from a local file (a class, a const, a function). */
  private topLevel(name: string, sf: SourceFile, depth = 0): V {
    if (depth > 5) return UNKNOWN;
    const cls = sf.getClass(name);
    if (cls) return new ClassRef(cls);
    const fn = sf.getFunction(name);
    if (fn) return new Closure(fn, new Env(sf));
    const v = sf.getVariableDeclaration(name);
    if (v?.getInitializer() && v.getVariableStatement()?.getParent() === sf) {
      return this.expr(v.getInitializerOrThrow(), new Env(sf));
    }
    for (const imp of sf.getImportDeclarations()) {
      const spec = imp.getModuleSpecifierValue();
      if (!spec.startsWith('.')) continue;
      const named = imp.getNamedImports().find((n) => (n.getAliasNode()?.getText() ?? n.getName()) === name);
      if (!named) continue;
      const target = this.resolveModule(sf, spec);
      const tf = target ? this.file(target) : undefined;
      if (tf) return this.topLevel(named.getName(), tf, depth + 1);
    }
    for (const exp of sf.getExportDeclarations()) {
      const spec = exp.getModuleSpecifierValue();
      if (!spec?.startsWith('.')) continue;
      if (!exp.getNamedExports().some((n) => n.getName() === name) && exp.getNamedExports().length > 0)
        continue;
      const target = this.resolveModule(sf, spec);
      const tf = target ? this.file(target) : undefined;
      if (tf) {
        const v = this.topLevel(name, tf, depth + 1);
        if (!(v instanceof Unknown)) return v;
      }
    }
    return UNKNOWN;
  }

  private resolveModule(from: SourceFile, spec: string): string | undefined {
    const base = resolve(dirname(from.getFilePath()), spec);
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const c of [
      base,
      `${stem}.ts`,
      `${stem}.tsx`,
      `${stem}.js`,
      join(base, 'index.ts'),
      join(base, 'index.js'),
    ])
      if (existsSync(c) && statSync(c).isFile()) return c;
    return undefined;
  }

  private member(obj: V, name: string): V {
    if (obj instanceof Construct) {
      if (obj.fields.has(name)) return obj.fields.get(name);
      if (name === 'root' && obj.node && /RestApi/.test(obj.cls)) return new ApiPath(obj, '');
      // `fn.role`, `fn.grantPrincipal`: permissions granted to it are the function's own.
      if (name === 'role' || name === 'grantPrincipal' || name === 'node') return obj;
      for (const part of cdkPatternParts[obj.cls] ?? [])
        if (part.attr === name) return obj.fields.get(`__${name}`);
      return new Attr(obj, name);
    }
    if (obj instanceof ApiPath && name === 'root') return obj;
    if (isObj(obj)) return obj[name];
    if (Array.isArray(obj) && name === 'length') return obj.length;
    return UNKNOWN;
  }

  // Calls --------------------------------------------------------------------------------------------

  private args(e: { getArguments(): Node[] }, env: Env): V[] {
    return e.getArguments().map((a) => this.expr(a, env));
  }

  private call(e: import('ts-morph').CallExpression, env: Env): V {
    const callee = e.getExpression();
    const args = this.args(e, env);
    if (Node.isPropertyAccessExpression(callee)) {
      const method = callee.getName();
      const recvNode = callee.getExpression();
      const text = recvNode.getText();
      // path.join / path.resolve over known strings.
      if ((method === 'join' || method === 'resolve') && /^(path|node:path|posix)$|path$/.test(text)) {
        if (args.every((a) => typeof a === 'string'))
          return method === 'join' ? join(...(args as string[])) : resolve(...(args as string[]));
        return UNKNOWN;
      }
      if (method === 'fromAsset' && /Code$|Code\b/.test(text) && typeof args[0] === 'string')
        return new CodeAsset(args[0]);
      if (method === 'fromChainable' || (method === 'start' && /Chain$/.test(text))) return chainOf(args[0]);
      if (method === 'fromFile' && /DefinitionBody/.test(text)) return UNKNOWN;
      const recv = this.expr(recvNode, env);
      return this.methodCall(recv, method, args, e);
    }
    const fn = this.expr(callee, env);
    if (fn instanceof Closure) return this.invoke(fn, args, fn.self);
    return UNKNOWN;
  }

  private invoke(fn: Closure, args: V[], self: V | undefined): V {
    if (this.depth >= MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      const env = new Env(fn.fn.getSourceFile(), fn.env, self);
      fn.fn.getParameters().forEach((p, i) => {
        const nameNode = p.getNameNode();
        const v =
          args[i] !== undefined
            ? args[i]
            : p.getInitializer()
              ? this.expr(p.getInitializerOrThrow(), env)
              : undefined;
        if (Node.isIdentifier(nameNode)) env.set(nameNode.getText(), v);
        else if (Node.isObjectBindingPattern(nameNode))
          for (const el of nameNode.getElements()) {
            const key = el.getPropertyNameNode()?.getText() ?? el.getName();
            env.set(el.getName(), isObj(v) ? v[key] : UNKNOWN);
          }
      });
      const body = fn.fn.getBody();
      if (!body) return UNKNOWN;
      if (Node.isBlock(body)) return this.block(body.getStatements(), env)?.ret;
      return this.expr(body, env);
    } finally {
      this.depth--;
    }
  }

  private methodCall(recv: V, method: string, args: V[], e: Node): V {
    const src = this.src(e);
    if (
      recv instanceof Chain ||
      (recv instanceof Construct && (SFN_TASKS[recv.cls] || SFN_STATES.has(recv.cls) || recv.cls === 'Task'))
    ) {
      if (CHAIN_METHODS.has(method)) {
        const chain = chainOf(recv);
        for (const a of args) chain.join(chainOf(a));
        return chain.root();
      }
    }
    if (recv instanceof ApiPath) {
      if (method === 'addResource') return new ApiPath(recv.api, `${recv.path}/${String(args[0])}`);
      if (method === 'resourceForPath')
        return new ApiPath(recv.api, `${recv.path}/${String(args[0]).replace(/^\//, '')}`);
      if (method === 'addProxy') {
        const opts = isObj(args[0]) ? args[0] : {};
        this.integrate(recv.api, opts.defaultIntegration, `ANY ${recv.path}/{proxy+}`, src);
        return new ApiPath(recv.api, `${recv.path}/{proxy+}`);
      }
      if (method === 'addMethod') {
        this.integrate(recv.api, args[1], `${String(args[0]).toUpperCase()} ${recv.path || '/'}`, src);
        return UNKNOWN;
      }
      return UNKNOWN;
    }
    if (!(recv instanceof Construct)) {
      if (recv instanceof Closure) return UNKNOWN;
      return UNKNOWN;
    }
    // A method of a local class: run it with `this` bound.
    const decl = recv.decl?.getMethod(method) ?? findMethod(recv.decl, method);
    if (decl && !decl.isStatic())
      return this.invoke(new Closure(decl, new Env(decl.getSourceFile())), args, recv);
    const grant = GRANTS[method];
    if (grant) {
      const grantee = args[0];
      const extra = method === 'grant' ? args.slice(1).filter((a): a is string => typeof a === 'string') : [];
      this.permit(grantee, recv, [...grant, ...extra], src, method === 'grantStreamRead');
      return UNKNOWN;
    }
    if (method === 'grant') {
      this.permit(
        args[0],
        recv,
        args.slice(1).filter((a): a is string => typeof a === 'string'),
        src,
      );
      return UNKNOWN;
    }
    switch (method) {
      case 'addEventSource':
        if (args[0] instanceof Wrapper) this.eventSource(recv, args[0], src);
        break;
      case 'addEventSourceMapping': {
        const opts = isObj(args[1]) ? args[1] : {};
        for (const c of refsOf(opts.eventSourceArn)) this.edge(c, recv, 'consumes', src);
        break;
      }
      case 'addSubscription':
        if (args[0] instanceof Wrapper && args[0].target) this.edge(recv, args[0].target, 'publishes', src);
        break;
      case 'addEventNotification':
      case 'addObjectCreatedNotification':
      case 'addObjectRemovedNotification': {
        const dest = args.find((a): a is Wrapper => a instanceof Wrapper);
        if (dest?.target)
          this.edge(
            recv,
            dest.target,
            kindOfTarget(dest.target) === 'function' ? 'triggers' : 'publishes',
            src,
          );
        break;
      }
      case 'addTarget':
        if (args[0] instanceof Wrapper) this.ruleTarget(recv, args[0], src);
        break;
      case 'addToRolePolicy':
      case 'addToPolicy':
      case 'addToPrincipalPolicy':
        if (args[0] instanceof PolicyStmt) this.policy(recv, args[0], src);
        break;
      case 'addEnvironment':
        if (typeof args[0] === 'string') {
          const envObj = (isObj(recv.props.environment) ? recv.props.environment : {}) as Obj;
          envObj[args[0]] = args[1];
          recv.props.environment = envObj;
        }
        break;
      case 'addRoutes': {
        const opts = isObj(args[0]) ? args[0] : {};
        const methods = Array.isArray(opts.methods) ? opts.methods.map(String) : ['ANY'];
        this.integrate(recv, opts.integration, `${methods.join(',')} ${String(opts.path ?? '/')}`, src);
        break;
      }
      case 'addMethod':
        if (/RestApi/.test(recv.cls))
          this.integrate(recv, args[1], `${String(args[0]).toUpperCase()} /`, src);
        break;
      case 'addResource':
        if (/RestApi/.test(recv.cls)) return new ApiPath(recv, `/${String(args[0])}`);
        break;
      case 'addRoute':
        this.integrate(recv, isObj(args[1]) ? args[1].integration : undefined, String(args[0]), src);
        break;
      default:
        break;
    }
    return UNKNOWN;
  }

  // Constructs ---------------------------------------------------------------------------------------

  private construct(e: import('ts-morph').NewExpression, env: Env): V {
    const calleeNode = e.getExpression();
    const cls = calleeNode.getText().split('.').pop()!;
    const args = this.args(e, env);
    const callee = this.expr(calleeNode, env);
    const scope = args[0];
    const id = args[1];
    const isScoped = scope instanceof Construct && typeof id === 'string';
    const props = (isObj(args[2]) ? args[2] : {}) as Obj;
    if (callee instanceof ClassRef) {
      if (!isScoped && cls !== 'App' && !extendsName(callee.decl, /^(App|Stage)$/)) return UNKNOWN;
      return this.instantiate(
        callee.decl,
        scope instanceof Construct ? scope : undefined,
        typeof id === 'string' ? id : '',
        args,
        e,
      );
    }
    if (cls === 'App') return new Construct('', 'App', {}, undefined);
    if (cls === 'PolicyStatement') {
      const p = isObj(args[0]) ? args[0] : {};
      const actions = (Array.isArray(p.actions) ? p.actions : []).filter(
        (a): a is string => typeof a === 'string',
      );
      return new PolicyStmt(actions, Array.isArray(p.resources) ? p.resources : []);
    }
    if (!isScoped) {
      // A wrapper: LambdaIntegration(fn), SqsEventSource(q), targets.LambdaFunction(fn), HttpLambdaIntegration('id', fn)…
      const target = args.find((a): a is Construct => a instanceof Construct && a.node !== undefined);
      return new Wrapper(cls, target, args);
    }
    const path = scope.path ? `${scope.path}/${id}` : id;
    const stack = scope.stack;
    if (cls === 'Stack' || cls === 'NestedStack') {
      this.stacks.add(path);
      return new Construct(path, cls, props, path);
    }
    const c = new Construct(path, cls, props, stack);
    const task = SFN_TASKS[cls];
    if (task) {
      const target = props[task.prop];
      c.fields.set('__chain', new Chain(target instanceof Construct ? [{ target, kinds: task.kinds }] : []));
      return c;
    }
    if (cls === 'Task' && props.task instanceof Wrapper) {
      const kinds = SFN_V1_TASKS[props.task.cls];
      const target = props.task.target;
      c.fields.set('__chain', new Chain(target && kinds ? [{ target, kinds }] : []));
      return c;
    }
    if (SFN_STATES.has(cls)) {
      c.fields.set('__chain', new Chain([]));
      return c;
    }
    if (cls === 'EventSourceMapping') {
      const fn = props.target;
      if (fn instanceof Construct)
        for (const s of refsOf(props.eventSourceArn)) this.edge(s, fn, 'consumes', this.src(e));
      return c;
    }
    const cfnType =
      cdkConstructTypes[cls] ?? (cls.startsWith('Cfn') ? cfnTypeOfL1(cls, calleeNode.getText()) : undefined);
    if (!cfnType || !stack) return c;
    c.node = path;
    this.found.push({
      c,
      cfnType,
      file: this.b.rel(e.getSourceFile().getFilePath()),
      line: e.getStartLineNumber(),
    });
    if (props.role instanceof Construct)
      this.roles.set(props.role, [...(this.roles.get(props.role) ?? []), c]);
    for (const part of cdkPatternParts[cls] ?? []) {
      const p = new Construct(`${path}/${part.id}`, part.cfnType, {}, stack);
      p.node = p.path;
      this.found.push({
        c: p,
        cfnType: part.cfnType,
        file: this.b.rel(e.getSourceFile().getFilePath()),
        line: e.getStartLineNumber(),
      });
      c.fields.set(`__${part.attr}`, p);
      if (part.cfnType.startsWith('AWS::ElasticLoadBalancingV2'))
        this.pending.push(() => this.edge(p, c, 'routes', this.src(e)));
      else this.pending.push(() => this.edge(p, c, 'consumes', this.src(e)));
    }
    this.pending.push(() => this.constructEdges(c, cls, props, e));
    return c;
  }

  private readonly pending: (() => void)[] = [];

  /** Edges a construct's own props declare: a REST API's handler, a rule's bus and targets, a state machine. */
  private constructEdges(c: Construct, cls: string, props: Obj, e: Node): void {
    const src = this.src(e);
    if (cls === 'LambdaRestApi' && props.handler instanceof Construct)
      this.edge(c, props.handler, 'calls', src);
    if (cls === 'HttpApi' && props.defaultIntegration instanceof Wrapper)
      this.integrate(c, props.defaultIntegration, 'ANY /', src);
    if (cls === 'Rule') {
      for (const bus of refsOf(props.eventBus)) this.edge(bus, c, 'routes', src);
      for (const t of Array.isArray(props.targets) ? props.targets : [])
        if (t instanceof Wrapper) this.ruleTarget(c, t, src);
    }
    if (cls === 'StateMachine') {
      const def = props.definitionBody ?? props.definition;
      for (const t of chainOf(def).tasks) for (const k of t.kinds) this.edge(c, t.target, k, src, 'task');
    }
    if (cls === 'QueueProcessingFargateService' && props.queue instanceof Construct)
      this.edge(props.queue, c, 'consumes', src);
  }

  /** `new LocalStack(scope, id, props)` or a local Construct subclass: run its constructor. */
  private instantiate(
    decl: ClassDeclaration,
    scope: Construct | undefined,
    id: string,
    args: V[],
    e: Node,
  ): V {
    if (this.depth >= MAX_DEPTH) return UNKNOWN;
    const isApp = extendsName(decl, /^(App|Stage)$/) && !scope;
    const path = isApp ? '' : scope?.path ? `${scope.path}/${id}` : id;
    const isStack = extendsName(decl, /Stack$/) || this.localExtends(decl, /Stack$/);
    const stack = isStack ? path : scope?.stack;
    if (isStack) this.stacks.add(path);
    const c = new Construct(path, decl.getName() ?? 'Construct', isObj(args[2]) ? args[2] : {}, stack, decl);
    // A local class that extends an aws-cdk-lib construct (`class UpdateClaims extends StateMachine`) is that resource.
    const lib = this.libraryBase(decl);
    const cfnType = lib ? cdkConstructTypes[lib] : undefined;
    if (cfnType && stack && !isStack) {
      c.node = path;
      c.superProps = {};
      this.found.push({
        c,
        cfnType,
        file: this.b.rel(e.getSourceFile().getFilePath()),
        line: e.getStartLineNumber(),
      });
      this.pending.push(() => this.constructEdges(c, lib!, c.superProps ?? {}, e));
    }
    this.runClass(decl, c, args, e);
    return c;
  }

  /** The aws-cdk-lib class at the end of a chain of local classes. */
  private libraryBase(decl: ClassDeclaration, depth = 0): string | undefined {
    if (depth > 10) return undefined;
    const base = this.baseClass(decl);
    if (base) return this.libraryBase(base, depth + 1);
    return decl.getExtends()?.getExpression().getText().split('.').pop();
  }

  private localExtends(decl: ClassDeclaration, re: RegExp, depth = 0): boolean {
    if (depth > 10) return false;
    const base = this.baseClass(decl);
    if (!base) return false;
    return extendsName(base, re) || this.localExtends(base, re, depth + 1);
  }

  private baseClass(decl: ClassDeclaration): ClassDeclaration | undefined {
    const ext = decl.getExtends();
    if (!ext) return undefined;
    const name = ext.getExpression().getText().split('.').pop()!;
    const v = this.topLevel(name, decl.getSourceFile());
    return v instanceof ClassRef ? v.decl : undefined;
  }

  private runClass(decl: ClassDeclaration, self: Construct, args: V[], e: Node, depth = 0): void {
    if (depth > 10) return;
    this.depth++;
    try {
      const base = this.baseClass(decl);
      const ctor = decl.getConstructors()[0];
      const env = new Env(decl.getSourceFile(), undefined, self);
      // Property initializers run before the constructor body.
      for (const p of decl.getProperties()) {
        const init = p.getInitializer();
        if (init && !p.isStatic()) self.fields.set(p.getName(), this.expr(init, env));
      }
      if (!ctor) {
        if (base) this.runClass(base, self, args, e, depth + 1);
        return;
      }
      ctor.getParameters().forEach((p, i) => {
        const v =
          args[i] !== undefined
            ? args[i]
            : p.getInitializer()
              ? this.expr(p.getInitializerOrThrow(), env)
              : undefined;
        env.set(p.getName(), v);
        if (p.getScope() || p.isReadonly()) self.fields.set(p.getName(), v);
      });
      const body = ctor.getBody();
      if (!body || !Node.isBlock(body)) return;
      for (const s of body.getStatements()) {
        if (Node.isExpressionStatement(s)) {
          const ex = s.getExpression();
          if (Node.isCallExpression(ex) && ex.getExpression().getKind() === SyntaxKind.SuperKeyword) {
            const superArgs = this.args(ex, env);
            if (base) this.runClass(base, self, superArgs, e, depth + 1);
            else if (self.superProps && isObj(superArgs[2])) Object.assign(self.superProps, superArgs[2]);
            continue;
          }
        }
        this.stmt(s, env);
      }
    } finally {
      this.depth--;
    }
  }

  // Effects ------------------------------------------------------------------------------------------

  private src(e: Node): Source {
    return {
      analyzer: ANALYZER,
      file: this.b.rel(e.getSourceFile().getFilePath()),
      line: e.getStartLineNumber(),
    };
  }

  private readonly edges: {
    from: Construct;
    to: Construct;
    kind: EdgeKind;
    src: Source;
    label?: string;
    iam?: boolean;
    props?: Record<string, unknown>;
  }[] = [];

  private edge(
    from: Construct,
    to: Construct,
    kind: EdgeKind,
    src: Source,
    label?: string,
    iam = false,
  ): void {
    this.edges.push({ from, to, kind, src, ...(label ? { label } : {}), iam });
  }

  private integrate(api: Construct, integration: V, label: string, src: Source): void {
    if (integration instanceof Wrapper && integration.target)
      this.edge(api, integration.target, 'calls', src, label);
    // AwsIntegration (API Gateway straight to SNS, SQS, DynamoDB…): the API acts with its credentials role.
    const opts =
      integration instanceof Wrapper && isObj(integration.args[0]) ? integration.args[0].options : undefined;
    const role = isObj(opts) ? opts.credentialsRole : undefined;
    if (role instanceof Construct && !(this.roles.get(role) ?? []).includes(api))
      this.roles.set(role, [...(this.roles.get(role) ?? []), api]);
  }

  private eventSource(fn: Construct, w: Wrapper, src: Source): void {
    if (!w.target) return;
    const kind: EdgeKind =
      w.cls === 'SnsEventSource' ? 'publishes' : w.cls === 'S3EventSource' ? 'triggers' : 'consumes';
    this.edge(w.target, fn, kind, src);
  }

  private ruleTarget(rule: Construct, w: Wrapper, src: Source): void {
    if (w.target) this.edge(rule, w.target, 'triggers', src);
  }

  /** Principals a grant reaches: a function, or what runs with a role (functions, an API integration). */
  private principals(grantee: V): Construct[] {
    if (!(grantee instanceof Construct)) return [];
    const viaRole = this.roles.get(grantee);
    if (viaRole) return viaRole;
    // A role is never the one that sends: who assumes it may be met later (an integration's credentialsRole).
    if (grantee.cls === 'Role') return [];
    return grantee.node ? [grantee] : [];
  }

  /** Grants to roles, resolved to the role's users once the whole app is read. */
  private readonly roleGrants: Array<{
    role: Construct;
    target: Construct;
    actions: string[];
    src: Source;
    stream: boolean;
  }> = [];

  private permit(
    grantee: V,
    target: Construct,
    actions: string[],
    src: Source,
    stream = false,
    late = false,
  ): void {
    if (!target.node) return;
    if (!late && grantee instanceof Construct && grantee.cls === 'Role') {
      this.roleGrants.push({ role: grantee, target, actions, src, stream });
      return;
    }
    const kind = kindOfTarget(target);
    const grant = grantOf(actions);
    for (const p of this.principals(grantee)) {
      for (const e of accessEdges(actions, kind, stream))
        if (e.inbound) this.edge(target, p, e.kind, src, 'iam', true);
        else this.edge(p, target, e.kind, src, 'iam', true);
      // The permission itself, as the Terraform analyzer draws it.
      if (grant)
        this.edges.push({
          from: p,
          to: target,
          kind: 'access',
          src,
          label: grant.access,
          props: { access: grant.access, ...(grant.sends ? { sends: true } : {}) },
        });
    }
  }

  private policy(principal: Construct, st: PolicyStmt, src: Source): void {
    for (const res of st.resources) {
      const stream = res instanceof Attr && STREAM_ATTRS.has(res.name);
      for (const t of refsOf(res)) this.permit(principal, t, st.actions, src, stream);
    }
  }

  // Output -------------------------------------------------------------------------------------------

  private emit(): void {
    for (const g of this.roleGrants) this.permit(g.role, g.target, g.actions, g.src, g.stream, true);
    for (const p of this.pending) p();
    const b = this.b;
    for (const stack of [...this.stacks].sort()) {
      if (b.nodes.has(stack)) continue;
      b.nodes.set(stack, {
        id: stack,
        kind: 'group',
        name: stack.split('/').pop() ?? stack,
        provider: 'aws',
        service: 'AWS::CloudFormation::Stack',
        props: { stackName: stack, flavor: 'cdk' },
        tags: {},
        sources: [{ analyzer: ANALYZER, file: b.rel(this.app.entry!), line: 1 }],
      });
    }
    for (const f of this.found) {
      const entry = lookupCloudFormationType(f.cfnType);
      const id = f.c.path;
      const src: Source = { analyzer: ANALYZER, file: f.file, line: f.line, address: id };
      const props: Record<string, unknown> = { cdkPath: id, cfnType: f.cfnType, construct: f.c.cls };
      let physical: string | undefined;
      for (const k of NAME_PROPS) if (typeof f.c.props[k] === 'string') physical = f.c.props[k] as string;
      if (physical) props[NAME_PROPS.find((k) => f.c.props[k] === physical)!] = physical;
      if (entry?.tfType === 'aws_lambda_function') Object.assign(props, this.code(f));
      const env = this.env(f.c);
      const prev = b.nodes.get(id);
      if (prev) {
        // The same construct seen in cdk.out: one node, both provenances.
        for (const [k, v] of Object.entries(props)) if (!(k in prev.props)) prev.props[k] = v;
        if (props.handler && prev.props.entry === undefined) prev.props.handler = props.handler;
        for (const k of ['source_dir', 'entry', 'handler'] as const)
          if (props[k] !== undefined) prev.props[k] = props[k];
        prev.sources.push(src);
        continue;
      }
      const node: ArchNode = {
        id,
        kind: entry?.kind ?? 'generic',
        name: physical ?? id.split('/').pop() ?? id,
        provider: 'aws',
        service: entry?.tfType ?? f.cfnType,
        props: { ...props, ...(Object.keys(env.env).length ? env : {}) },
        tags: {},
        sources: [src],
        ...(f.c.stack ? { parent: topStack(f.c.stack, this.stacks) } : {}),
        ...(entry?.plumbing ? { plumbing: true } : {}),
      };
      b.nodes.set(id, node);
    }
    for (const f of this.found) {
      const env = this.env(f.c);
      for (const [name, target] of Object.entries(env.envRefs)) {
        b.addEdge(
          f.c.path,
          target,
          'depends_on',
          { analyzer: ANALYZER, file: f.file, line: f.line },
          { label: `env ${name}`, props: { env: name } },
          `env:${name}`,
        );
      }
      const node = b.nodes.get(f.c.path);
      if (node && Object.keys(env.env).length) {
        node.props.env = { ...(node.props.env as object | undefined), ...env.env };
        node.props.envRefs = { ...(node.props.envRefs as object | undefined), ...env.envRefs };
      }
    }
    for (const e of this.edges) {
      if (!e.from.node || !e.to.node) continue;
      b.addEdge(e.from.node, e.to.node, e.kind, e.src, {
        ...(e.label ? { label: e.label } : {}),
        ...(e.props ? { props: e.props } : e.iam ? { props: { via: 'iam' } } : {}),
      });
    }
  }

  private env(c: Construct): { env: Record<string, string>; envRefs: Record<string, string> } {
    const env: Record<string, string> = {};
    const envRefs: Record<string, string> = {};
    const vars = c.props.environment;
    if (!isObj(vars)) return { env, envRefs };
    for (const [k, v] of Object.entries(vars)) {
      if (looksLikeSecretName(k) || looksLikeSecretValue(v)) continue;
      env[k] = display(v);
      const t = refsOf(v)[0];
      if (t?.node) envRefs[k] = t.node;
    }
    return { env, envRefs };
  }

  /** Code location of a function construct: NodejsFunction entry, or Code.fromAsset + handler. */
  private code(f: Found): Record<string, string> {
    const p = f.c.props;
    const out: Record<string, string> = {};
    const appDir = this.app.dir;
    const handlerExport = typeof p.handler === 'string' ? p.handler : undefined;
    if (f.c.cls === 'NodejsFunction') {
      let entry = typeof p.entry === 'string' ? resolve(appDir, p.entry) : undefined;
      if (!entry) {
        // Default entry: <defining file>.<construct id>.ts beside the file that defines the function.
        const defining = resolve(this.b.root, f.file);
        const guess = join(
          dirname(defining),
          `${basename(defining, extname(defining))}.${f.c.path.split('/').pop()}.ts`,
        );
        if (existsSync(guess)) entry = guess;
      }
      if (entry) {
        const dir = dirname(entry);
        const handler = `${basename(entry, extname(entry))}.${handlerExport ?? 'handler'}`;
        out.entry = this.b.rel(entry);
        out.source_dir = this.b.rel(dir);
        out.handler = packageRelativeHandler(this.b.root, dir, handler);
      }
      return out;
    }
    const code = p.code;
    if (code instanceof CodeAsset) {
      const dir = resolve(appDir, code.path);
      out.source_dir = this.b.rel(dir);
      if (handlerExport) out.handler = packageRelativeHandler(this.b.root, dir, handlerExport);
    } else if (handlerExport) out.handler = handlerExport;
    return out;
  }
}

class ClassRef {
  constructor(readonly decl: ClassDeclaration) {}
}

function findMethod(decl: ClassDeclaration | undefined, name: string): MethodDeclaration | undefined {
  let d = decl;
  for (let i = 0; d && i < 10; i++) {
    const m = d.getMethod(name);
    if (m) return m;
    const base = d.getBaseClass();
    d = base && Node.isClassDeclaration(base) ? base : undefined;
  }
  return undefined;
}

function extendsName(decl: ClassDeclaration, re: RegExp): boolean {
  const ext = decl.getExtends();
  return ext ? re.test(ext.getExpression().getText().split('.').pop() ?? '') : false;
}

function topStack(stack: string, stacks: Set<string>): string {
  // A nested stack's resources belong to the nested stack; its group sits in the parent's.
  return stacks.has(stack) ? stack : stack.split('/')[0]!;
}

function chainOf(v: V): Chain {
  if (v instanceof Chain) return v.root();
  if (v instanceof Construct) {
    const c = v.fields.get('__chain');
    if (c instanceof Chain) return c.root();
  }
  const out = new Chain([]);
  if (Array.isArray(v)) for (const x of v) out.join(chainOf(x));
  return out.root();
}

/** The constructs a value refers to: itself, an attribute of one, or text built from attributes. */
function refsOf(v: V, depth = 0): Construct[] {
  if (depth > 20) return [];
  if (v instanceof Construct) return v.node ? [v] : [];
  if (v instanceof Attr) return v.c.node ? [v.c] : [];
  if (v instanceof Text) return v.refs.filter((c) => c.node);
  if (Array.isArray(v)) return v.flatMap((x) => refsOf(x, depth + 1));
  return [];
}

function display(v: V): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Attr) return `\${${v.c.path}.${v.name}}`;
  if (v instanceof Construct) return `\${${v.path}}`;
  if (v instanceof Text) return v.text;
  return UNKNOWN_TEXT;
}

function concat(parts: V[]): V {
  const refs: Construct[] = [];
  let known = true;
  const text = parts
    .map((p) => {
      if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return String(p);
      if (p instanceof Attr || p instanceof Construct || p instanceof Text) {
        refs.push(...refsOf(p));
        known = false;
        return display(p);
      }
      known = false;
      return UNKNOWN_TEXT;
    })
    .join('');
  return known ? text : new Text(text, refs);
}

function kindOfTarget(c: Construct) {
  const t = cdkConstructTypes[c.cls] ?? (c.cls.startsWith('AWS::') ? c.cls : undefined);
  return (t ? lookupCloudFormationType(t)?.kind : undefined) ?? 'generic';
}

/** `CfnQueue` from `sqs.CfnQueue` → `AWS::SQS::Queue` when the namespace names the service. */
function cfnTypeOfL1(cls: string, text: string): string | undefined {
  const ns = text.split('.').slice(-2, -1)[0];
  const service = ns?.replace(/^aws_?/i, '');
  if (!service) return undefined;
  const type = `AWS::${SERVICES[service.toLowerCase()] ?? service.toUpperCase()}::${cls.slice(3)}`;
  return lookupCloudFormationType(type) ? type : undefined;
}

/** aws-cdk-lib module names whose CloudFormation service name is not the upper-cased module name. */
const SERVICES: Record<string, string> = {
  dynamodb: 'DynamoDB',
  lambda: 'Lambda',
  events: 'Events',
  apigateway: 'ApiGateway',
  apigatewayv2: 'ApiGatewayV2',
  stepfunctions: 'StepFunctions',
  sfn: 'StepFunctions',
  kinesis: 'Kinesis',
  elasticache: 'ElastiCache',
  secretsmanager: 'SecretsManager',
  cognito: 'Cognito',
  cloudfront: 'CloudFront',
  appsync: 'AppSync',
};
