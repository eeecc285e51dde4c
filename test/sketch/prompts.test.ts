// `archmap sketch` offline: 26 common system-design prompts, worded as people ask them, each pick the reference
// a person would pick; a prompt that matches nothing is refused (exit 2, no file) with the closest three.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import { matchReference, REFERENCES } from '../../src/sketch/index.js';
import { runCli } from '../support/cli.js';

const PROMPTS: Array<[string, string]> = [
  ['design a URL shortener like bit.ly for 10k rps', 'url-shortener'],
  ['a WhatsApp-style chat with group rooms and online presence', 'chat'],
  ['the news feed of a social network with 1M users', 'news-feed'],
  ['Uber for bikes: riders request trips, nearby drivers are matched by location', 'ride-sharing'],
  ['a payments API that charges cards, keeps a ledger and sends webhooks', 'payments'],
  ['YouTube-like video upload and streaming with transcoding', 'video-streaming'],
  ['an e-commerce store with catalog, cart and checkout', 'e-commerce'],
  ['ingest telemetry from 100k IoT sensors over MQTT', 'iot-ingestion'],
  ['full text search with autocomplete over a product catalog', 'search'],
  ['a notification service sending email, SMS and push notifications', 'notifications'],
  ['an API rate limiter with per-key quotas', 'rate-limiter'],
  ['Dropbox: file storage with uploads, sharing and thumbnails', 'file-storage'],
  ['a real-time leaderboard of top players for a mobile game', 'leaderboard'],
  ['clickstream analytics pipeline into a data lake with dashboards', 'analytics'],
  ['serve ML model inference for image classification', 'ml-inference'],
  ['a hotel booking system with reservations and availability', 'booking'],
  ['collaborative document editing like Google Docs', 'collaborative-editing'],
  ['backend for a multiplayer game with matchmaking and game servers', 'multiplayer-game'],
  ['a static website for a marketing landing page with a contact form', 'static-website'],
  ['a web crawler that fetches and indexes pages', 'web-crawler'],
  ['a cron job scheduler running background jobs on workers', 'job-scheduler'],
  ['authentication service with login, SSO and JWT sessions', 'auth-service'],
  ['a multi-tenant B2B SaaS with per-tenant isolation', 'multi-tenant-saas'],
  ['a serverless REST backend for a todo app with Lambda and DynamoDB', 'serverless-api'],
  ['a Django monolith on EC2 behind a load balancer with Postgres', 'three-tier-web-app'],
  ['process webhooks asynchronously through queues and workers', 'event-pipeline'],
];

describe('sketch: common system-design prompts', () => {
  it('covers at least 25 reference architectures, each reached by one prompt of the table', () => {
    expect(REFERENCES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(PROMPTS.map(([, id]) => id))).toEqual(new Set(REFERENCES.map((r) => r.id)));
  });

  it.each(PROMPTS)('"%s" → %s', async (prompt, id) => {
    expect((await matchReference(prompt)).reference.id).toBe(id);
  });

  it.each(['banana', 'a recipe for banana bread', 'quantum chromodynamics lattice'])(
    'refuses "%s": nothing matches',
    async (prompt) => {
      await expect(matchReference(prompt)).rejects.toThrow(UsageError);
    },
  );

  it('archmap sketch banana exits 2, names the three closest and the LLM route, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-sketch-')), 'banana.json');
    const r = await runCli(['sketch', 'banana', '--offline', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no reference architecture matches "banana"/);
    expect(r.stderr).toMatch(/closest: [a-z-]+ \([\d.]+\), [a-z-]+ \([\d.]+\), [a-z-]+ \([\d.]+\)/);
    expect(r.stderr).toContain('--planner llm');
    expect(existsSync(out)).toBe(false);
  });
});
