// Syntax-level value resolution: follows identifiers, imports, config objects and `process.env.X` to a string
// template, so that `${config.ordersUrl}/orders` or `TableName: ORDERS_TABLE` can be tied to a resource.
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { type Project, ts } from 'ts-morph';

/** One piece of a resolved string: literal text, an env var (with its fallback), or something unknowable. */
export type Part = { lit: string } | { env: string; fallback?: Part[] | undefined } | { unknown: string };

export type Str = Part[];

export interface ImportBinding {
  module: string;
  /** `default`, `*` (namespace) or the exported name. */
  imported: string;
}

export interface FileInfo {
  path: string;
  sf: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  /** Top-level and nested declarations by name, first one wins (good enough for module-level consts). */
  decls: Map<string, ts.Node>;
  /** `export { a as b } from './x'` (module set) and `export { a as b }` (module undefined), by exported name. */
  reexports: Map<string, { module?: string; name: string }>;
  /** `export * from './x'`. */
  starExports: string[];
  /** `export default <expr>`. */
  defaultExport?: ts.Expression;
  /** Every module the file loads: imports, `export … from`, `require()`, `import()`. */
  deps: string[];
  /** CommonJS exports: `module.exports = { a, b: expr }`, `exports.a = expr`, by name. */
  cjsExports: Map<string, ts.Expression>;
}

const TS_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/** Parses files lazily with ts-morph and answers resolution questions over them. */
export class Resolver {
  private readonly files = new Map<string, FileInfo | null>();
  private readonly tsconfigs = new Map<string, ts.CompilerOptions | null>();

  constructor(
    private readonly project: Project,
    /** Workspace package name → its directory and entry file. */
    private readonly packages: Map<string, { dir: string; entry?: string }>,
    /** tsconfig.json files are looked up from a file's folder up to here. */
    private readonly root?: string,
  ) {}

  file(path: string): FileInfo | undefined {
    const cached = this.files.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let info: FileInfo | null = null;
    try {
      const sf = this.project.addSourceFileAtPath(path).compilerNode;
      const { imports, deps } = collectImports(sf);
      const reexports = collectReexports(sf);
      for (const r of reexports.reexports.values()) if (r.module) deps.add(r.module);
      for (const m of reexports.starExports) deps.add(m);
      info = {
        path,
        sf,
        imports,
        decls: collectDecls(sf),
        ...reexports,
        deps: [...deps],
        cjsExports: collectCjsExports(sf),
      };
    } catch {
      info = null;
    }
    this.files.set(path, info);
    return info ?? undefined;
  }

  /**
   * The file and local name that an exported name of a module stands for, through `export … from` and
   * `export *` chains.
   */
  exported(file: FileInfo, name: string, depth = 0): { file: FileInfo; local: string } | undefined {
    if (depth > 8) return undefined;
    const re = file.reexports.get(name);
    if (re && re.module === undefined) return { file, local: re.name };
    if (re?.module) {
      const target = this.resolveModule(file.path, re.module);
      const other = target ? this.file(target) : undefined;
      return other ? this.exported(other, re.name, depth + 1) : undefined;
    }
    if (file.decls.has(name)) return { file, local: name };
    const cjs = file.cjsExports.get(name);
    if (cjs && ts.isIdentifier(cjs) && file.decls.has(cjs.text)) return { file, local: cjs.text };
    for (const m of file.starExports) {
      const target = this.resolveModule(file.path, m);
      const other = target ? this.file(target) : undefined;
      const hit = other ? this.exported(other, name, depth + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  /** The file and local name an imported identifier of `file` stands for. */
  importedDecl(file: FileInfo, localName: string): { file: FileInfo; local: string } | undefined {
    const binding = file.imports.get(localName);
    if (!binding || binding.imported === '*' || binding.imported === 'default') return undefined;
    const target = this.resolveModule(file.path, binding.module);
    const other = target ? this.file(target) : undefined;
    return other ? this.exported(other, binding.imported) : undefined;
  }

  /** Resolves a module specifier to a source file path: relative paths and workspace packages. */
  resolveModule(fromFile: string, spec: string): string | undefined {
    if (spec.startsWith('.')) return resolveFile(resolve(dirname(fromFile), spec));
    const pkgName = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    const pkg = this.packages.get(pkgName);
    if (pkg) {
      const sub = spec.slice(pkgName.length);
      if (sub) return resolveFile(join(pkg.dir, sub)) ?? resolveFile(join(pkg.dir, 'src', sub));
      return pkg.entry;
    }
    // tsconfig `paths`/`baseUrl` aliases: the compiler's own module resolution, with the nearest tsconfig.
    const options = this.compilerOptions(dirname(fromFile));
    if (!options || (!options.paths && !options.baseUrl)) return undefined;
    const hit = ts.resolveModuleName(spec, fromFile, options, ts.sys).resolvedModule?.resolvedFileName;
    return hit && !hit.includes(`${sep}node_modules${sep}`) && !hit.endsWith('.d.ts') ? hit : undefined;
  }

  private compilerOptions(dir: string): ts.CompilerOptions | undefined {
    const config = findUp(dir, 'tsconfig.json', this.root);
    if (!config) return undefined;
    let cached = this.tsconfigs.get(config);
    if (cached === undefined) {
      const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
      cached = ts.getParsedCommandLineOfConfigFile(config, {}, host)?.options ?? null;
      this.tsconfigs.set(config, cached);
    }
    return cached ?? undefined;
  }

  /** The expression an identifier or property chain stands for, following consts, imports and object literals. */
  definition(
    expr: ts.Expression,
    file: FileInfo,
    depth = 0,
  ): { expr: ts.Expression; file: FileInfo } | undefined {
    if (depth > 12) return undefined;
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const decl = file.decls.get(e.text);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        return this.definition(decl.initializer, file, depth + 1) ?? { expr: decl.initializer, file };
      }
      const binding = file.imports.get(e.text);
      if (binding?.imported === 'default') {
        const target = this.resolveModule(file.path, binding.module);
        const other = target ? this.file(target) : undefined;
        if (other?.defaultExport) {
          return (
            this.definition(other.defaultExport, other, depth + 1) ?? {
              expr: other.defaultExport,
              file: other,
            }
          );
        }
      }
      const hit = this.importedDecl(file, e.text);
      const d = hit?.file.decls.get(hit.local);
      if (hit && d && ts.isVariableDeclaration(d) && d.initializer) {
        return this.definition(d.initializer, hit.file, depth + 1) ?? { expr: d.initializer, file: hit.file };
      }
      // `const { tableName } = require('./config')` where config.js says `module.exports = { tableName: … }`.
      if (!hit && binding && binding.imported !== '*' && binding.imported !== 'default') {
        const target = this.resolveModule(file.path, binding.module);
        const other = target ? this.file(target) : undefined;
        const cjs = other?.cjsExports.get(binding.imported);
        if (other && cjs) return this.definition(cjs, other, depth + 1) ?? { expr: cjs, file: other };
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = ts.isPropertyAccessExpression(e)
        ? e.name.text
        : ts.isStringLiteralLike(e.argumentExpression)
          ? e.argumentExpression.text
          : undefined;
      if (name === undefined) return undefined;
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const init = thisMember(e, name);
        return init ? (this.definition(init, file, depth + 1) ?? { expr: init, file }) : undefined;
      }
      const base = this.definition(e.expression, file, depth + 1);
      if (!base) return undefined;
      const obj = unwrap(base.expr);
      if (!ts.isObjectLiteralExpression(obj)) return undefined;
      for (const p of obj.properties) {
        if (ts.isPropertyAssignment(p) && propName(p.name) === name) {
          return (
            this.definition(p.initializer, base.file, depth + 1) ?? { expr: p.initializer, file: base.file }
          );
        }
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) {
          return this.definition(p.name, base.file, depth + 1);
        }
      }
    }
    return undefined;
  }

  /** A name bound by object destructuring: from `process.env` (an env var) or from an object (its property). */
  private destructured(
    name: string,
    file: FileInfo,
  ):
    | (({ env: string } | { expr: ts.Expression; file: FileInfo }) & { fallback?: ts.Expression | undefined })
    | undefined {
    const el = file.decls.get(name);
    if (!el || !ts.isBindingElement(el) || !ts.isObjectBindingPattern(el.parent)) return undefined;
    const decl = el.parent.parent;
    if (!ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    const key = el.propertyName ? propName(el.propertyName as ts.PropertyName) : name;
    if (!key) return undefined;
    const fallback = el.initializer;
    if (isProcessEnv(unwrap(decl.initializer))) return { env: key, fallback };
    const base = this.definition(decl.initializer, file) ?? { expr: decl.initializer, file };
    const obj = unwrap(base.expr);
    if (!ts.isObjectLiteralExpression(obj)) return undefined;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && propName(p.name) === key)
        return { expr: p.initializer, file: base.file, fallback };
    }
    return undefined;
  }

  /** Evaluates an expression to a string template. */
  str(expr: ts.Expression, file: FileInfo, depth = 0): Str {
    if (depth > 12) return [{ unknown: expr.getText(file.sf) }];
    const e = unwrap(expr);
    if (ts.isStringLiteralLike(e)) return [{ lit: e.text }];
    if (ts.isNumericLiteral(e)) return [{ lit: e.text }];
    if (ts.isTemplateExpression(e)) {
      const out: Str = [{ lit: e.head.text }];
      for (const span of e.templateSpans) {
        out.push(...this.str(span.expression, file, depth + 1), { lit: span.literal.text });
      }
      return compact(out);
    }
    const env = envName(e);
    if (env) return [{ env }];
    const destructured = ts.isIdentifier(e) ? this.destructured(e.text, file) : undefined;
    if (destructured) {
      const value: Str =
        'env' in destructured
          ? [{ env: destructured.env }]
          : this.str(destructured.expr, destructured.file, depth + 1);
      const fallback = destructured.fallback ? this.str(destructured.fallback, file, depth + 1) : undefined;
      if (fallback && value.length === 1 && 'env' in value[0]!) return [{ env: value[0].env, fallback }];
      return isKnown(value) || !fallback ? value : fallback;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        return compact([...this.str(e.left, file, depth + 1), ...this.str(e.right, file, depth + 1)]);
      }
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        const left = this.str(e.left, file, depth + 1);
        const right = this.str(e.right, file, depth + 1);
        if (left.length === 1 && 'env' in left[0]!) return [{ env: left[0].env, fallback: right }];
        return isKnown(left) ? left : right;
      }
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const first = e.arguments[0];
      // String(x), Number(x): the value is the argument's.
      if (ts.isIdentifier(callee) && (callee.text === 'String' || callee.text === 'Number') && first) {
        return this.str(first, file, depth + 1);
      }
      // NestJS ConfigService: config.get('X') / getOrThrow('X') reads env X.
      if (
        ts.isPropertyAccessExpression(callee) &&
        (callee.name.text === 'get' || callee.name.text === 'getOrThrow') &&
        first &&
        ts.isStringLiteralLike(first) &&
        /^[A-Z][A-Z0-9_]*$/.test(first.text) &&
        /config/i.test(callee.expression.getText(file.sf))
      ) {
        return [{ env: first.text }];
      }
    }
    if (
      ts.isNewExpression(e) &&
      ts.isIdentifier(e.expression) &&
      e.expression.text === 'URL' &&
      e.arguments
    ) {
      const [path, base] = e.arguments;
      if (path && base)
        return compact([...this.str(base, file, depth + 1), ...this.str(path, file, depth + 1)]);
      if (path) return this.str(path, file, depth + 1);
    }
    const def = this.definition(e, file, depth + 1);
    if (def && def.expr !== e) return this.str(def.expr, def.file, depth + 1);
    return [{ unknown: e.getText(file.sf) }];
  }
}

/** Strips parentheses, `as`, `!`, `satisfies`, `await`. */
export function unwrap(e: ts.Expression): ts.Expression {
  let cur = e;
  for (;;) {
    if (
      ts.isParenthesizedExpression(cur) ||
      ts.isAsExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isSatisfiesExpression(cur) ||
      ts.isAwaitExpression(cur) ||
      ts.isTypeAssertionExpression(cur)
    ) {
      cur = cur.expression;
    } else return cur;
  }
}

/** `process.env.X`, `process.env['X']` or Vite's `import.meta.env.X` → X. */
export function envName(e: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(e) && isProcessEnv(e.expression)) return e.name.text;
  if (
    ts.isPropertyAccessExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'env' &&
    ts.isMetaProperty(e.expression.expression)
  )
    return e.name.text;
  if (
    ts.isElementAccessExpression(e) &&
    isProcessEnv(e.expression) &&
    ts.isStringLiteralLike(e.argumentExpression)
  ) {
    return e.argumentExpression.text;
  }
  return undefined;
}

export function isProcessEnv(e: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(e) &&
    e.name.text === 'env' &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'process'
  );
}

export function propName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** The initializer of `this.name`: a class property or an assignment in the constructor. */
function thisMember(e: ts.Node, name: string): ts.Expression | undefined {
  let cls: ts.Node | undefined = e.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.initializer && propName(m.name) === name) return m.initializer;
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const st of m.body.statements) {
        if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression)) continue;
        const { left, right, operatorToken } = st.expression;
        if (
          operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(left) &&
          left.expression.kind === ts.SyntaxKind.ThisKeyword &&
          left.name.text === name
        ) {
          return right;
        }
      }
    }
  }
  return undefined;
}

function collectImports(sf: ts.SourceFile): { imports: Map<string, ImportBinding>; deps: Set<string> } {
  const out = new Map<string, ImportBinding>();
  const deps = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const module = st.moduleSpecifier.text;
    deps.add(module);
    if (!st.importClause) continue;
    const clause = st.importClause;
    if (clause.name) out.set(clause.name.text, { module, imported: 'default' });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { module, imported: '*' });
    if (nb && ts.isNamedImports(nb)) {
      for (const el of nb.elements) {
        out.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
      }
    }
  }
  // CommonJS and dynamic imports anywhere in the file: `const x = require('m')`, `const { a } = require('m')`,
  // `await import('m')`. A required relative file is a namespace (its module.exports), a package its default.
  if (!/\brequire\s*\(|\bimport\s*\(/.test(sf.text)) return { imports: out, deps };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const arg = node.arguments[0];
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isImport) && arg && ts.isStringLiteralLike(arg)) {
        const module = arg.text;
        deps.add(module);
        let decl: ts.Node = node.parent;
        while (decl && (ts.isAwaitExpression(decl) || ts.isParenthesizedExpression(decl))) decl = decl.parent;
        if (ts.isPropertyAccessExpression(decl) && ts.isVariableDeclaration(decl.parent)) {
          // const Pool = require('pg').Pool
          const v = decl.parent;
          if (ts.isIdentifier(v.name) && !out.has(v.name.text))
            out.set(v.name.text, { module, imported: decl.name.text });
        } else if (ts.isVariableDeclaration(decl)) {
          if (ts.isIdentifier(decl.name) && !out.has(decl.name.text)) {
            const ns = module.startsWith('.') || isImport;
            out.set(decl.name.text, { module, imported: ns ? '*' : 'default' });
          } else if (ts.isObjectBindingPattern(decl.name)) {
            for (const el of decl.name.elements) {
              if (!ts.isIdentifier(el.name) || out.has(el.name.text)) continue;
              const key = el.propertyName ? propName(el.propertyName) : el.name.text;
              if (key) out.set(el.name.text, { module, imported: key });
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports: out, deps };
}

function collectReexports(sf: ts.SourceFile): Pick<FileInfo, 'reexports' | 'starExports' | 'defaultExport'> {
  const reexports = new Map<string, { module?: string; name: string }>();
  const starExports: string[] = [];
  let defaultExport: ts.Expression | undefined;
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st)) defaultExport = st.expression;
    if (!ts.isExportDeclaration(st)) continue;
    const module =
      st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
    if (!st.exportClause) {
      if (module) starExports.push(module);
    } else if (ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        reexports.set(el.name.text, {
          ...(module ? { module } : {}),
          name: (el.propertyName ?? el.name).text,
        });
      }
    }
  }
  return { reexports, starExports, ...(defaultExport ? { defaultExport } : {}) };
}

function collectCjsExports(sf: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  if (!/\bexports\b/.test(sf.text)) return out;
  const isModuleExports = (e: ts.Expression) =>
    ts.isPropertyAccessExpression(e) &&
    e.name.text === 'exports' &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'module';
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression)) continue;
    const { left, right, operatorToken } = st.expression;
    if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) {
      for (const p of right.properties) {
        if (ts.isPropertyAssignment(p)) {
          const n = propName(p.name);
          if (n) out.set(n, p.initializer);
        } else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
      }
    } else if (
      ts.isPropertyAccessExpression(left) &&
      ((ts.isIdentifier(left.expression) && left.expression.text === 'exports') ||
        isModuleExports(left.expression))
    ) {
      out.set(left.name.text, right);
    }
  }
  return out;
}

function findUp(dir: string, name: string, stop?: string): string | undefined {
  let cur = dir;
  for (;;) {
    const candidate = join(cur, name);
    if (existsSync(candidate)) return candidate;
    const up = dirname(cur);
    if (up === cur || (stop && !up.startsWith(stop))) return undefined;
    cur = up;
  }
}

function collectDecls(sf: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && !out.has(node.name.text)) {
      out.set(node.name.text, node);
    }
    // `const { ORDERS_TABLE, region = 'eu-west-1' } = process.env` / `= config`
    if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && !out.has(node.name.text)) {
      out.set(node.name.text, node);
    }
    ts.forEachChild(node, visit);
  };
  // Top-level classes and functions too: an imported model class (`Report.findAll()`) is found through them.
  for (const st of sf.statements)
    if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name && !out.has(st.name.text))
      out.set(st.name.text, st);
  visit(sf);
  return out;
}

/** `./db.js` → `./db.ts`, `./x` → `./x/index.ts`… */
export function resolveFile(base: string): string | undefined {
  const stripped = base.replace(/\.(c|m)?js$/, '');
  for (const ext of TS_EXTS) if (existsSync(stripped + ext)) return stripped + ext;
  for (const ext of TS_EXTS) {
    const index = join(base, `index${ext}`);
    if (existsSync(index)) return index;
  }
  return undefined;
}

function compact(parts: Str): Str {
  const out: Str = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('lit' in p && last && 'lit' in last) out[out.length - 1] = { lit: last.lit + p.lit };
    else if (!('lit' in p) || p.lit !== '') out.push(p);
  }
  return out;
}

export function isKnown(s: Str): boolean {
  return s.length > 0 && s.every((p) => !('unknown' in p));
}

/** The first env var a string depends on, if its value starts with one. */
export function leadingEnv(s: Str): string | undefined {
  const first = s[0];
  return first && 'env' in first ? first.env : undefined;
}

/**
 * Substitutes env values (e.g. from docker-compose) and fallbacks. Returns undefined when a part stays unknown.
 * @example
 * render([{ env: 'URL', fallback: [{ lit: 'http://localhost' }] }, { lit: '/x' }], {}) // 'http://localhost/x'
 */
export function render(
  s: Str,
  env: Record<string, string>,
  opts: { fallbacks?: boolean } = {},
): string | undefined {
  let out = '';
  for (const p of s) {
    if ('lit' in p) out += p.lit;
    else if ('env' in p) {
      const v = env[p.env];
      if (v !== undefined) out += v;
      else if (opts.fallbacks !== false && p.fallback) {
        const f = render(p.fallback, env, opts);
        if (f === undefined) return undefined;
        out += f;
      } else return undefined;
    } else return undefined;
  }
  return out;
}

/** Every env var name mentioned in a string template. */
export function envsOf(s: Str): string[] {
  const out: string[] = [];
  for (const p of s) {
    if ('env' in p) {
      out.push(p.env);
      if (p.fallback) out.push(...envsOf(p.fallback));
    }
  }
  return out;
}
