// serverless.ts read statically: the configuration object, its imports through tsconfig paths and barrels, and
// handlerPath(__dirname); a file with no configuration object gives one warning and the scan goes on.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCloudFormation } from '../../../analyzers/cloudformation/index.js';
import { readServerlessTs } from '../../../analyzers/cloudformation/serverless-ts.js';

const fixture = join(import.meta.dirname, '../../../fixtures/realworld/serverless-ts-paths');

describe('serverless.ts', () => {
  it('reads functions imported through a paths alias and a barrel, with handlerPath(__dirname)', () => {
    const doc = readServerlessTs(join(fixture, 'serverless.ts'))!.doc as {
      functions: Record<string, { handler: string; events: unknown[] }>;
    };
    expect(Object.keys(doc.functions).sort()).toEqual(['createItem', 'listItems', 'restock']);
    expect(doc.functions.restock!.handler).toBe('src/functions/restock/handler.main');
    // The spread `...batch` lands in the sqs event beside the GetAtt.
    expect(doc.functions.restock!.events).toEqual([
      {
        sqs: {
          arn: { 'Fn::GetAtt': ['RestockQueue', 'Arn'] },
          batchSize: 10,
          functionResponseType: 'ReportBatchItemFailures',
        },
      },
    ]);
  });

  it('gives the functions, their events and the provider IAM statements as the yml form would', async () => {
    const g = await analyzeCloudFormation({ dir: fixture }, { root: fixture });
    const edges = g.edges
      .filter((e) => e.kind !== 'depends_on' && e.kind !== 'access')
      .map((e) => `${e.from} -${e.kind}-> ${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'inventory-dev/ApiGatewayRestApi -calls-> inventory-dev/createItem',
        'inventory-dev/RestockQueue -consumes-> inventory-dev/restock',
        'inventory-dev/restock -publishes-> inventory-dev/LowStockTopic',
      ]),
    );
    expect(g.nodes.find((n) => n.id === 'inventory-dev/createItem')?.props).toMatchObject({
      handler: 'src/functions/create-item/handler.main',
    });
  });

  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  it('warns once with the file when there is no configuration object, and reads the other inputs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-sls-ts-'));
    await writeFile(join(dir, 'serverless.ts'), "export const build = () => ({ service: 'x' });\n");
    await writeFile(
      join(dir, 'queue.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    );
    const g = await analyzeCloudFormation({ dir }, { root: dir });
    const warning = g.diagnostics.filter((d) => d.code === 'cfn-serverless-ts');
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatchObject({ file: 'serverless.ts' });
    expect(g.nodes.map((n) => n.id)).toContain('queue/Q');
  });
});
