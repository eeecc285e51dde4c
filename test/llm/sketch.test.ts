// Offline sketch: each reference architecture is a valid archmap graph the what-if engine can plan on, and a
// typical description of each system picks it.
import { describe, expect, it } from 'vitest';
import { proposeOffline, revise } from '../../src/planners/index.js';
import { loadReference, matchReference, REFERENCES } from '../../src/sketch/index.js';

const DESCRIPTIONS: Record<string, string> = {
  'three-tier-web-app':
    'a classic three tier web app: load balancer, autoscaling EC2 web servers and a Postgres database',
  'serverless-api':
    'a serverless REST API with Lambda functions behind API Gateway storing items in DynamoDB',
  'event-pipeline':
    'an event-driven pipeline: webhooks are ingested, fanned out over SNS and processed by SQS workers',
  'url-shortener': 'a URL shortener that redirects short links and counts clicks',
  chat: 'a real-time chat app with websocket rooms, presence and push notifications',
  'video-streaming': 'users upload videos, we transcode them to HLS and stream them through a CDN',
  'e-commerce': 'an online store with a product catalog, cart, checkout, payments and order fulfilment',
  analytics:
    'clickstream analytics: Kinesis into a data lake on S3, Glue ETL, Athena and a Redshift warehouse for dashboards',
  'ml-inference':
    'serve machine learning model predictions from a SageMaker GPU endpoint with a feature cache',
  'multi-tenant-saas':
    'a multi-tenant B2B SaaS with tenant isolation, Cognito login and subscription billing',
  'news-feed': 'a social media timeline where posts fan out to followers',
  'ride-sharing': 'ride hailing: riders request a trip and the nearest drivers are matched',
  payments: 'process card payments with idempotency keys and a double-entry ledger',
  'iot-ingestion': 'devices send sensor telemetry over MQTT into a time series store',
  search: 'a search engine with full text queries over our documents',
  notifications: 'send notifications to users by email, SMS and push',
  'rate-limiter': 'rate limiting for our public API with a token bucket per key',
  'file-storage': 'users upload files, share them and download them, like Dropbox',
  leaderboard: 'a leaderboard ranking high scores of players',
  booking: 'appointments and reservations with seat availability',
  'collaborative-editing': 'real time collaboration on shared documents like Google Docs',
  'multiplayer-game': 'a multiplayer game backend with lobby and matchmaking',
  'static-website': 'a static site for a blog and landing page',
  'web-crawler': 'a crawler that scrapes websites',
  'job-scheduler': 'cron and background jobs run by workers',
  'auth-service': 'login and sign in with OAuth, SSO and user accounts',
};

describe('reference architectures', () => {
  it('has at least the ten required systems, each described', () => {
    expect(REFERENCES.map((r) => r.id).sort()).toEqual(Object.keys(DESCRIPTIONS).sort());
  });

  it.each(REFERENCES.map((r) => r.id))(
    '%s is a Terraform-typed graph the scale planner can revise',
    async (id) => {
      const graph = await loadReference(id);
      expect(graph.node('region:eu-west-1')?.kind).toBe('region');
      const aws = graph.nodes().filter((n) => n.provider === 'aws' && n.kind !== 'region');
      expect(aws.length).toBeGreaterThanOrEqual(5);
      for (const n of aws) expect(n.service, n.id).toMatch(/^aws_[a-z0-9_]+$/);
      const cs = proposeOffline(graph, 'scale', { factor: 10, rps: 100 });
      expect(() => revise(graph, cs)).not.toThrow();
      expect(cs.capacity.length).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(DESCRIPTIONS))('matches %s from a typical description', async (id, description) => {
    const match = await matchReference(description);
    expect(match.reference.id).toBe(id);
    expect(match.matched.length).toBeGreaterThan(0);
  });

  it('refuses a description with no words', async () => {
    await expect(matchReference('  !! ')).rejects.toThrow(/no words to match/);
  });
});
