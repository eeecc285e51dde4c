// Which top-level declarations a Lambda handler can reach: from the handler's export, through the names each
// declaration mentions, into the files that declare imported names. Usages inside declarations nobody reaches
// (the `loadOrder` beside the `saveOrder` a handler imports) are not the handler's.
import { ts } from 'ts-morph';
import type { FileInfo, Resolver } from './resolve.js';

type Decls = Map<string, ts.Node>;

function topDecls(info: FileInfo): Decls {
  const out: Decls = new Map();
  for (const st of info.sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) out.set(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.set(d.name.text, d);
        else for (const el of bindingNames(d.name)) out.set(el, d);
      }
    }
  }
  return out;
}

function bindingNames(p: ts.BindingName): string[] {
  if (ts.isIdentifier(p)) return [p.text];
  return p.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

/**
 * Line ranges of the top-level declarations a handler does not reach, by absolute file path.
 * @example
 * unreachedRanges([{ file: '/r/src/create.ts', name: 'handler' }], resolver) // Map { '/r/src/lib.ts' => [[11, 14]] }
 */
export function unreachedRanges(
  entries: Array<{ file: string; name?: string }>,
  resolver: Resolver,
): Map<string, Array<[number, number]>> {
  const decls = new Map<string, Decls>();
  const reached = new Map<string, Set<ts.Node>>();
  const filesSeen = new Set<string>();
  const queue: Array<{ file: string; name: string }> = entries.map((e) => ({
    file: e.file,
    name: e.name ?? '*',
  }));
  let budget = 200_000;

  const declsOf = (info: FileInfo) => {
    let d = decls.get(info.path);
    if (!d) {
      d = topDecls(info);
      decls.set(info.path, d);
    }
    return d;
  };
  const follow = (info: FileInfo, node: ts.Node) => {
    const own = declsOf(info);
    const visit = (n: ts.Node): void => {
      if (budget-- <= 0) return;
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const t = n.text;
        if (own.has(t)) queue.push({ file: info.path, name: t });
        else {
          const b = info.imports.get(t);
          const target = b ? resolver.resolveModule(info.path, b.module) : undefined;
          if (b && target) {
            if (b.imported === '*' || b.imported === 'default') queue.push({ file: target, name: '*' });
            else {
              const other = resolver.file(target);
              const hit = other ? resolver.exported(other, b.imported) : undefined;
              // Not a variable (a function or class declaration): looked up among the target's own declarations.
              queue.push(hit ? { file: hit.file.path, name: hit.local } : { file: target, name: b.imported });
            }
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  };

  while (queue.length > 0 && budget > 0) {
    const { file, name } = queue.pop()!;
    const info = resolver.file(file);
    if (!info) continue;
    const own = declsOf(info);
    const marks = reached.get(file) ?? new Set<ts.Node>();
    reached.set(file, marks);
    if (!filesSeen.has(file)) {
      // Top-level statements that are not declarations run when the file loads.
      filesSeen.add(file);
      for (const st of info.sf.statements) {
        const isDecl =
          ts.isFunctionDeclaration(st) ||
          ts.isClassDeclaration(st) ||
          ts.isVariableStatement(st) ||
          ts.isImportDeclaration(st) ||
          ts.isInterfaceDeclaration(st) ||
          ts.isTypeAliasDeclaration(st);
        if (!isDecl) follow(info, st);
      }
    }
    let targets: ts.Node[];
    if (name === '*') targets = [...own.values()];
    else {
      const local =
        own.get(name) ??
        (() => {
          const hit = resolver.exported(info, name);
          return hit && hit.file.path === file ? own.get(hit.local) : undefined;
        })();
      // A name that is not a top-level declaration here (CommonJS `exports.handler = …`): the whole file.
      targets = local ? [local] : [...own.values()];
    }
    for (const t of targets) {
      if (marks.has(t)) continue;
      marks.add(t);
      follow(info, t);
    }
  }

  const out = new Map<string, Array<[number, number]>>();
  for (const [file, own] of decls) {
    const info = resolver.file(file);
    if (!info) continue;
    const marks = reached.get(file) ?? new Set();
    const ranges: Array<[number, number]> = [];
    for (const node of new Set(own.values())) {
      if (marks.has(node)) continue;
      const line = (pos: number) => info.sf.getLineAndCharacterOfPosition(pos).line + 1;
      ranges.push([line(node.getStart(info.sf)), line(node.getEnd())]);
    }
    if (ranges.length) out.set(file, ranges);
  }
  return out;
}
