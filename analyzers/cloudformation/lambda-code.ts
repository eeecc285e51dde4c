// Where a Lambda function's code lives, in the Terraform analyzer's shape (`handler`, `source_dir`, `entry`), so
// the code analyzer and the merge join the function to its handler code.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CfnGraphBuilder } from './graph.js';

/** Plain `AWS::Lambda::Function`: a local `Code` path (before `cloudformation package`) or a cdk.out asset. */
export function lambdaCode(b: CfnGraphBuilder): void {
  for (const r of b.recs.values()) {
    if (r.type !== 'AWS::Lambda::Function' || !r.node) continue;
    if (r.stack.flavor === 'serverless') {
      b.codeLocation(
        r,
        dirname(r.stack.abs),
        typeof r.values.Handler === 'string' ? r.values.Handler : undefined,
      );
      continue;
    }
    const handler = typeof r.values.Handler === 'string' ? r.values.Handler : undefined;
    const code = r.values.Code;
    const asset = r.res.metadata['aws:asset:path'];
    let dir: string | undefined;
    if (typeof code === 'string' && !/^(s3|https?):/.test(code)) dir = b.resolvePath(r, code);
    else if (typeof asset === 'string') dir = join(dirname(r.stack.abs), asset);
    b.codeLocation(r, dir, handler);
  }
  for (const r of b.recs.values()) {
    const n = r.node;
    // Serverless handlers are relative to the service folder, as the code analyzer reads them too.
    if (n?.service !== 'aws_lambda_function' || r.stack.flavor === 'serverless') continue;
    const dir = n.props.source_dir;
    const handler = n.props.handler;
    if (typeof dir !== 'string' || typeof handler !== 'string') continue;
    n.props.handler = packageRelativeHandler(b.root, join(b.root, dir), handler);
  }
}

/**
 * Several functions built from one package: the handler is named from the package's folder
 * (`src/orders/app.handler`), as the code analyzer names the function units it splits from that package.
 */
export function packageRelativeHandler(root: string, codeDir: string, handler: string): string {
  const pkg = packageDirOf(codeDir, root);
  if (!pkg || pkg === codeDir) return handler;
  const prefix = relative(pkg, codeDir).split('\\').join('/');
  return prefix && !prefix.startsWith('..') ? `${prefix}/${handler}` : handler;
}

function packageDirOf(start: string, root: string): string | undefined {
  let d = start;
  for (let i = 0; i < 30; i++) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (d === root || !d.startsWith(root)) return undefined;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}
