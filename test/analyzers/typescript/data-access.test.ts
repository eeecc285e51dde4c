// Query builders and ORMs: Drizzle, Knex, Sequelize and Mongoose clients, in the service or in a shared package.
import { describe, expect, test } from 'vitest';
import { analyzeTree, edgeIds, pkg } from './support.js';

const compose = (services: Record<string, { build: string; env: Record<string, string> }>) =>
  `services:\n${Object.entries(services)
    .map(
      ([name, s]) =>
        `  ${name}:\n    build: ${s.build}\n    environment:\n${Object.entries(s.env)
          .map(([k, v]) => `      ${k}: ${v}\n`)
          .join('')}`,
    )
    .join('')}  db:\n    image: postgres:16\n  mysql:\n    image: mysql:8\n  mongo:\n    image: mongo:7\n`;

describe('query builders and ORMs', () => {
  test('a Drizzle client exported by a workspace library is used from a file that names no library', async () => {
    const g = await analyzeTree({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: 'src/index.ts' }),
      'packages/db/src/index.ts': `export * from './client';\n`,
      'packages/db/src/client.ts': `
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const db = drizzle(pool);
`,
      'apps/api/package.json': pkg('api', { dependencies: { '@acme/db': 'workspace:*' } }),
      'apps/api/src/orders.ts': `
import { db } from '@acme/db';
import { orders } from './schema';
export const list = () => db.select().from(orders);
export const add = (o: object) => db.transaction(async (tx) => tx.insert(orders).values(o));
`,
      'apps/api/src/schema.ts': `export const orders = {};\n`,
      'docker-compose.yml': compose({
        api: { build: './apps/api', env: { DATABASE_URL: 'postgres://u@db:5432/a' } },
      }),
    });
    expect(edgeIds(g)).toEqual(['code:api -> compose:db (reads)', 'code:api -> compose:db (writes)']);
    const writes = g.edges.find((e) => e.kind === 'writes');
    expect(writes?.sources).toEqual([{ analyzer: 'typescript', file: 'apps/api/src/orders.ts', line: 5 }]);
  });

  test('Knex built by require(...)(config) takes the product from client and the host from connection', async () => {
    const g = await analyzeTree({
      'package.json': pkg('billing'),
      'src/db.js': `const knex = require('knex')({ client: 'mysql2', connection: { host: process.env.DB_HOST } });\nmodule.exports = { knex };\n`,
      'src/invoices.js': `
const { knex } = require('./db');
exports.find = (id) => knex('invoices').where({ id }).first();
exports.add = (row) => knex('invoices').insert(row);
`,
      'docker-compose.yml': compose({ billing: { build: '.', env: { DB_HOST: 'mysql' } } }),
    });
    expect(edgeIds(g)).toEqual([
      'code:billing -> compose:mysql (reads)',
      'code:billing -> compose:mysql (writes)',
    ]);
    expect(g.edges.every((e) => e.protocol === 'mysql')).toBe(true);
  });

  test('Sequelize class models and Mongoose models use the connection their service opens', async () => {
    const g = await analyzeTree({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['svc/*'] }),
      'svc/reports/package.json': pkg('reports'),
      'svc/reports/src/sequelize.ts': `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.REPORTS_URL as string);\n`,
      'svc/reports/src/report.ts': `
import { Model } from 'sequelize';
import { sequelize } from './sequelize';
export class Report extends Model {}
Report.init({}, { sequelize });
`,
      'svc/reports/src/main.ts': `import { Report } from './report';\nexport const all = () => Report.findAll();\n`,
      'svc/mail/package.json': pkg('mail'),
      'svc/mail/src/main.js': `
import mongoose from 'mongoose';
const Subscriber = mongoose.model('Subscriber', new mongoose.Schema({}));
await mongoose.connect(process.env.MONGO_URL);
export const add = (email) => Subscriber.create({ email });
`,
      'docker-compose.yml': compose({
        reports: { build: './svc/reports', env: { REPORTS_URL: 'postgres://r@db:5432/r' } },
        mail: { build: './svc/mail', env: { MONGO_URL: 'mongodb://mongo:27017/m' } },
      }),
    });
    expect(edgeIds(g)).toEqual(['code:mail -> compose:mongo (writes)', 'code:reports -> compose:db (reads)']);
  });
});

describe('NestJS data modules', () => {
  test('TypeOrmModule.forRootAsync in @Module and @InjectRepository repositories give reads and writes', async () => {
    const g = await analyzeTree({
      'package.json': pkg('orders', {
        dependencies: { '@nestjs/core': '10', '@nestjs/typeorm': '10', typeorm: '0.3' },
      }),
      'src/app.module.ts': `
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ type: 'mysql', host: process.env.ORDERS_DB_HOST, autoLoadEntities: true }),
    }),
  ],
})
export class AppModule {}
`,
      'src/orders.service.ts': `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';
@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  list() { return this.orders.find(); }
  add(o: Order) { return this.orders.save(o); }
}
`,
      'src/order.entity.ts': `export class Order { id!: number; }\n`,
    });
    expect(edgeIds(g)).toEqual([
      'code:orders -> ref:mysql/env:ORDERS_DB_HOST (reads)',
      'code:orders -> ref:mysql/env:ORDERS_DB_HOST (writes)',
    ]);
  });
});
