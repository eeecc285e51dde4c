import { describe, expect, it } from 'vitest';
import { rasteriseIcons, renderPng } from '../../../generators/d2/render.js';
import { iconDataUri, iconPathFor } from '../../../src/catalog/icons.js';

const lambda = iconDataUri('architecture-service/AWSLambda.svg')!;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<image href="${lambda}" x="0" y="0" width="64" height="64" />
<image href="${lambda}" x="100" y="0" width="64" height="64" />
<text x="10" y="90" font-size="12">worker</text></svg>`;

describe('icons and PNG', () => {
  it('reads a catalog icon from the aws-icons package as a base64 SVG data URI', () => {
    expect(lambda).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(lambda.split(',')[1]!, 'base64').toString('utf8')).toContain('<svg');
    expect(iconDataUri('../../package.json')).toBeUndefined();
    expect(iconDataUri('architecture-service/NoSuchIcon.svg')).toBeUndefined();
  });

  it('falls back to a default icon per kind for a service the catalog does not know', () => {
    expect(iconPathFor({ kind: 'queue', service: 'aws_made_up_queue' })).toBe(
      'architecture-service/AmazonSimpleQueueService.svg',
    );
    expect(iconPathFor({ kind: 'function', service: 'aws_lambda_function' })).toBe(
      'architecture-service/AWSLambda.svg',
    );
  });

  it('rasterises each embedded SVG icon to a PNG data URI before resvg draws the PNG', () => {
    const out = rasteriseIcons(svg);
    expect(out).not.toContain('data:image/svg+xml');
    const pngs = [...out.matchAll(/href="(data:image\/png;base64,[^"]+)"/g)].map((m) => m[1]);
    expect(pngs).toHaveLength(2);
    expect(pngs[0]).toBe(pngs[1]);
  });

  it('draws the SVG as a PNG at twice its size', () => {
    const png = renderPng(svg);
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([400, 200]);
  });
});
