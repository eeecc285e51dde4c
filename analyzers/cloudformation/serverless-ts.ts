// serverless.ts → the plain document a serverless.yml would give, read statically with ts-morph (never run): the
// exported configuration object, its imports (relative or through tsconfig `paths`, as in the aws-nodejs-typescript
// template's `import hello from '@functions/hello'`), spreads, template strings and `handlerPath(__dirname)`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type Expression, Node, Project, type SourceFile } from 'ts-morph';
import type { ParsedFile } from './load.js';

/** Bounds: nesting of evaluated expressions, and files followed through imports. */
const MAX_DEPTH = 60;
const MAX_FILES = 200;

type Plain = string | number | boolean | Plain[] | { [k: string]: Plain } | undefined;

/** tsconfig `paths` (with its `baseUrl`), from tsconfig.json and the files it extends. */
function tsconfigPaths(dir: string): Array<{ prefix: string; suffix: string; targets: string[] }> {
  const out: Array<{ prefix: string; suffix: string; targets: string[] }> = [];
  const seen = new Set<string>();
  const read = (file: string, depth: number) => {
    if (depth > 5 || seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    let json: { extends?: string; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    try {
      // tsconfig allows comments and trailing commas.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:"'])\/\/.*$/gm, '$1')
        .replace(/,(\s*[}\]])/g, '$1');
      json = JSON.parse(text);
    } catch {
      return;
    }
    const base = resolve(dirname(file), json.compilerOptions?.baseUrl ?? '.');
    for (const [pattern, targets] of Object.entries(json.compilerOptions?.paths ?? {})) {
      const [prefix, suffix = ''] = pattern.split('*');
      out.push({ prefix: prefix!, suffix, targets: targets.map((t) => resolve(base, t)) });
    }
    if (typeof json.extends === 'string' && json.extends.startsWith('.'))
      read(resolve(dirname(file), json.extends), depth + 1);
  };
  read(join(dir, 'tsconfig.json'), 0);
  return out;
}

function fileFor(base: string): string | undefined {
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.js`, join(base, 'index.ts'), join(base, 'index.js')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

class ServerlessTsReader {
  private readonly project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true },
  });
  private readonly paths: ReturnType<typeof tsconfigPaths>;
  readonly lines = new WeakMap<object, Map<string, number>>();
  private depth = 0;
  private files = 0;

  constructor(
    private readonly root: string,
    private readonly main: string,
  ) {
    this.paths = tsconfigPaths(root);
  }

  private file(path: string): SourceFile | undefined {
    if (this.files >= MAX_FILES) return undefined;
    try {
      const existing = this.project.getSourceFile(path);
      if (existing) return existing;
      this.files++;
      return this.project.addSourceFileAtPath(path);
    } catch {
      return undefined;
    }
  }

  private resolveModule(from: SourceFile, spec: string): string | undefined {
    if (spec.startsWith('.')) return fileFor(resolve(dirname(from.getFilePath()), spec));
    for (const p of this.paths) {
      if (!spec.startsWith(p.prefix) || !spec.endsWith(p.suffix)) continue;
      const star = spec.slice(p.prefix.length, spec.length - p.suffix.length);
      for (const t of p.targets) {
        const hit = fileFor(t.replace('*', star));
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** The value a module exports under a name (`default` for the default export). */
  private exported(sf: SourceFile, name: string): Plain {
    if (name === 'default') {
      const assignment =
        sf.getExportAssignment((a) => !a.isExportEquals()) ?? sf.getExportAssignment(() => true);
      if (assignment) return this.value(assignment.getExpression());
    }
    for (const st of sf.getStatements()) {
      // module.exports = X
      if (Node.isExpressionStatement(st)) {
        const e = st.getExpression();
        if (
          name === 'default' &&
          Node.isBinaryExpression(e) &&
          e.getLeft().getText() === 'module.exports' &&
          e.getOperatorToken().getText() === '='
        )
          return this.value(e.getRight());
      }
      // export { default as hello } from './hello'; export { x } from './x'
      if (Node.isExportDeclaration(st)) {
        const spec = st.getModuleSpecifierValue();
        for (const n of st.getNamedExports()) {
          const exportedAs = n.getAliasNode()?.getText() ?? n.getName();
          if (exportedAs !== name) continue;
          if (spec) {
            const target = this.resolveModule(sf, spec);
            const tf = target ? this.file(target) : undefined;
            return tf ? this.exported(tf, n.getName()) : undefined;
          }
          return this.identifier(sf, n.getName());
        }
      }
    }
    const decl = sf.getVariableDeclaration(name);
    if (decl?.isExported()) {
      const init = decl.getInitializer();
      return init ? this.value(init) : undefined;
    }
    return undefined;
  }

  /** A name in a file: a const, or an import followed to its module. */
  private identifier(sf: SourceFile, name: string): Plain {
    if (name === 'undefined') return undefined;
    const decl = sf.getVariableDeclaration(name);
    const init = decl?.getInitializer();
    if (init) return this.value(init);
    for (const imp of sf.getImportDeclarations()) {
      const spec = imp.getModuleSpecifierValue();
      const def = imp.getDefaultImport()?.getText() === name;
      const named = imp.getNamedImports().find((n) => (n.getAliasNode()?.getText() ?? n.getName()) === name);
      if (!def && !named) continue;
      const target = this.resolveModule(sf, spec);
      const tf = target ? this.file(target) : undefined;
      if (!tf) return undefined;
      return this.exported(tf, def ? 'default' : named!.getName());
    }
    return undefined;
  }

  value(e: Expression | Node): Plain {
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    try {
      return this.evaluate(e);
    } finally {
      this.depth--;
    }
  }

  private evaluate(e: Node): Plain {
    const sf = e.getSourceFile();
    if (Node.isParenthesizedExpression(e) || Node.isAsExpression(e) || Node.isSatisfiesExpression(e))
      return this.value(e.getExpression());
    if (Node.isTypeAssertion(e)) return this.value(e.getExpression());
    if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return e.getLiteralValue();
    if (Node.isNumericLiteral(e)) return e.getLiteralValue();
    if (Node.isTrueLiteral(e)) return true;
    if (Node.isFalseLiteral(e)) return false;
    if (Node.isIdentifier(e)) return this.identifier(sf, e.getText());
    if (Node.isTemplateExpression(e)) {
      let text = e.getHead().getLiteralText();
      for (const span of e.getTemplateSpans()) {
        const v = this.value(span.getExpression());
        // An unknown part stays a Serverless variable-like placeholder, never a guess.
        text += typeof v === 'string' || typeof v === 'number' ? String(v) : '${unknown}';
        text += span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (Node.isCallExpression(e)) {
      // handlerPath(__dirname) and friends: the folder of the calling file, relative to the service.
      const args = e.getArguments();
      if (args.length === 1 && args[0]!.getText() === '__dirname')
        return relative(this.root, dirname(sf.getFilePath())).split('\\').join('/');
      return undefined;
    }
    if (Node.isPropertyAccessExpression(e)) {
      const obj = this.value(e.getExpression());
      return obj && typeof obj === 'object' && !Array.isArray(obj) ? obj[e.getName()] : undefined;
    }
    if (Node.isArrayLiteralExpression(e)) {
      const out: Plain[] = [];
      for (const el of e.getElements()) {
        if (Node.isSpreadElement(el)) {
          const v = this.value(el.getExpression());
          if (Array.isArray(v)) out.push(...v);
        } else {
          const v = this.value(el);
          if (v !== undefined) out.push(v);
        }
      }
      return out;
    }
    if (Node.isObjectLiteralExpression(e)) {
      const out: Record<string, Plain> = {};
      const lines = new Map<string, number>();
      const inMain = sf.getFilePath() === this.main;
      for (const p of e.getProperties()) {
        if (Node.isSpreadAssignment(p)) {
          const v = this.value(p.getExpression());
          if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
          continue;
        }
        let key: string | undefined;
        let v: Plain;
        if (Node.isPropertyAssignment(p)) {
          const n = p.getNameNode();
          key =
            Node.isStringLiteral(n) || Node.isNumericLiteral(n) ? String(n.getLiteralValue()) : n.getText();
          if (Node.isComputedPropertyName(n)) {
            const k = this.value(n.getExpression());
            key = typeof k === 'string' ? k : undefined;
          }
          const init = p.getInitializer();
          v = init ? this.value(init) : undefined;
        } else if (Node.isShorthandPropertyAssignment(p)) {
          key = p.getName();
          v = this.identifier(sf, key);
        } else continue;
        if (key === undefined || v === undefined) continue;
        out[key] = v;
        if (inMain) lines.set(key, p.getStartLineNumber());
      }
      if (lines.size) this.lines.set(out, lines);
      return out;
    }
    return undefined;
  }

  read(): ParsedFile | undefined {
    const sf = this.file(this.main);
    if (!sf) return undefined;
    const doc = this.exported(sf, 'default');
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    return { doc: doc as Record<string, unknown>, lines: this.lines };
  }
}

/**
 * Reads a serverless.ts statically into the document a serverless.yml would give.
 * @example
 * readServerlessTs('/repo/serverless.ts')?.doc.functions // { hello: { handler: 'src/functions/hello/handler.main', … } }
 */
export function readServerlessTs(abs: string): ParsedFile | undefined {
  return new ServerlessTsReader(dirname(abs), abs).read();
}
