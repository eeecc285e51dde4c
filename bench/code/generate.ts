// Generates a TypeScript monorepo of N source files: workspace packages with Dockerfiles, Express routes,
// services calling each other over HTTP, pg repositories, AWS SDK v3 commands on env-bound resources, and
// plain utility/model files, all importing each other relatively (so dependency-cruiser has work too).
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILES_PER_PACKAGE = 50;

function file(kind: number, pkg: number, i: number, n: number, packages: number): string {
  const sib = (d: number) => `./m${(i + d) % n}.js`;
  const head = `import { helper${(i + 1) % n} } from '${sib(1)}';\nimport type { Model${(i + 2) % n} } from '${sib(2)}';\n`;
  const tail = `\nexport function helper${i}(x: number): number {\n  return helper${(i + 1) % n}(x - 1) + 1;\n}\nexport interface Model${i} {\n  id: string;\n  value: number;\n  next?: Model${(i + 2) % n};\n}\n`;
  switch (kind) {
    case 0:
      return `${head}import { Router } from 'express';\nimport { load${i} } from '${sib(3)}';\n\nexport const router${i} = Router();\nrouter${i}.get('/r${i}/:id', async (req, res) => {\n  res.json(await load${i}(req.params.id));\n});\nrouter${i}.post('/r${i}', async (_req, res) => {\n  res.status(201).end();\n});\n${tail}`;
    case 1:
      return `${head}import axios from 'axios';\n\nconst base = process.env.SVC${(pkg + 1) % packages}_URL ?? 'http://svc${(pkg + 1) % packages}:8080';\nexport async function load${i - 3 < 0 ? i : i}(id: string) {\n  const { data } = await axios.get(\`\${base}/items/\${id}\`);\n  return data;\n}\n${tail}`;
    case 2:
      return `${head}import pg from 'pg';\n\nconst pool = new pg.Pool({ host: process.env.DB_HOST });\nexport async function find${i}(id: string) {\n  return (await pool.query('SELECT * FROM t${i} WHERE id = $1', [id])).rows[0];\n}\nexport async function save${i}(id: string) {\n  await pool.query('INSERT INTO t${i} (id) VALUES ($1)', [id]);\n}\n${tail}`;
    case 3:
      return `${head}import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n\nconst ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nconst TABLE = process.env.TABLE_${pkg};\nexport async function put${i}(id: string) {\n  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id } }));\n  return ddb.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'id = :id' }));\n}\n${tail}`;
    case 4:
      return `${head}import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\n\nconst sqs = new SQSClient({});\nexport async function send${i}(body: string) {\n  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_${pkg}, MessageBody: body }));\n}\n${tail}`;
    default:
      return `${head}\nexport const CONSTANT_${i} = ${i};\nexport class Thing${i} {\n  constructor(readonly id: string, readonly size = ${i}) {}\n  grow(by: number): Thing${i} {\n    return new Thing${i}(this.id, this.size + by);\n  }\n}\n${tail}`;
  }
}

/**
 * Writes the corpus unless it is already there.
 * @example
 * await generateCodeCorpus('bench/.corpus/code-500', 500);
 */
export async function generateCodeCorpus(
  dir: string,
  files: number,
): Promise<{ files: number; packages: number }> {
  const packages = Math.max(1, Math.ceil(files / FILES_PER_PACKAGE));
  const marker = join(dir, '.complete');
  if (
    await stat(marker).then(
      () => true,
      () => false,
    )
  )
    return { files, packages };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['services/*'] }, null, 2),
  );
  let left = files;
  for (let p = 0; p < packages; p++) {
    const n = Math.min(FILES_PER_PACKAGE, left);
    left -= n;
    const pdir = join(dir, 'services', `svc${p}`);
    await mkdir(join(pdir, 'src'), { recursive: true });
    await writeFile(
      join(pdir, 'package.json'),
      JSON.stringify({ name: `@bench/svc${p}`, scripts: { start: 'node dist/m0.js' } }, null, 2),
    );
    await writeFile(
      join(pdir, 'Dockerfile'),
      'FROM node:20-alpine\nCOPY dist ./dist\nCMD ["node", "dist/m0.js"]\n',
    );
    await writeFile(
      join(pdir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    );
    // Every fourth package is a Lambda package: three serverless.yml functions whose handlers are m0..m2, so the
    // scan walks each handler's import graph and the declarations it reaches (per-entry reachability).
    const lambdas = p % 4 === 3 && n >= 3;
    if (lambdas) {
      const fns = [0, 1, 2].map((k) => `  f${k}:\n    handler: src/m${k}.handler\n`).join('');
      await writeFile(
        join(pdir, 'serverless.yml'),
        `service: svc${p}\nprovider:\n  name: aws\nfunctions:\n${fns}`,
      );
    }
    for (let i = 0; i < n; i++) {
      // 1 in 2 files is plain code; the rest spread over routes, HTTP, SQL, DynamoDB and SQS.
      const kind = i % 10 < 5 ? 5 : i % 5;
      const handler = lambdas && i < 3 ? `\nexport const handler = async () => helper${i}(3);\n` : '';
      await writeFile(join(pdir, 'src', `m${i}.ts`), file(kind, p, i, n, packages) + handler);
    }
  }
  await writeFile(marker, '');
  return { files, packages };
}
