import { cdnFix } from '../../graph/fixes.js';
import { byService, prop, str } from '../../graph/query.js';
import { defineRule } from '../types.js';

const STATIC_NAME = /(assets|static|web|www|public|media|images|frontend|site)/i;

export default defineRule({
  id: 'no-cdn-for-static-storage',
  title: 'Static content is served from storage without a CDN',
  severity: 'low',
  pillar: 'performance-efficiency',
  why: 'Serving static files straight from S3 means every request crosses the internet to one region, pays S3 GET prices and is limited to 5,500 GET/s per prefix; a CDN caches them near users.',
  helpUri:
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
  check: ({ graph }) =>
    byService(graph, 'aws_s3_bucket')
      .filter(
        (b) => prop(b, 'website') !== undefined || STATIC_NAME.test(`${b.id} ${str(b, 'bucket') ?? ''}`),
      )
      .filter((b) => !graph.inEdges(b.id).some((e) => graph.node(e.from)?.kind === 'cdn'))
      .filter((b) => !/(backup|log|receipt|archive)/i.test(b.id))
      .map((b) => ({
        nodes: [b.id],
        message: `${b.id} looks like static content and no CDN reads from it`,
        fix: cdnFix(graph, b),
      })),
});
