// Browser apps and the APIs that serve them: route matching, Next.js file routes and tRPC routers.
import { describe, expect, test } from 'vitest';
import { analyzeTree, edgeIds, pkg } from './support.js';

const spa = {
  'web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '18', 'react-dom': '18' } }),
  'web/src/api.ts': `
const base = import.meta.env.VITE_API_URL;
export const order = (id: string) => fetch(\`\${base}/orders/\${id}\`);
export const create = () => fetch(\`\${base}/orders\`, { method: 'POST' });
`,
};
const express = (routes: string) =>
  `import express from 'express';\nconst app = express();\n${routes}\napp.listen(3000);\n`;

describe('browser apps and their APIs', () => {
  test("a browser app's calls to an env base URL go to the one service whose routes serve them", async () => {
    const g = await analyzeTree({
      ...spa,
      'api/package.json': pkg('api'),
      'api/src/main.ts': express(
        `app.get('/orders/:id', (_q, r) => r.end());\napp.post('/orders', (_q, r) => r.end());`,
      ),
      'other/package.json': pkg('other'),
      'other/src/main.ts': express(`app.get('/health', (_q, r) => r.end());`),
    });
    expect(edgeIds(g)).toEqual(['code:web -> code:api (calls)']);
    expect(g.nodes.find((n) => n.id === 'code:web')?.kind).toBe('client');
    expect(g.nodes.some((n) => n.id.startsWith('ref:http/'))).toBe(false);
  });

  test('with two services serving the same paths the call stays on its placeholder', async () => {
    const routes = `app.get('/orders/:id', (_q, r) => r.end());\napp.post('/orders', (_q, r) => r.end());`;
    const g = await analyzeTree({
      ...spa,
      'a/package.json': pkg('a'),
      'a/src/main.ts': express(routes),
      'b/package.json': pkg('b'),
      'b/src/main.ts': express(routes),
    });
    expect(edgeIds(g)).toEqual(['code:web -> ref:http/env:VITE_API_URL (calls)']);
  });

  test('Next.js route handlers and tRPC routers are routes, and a Next app with a database is a service', async () => {
    const g = await analyzeTree({
      'package.json': pkg('shop', {
        dependencies: { next: '14', react: '18', 'react-dom': '18', '@prisma/client': '5' },
      }),
      'src/app/api/orders/[id]/route.ts': `export async function GET() { return Response.json({}); }\nexport const DELETE = GET;\n`,
      'src/app/(admin)/api/stats/route.ts': `export { h as GET, h as POST };\nconst h = () => new Response();\n`,
      'src/pages/api/legacy.ts': `export default function handler() {}\n`,
      'src/server/routers.ts': `
import { initTRPC } from '@trpc/server';
const t = initTRPC.create();
export const orderRouter = t.router({ byId: t.procedure.query(() => 1), cancel: t.procedure.mutation(() => 2) });
export const appRouter = t.router({ order: orderRouter });
`,
    });
    const shop = g.nodes.find((n) => n.id === 'code:shop');
    expect(shop?.kind).toBe('service');
    expect(shop?.props.routes).toEqual([
      'ANY /api/legacy',
      'DELETE /api/orders/:id',
      'GET /api/orders/:id',
      'GET /api/stats',
      'MUTATION /order/cancel',
      'POST /api/stats',
      'QUERY /order/byId',
    ]);
  });
});

describe('what builds a unit', () => {
  test('docker build commands in CI name the image a service folder is built into', async () => {
    const g = await analyzeTree({
      'api/package.json': pkg('@acme/api'),
      'api/Dockerfile': 'FROM node:20\n',
      'api/src/main.ts': `export const x = process.env.X;\n`,
      'jobs/package.json': pkg('jobs'),
      'jobs/Dockerfile': 'FROM node:20\n',
      'jobs/src/main.ts': `export const y = process.env.Y;\n`,
      '.github/workflows/deploy.yml': `jobs:\n  build:\n    steps:\n      - run: |\n          docker build \\\\\n            -t $REGISTRY/shop-api:\${{ github.sha }} api\n          docker buildx build --platform linux/arm64 -f jobs/Dockerfile -t "$REGISTRY/shop-jobs:latest" .\n`,
    });
    const images = Object.fromEntries(g.nodes.map((n) => [n.id, n.props.images]));
    expect(images).toEqual({ 'code:@acme/api': ['shop-api'], 'code:jobs': ['shop-jobs'] });
  });
});
