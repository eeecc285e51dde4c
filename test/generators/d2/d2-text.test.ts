import { describe, expect, it } from 'vitest';
import d2 from '../../../generators/d2/index.js';
import { d2String } from '../../../generators/d2/to-d2.js';
import { UsageError } from '../../../src/model/index.js';
import { buildGraph, fixtureGraph, threeTierDiff } from '../support.js';

async function d2Text(...args: Parameters<typeof d2.generate>): Promise<string> {
  const [file] = await d2.generate(...args);
  return String(file?.contents);
}

const legendOf = (text: string) =>
  text.slice(text.indexOf('d2-legend'), text.indexOf('\n}\n', text.indexOf('d2-legend')));

describe('d2 text', () => {
  it('escapes quotes, backslashes and substitutions and keeps dotted ids as one key', () => {
    expect(d2String('aws_ecr_repository.service["api"]')).toBe('"aws_ecr_repository.service[\\"api\\"]"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a D2 substitution, not a template
    expect(d2String('a\\b $x ${y}')).toBe('"a\\\\b \\$x \\${y}"');
    expect(d2String('two\nlines')).toBe('"two\\nlines"');
  });

  it('keeps ids that differ only in case apart (D2 keys ignore case)', async () => {
    const graph = buildGraph([
      { id: 'aws_s3_bucket.Assets', kind: 'storage' },
      { id: 'aws_s3_bucket.assets', kind: 'storage' },
    ]);
    const text = await d2Text(graph, {});
    expect(text).toContain('"aws_s3_bucket.Assets": ');
    expect(text).toContain('"aws_s3_bucket.assets~2": ');
  });

  it('puts a node inside the chain of its region, VPC, subnet tier and subnet', async () => {
    const text = await d2Text(await fixtureGraph('three-tier'), {});
    expect(text).toContain(
      '"region:us-east-1"."aws_vpc.main"."aws_vpc.main/private subnets"."aws_subnet.private_a"."aws_instance.web[0]" -> "region:us-east-1"."aws_vpc.main"."aws_db_instance.main": "writes: mysql :3306"',
    );
  });

  it('labels a node with its name and product, and an aggregate with ×N', async () => {
    const text = await d2Text(await fixtureGraph('three-tier'), { detail: 'services' });
    expect(text).toContain('"aws_instance.web[*]": "web ×2\\nEC2 instance"');
    expect(text).toContain('"aws_db_instance.main": "ledger-db\\nRDS"');
  });

  it('embeds each icon once as a class with a data URI', async () => {
    const text = await d2Text(await fixtureGraph('serverless-api'), {});
    const lambdaIcon = text.match(/icon_AWSLambda: \{ icon: "data:image\/svg\+xml;base64,/g);
    expect(lambdaIcon).toHaveLength(1);
    expect(text).toContain('class: [icon_AWSLambda; component]');
  });

  it('styles added, modified and removed elements and lists only those marks in the legend', async () => {
    const text = await d2Text(await threeTierDiff(), {});
    expect(text).toMatch(
      /"aws_instance\.web\[2\]": "web\[2\]\\nEC2 instance" \{\n\s+class: \[icon_\w+; component; added\]/,
    );
    expect(text).toMatch(/"aws_db_instance\.main": [^\n]+\n\s+class: \[icon_\w+; component; modified\]/);
    expect(text).toMatch(/"aws_nat_gateway\.main": [^\n]+\n\s+class: \[icon_\w+; component; removed\]/);
    expect(text).toContain('{ class: [edge_calls; removed_edge] }');
    expect(text).toContain(
      'removed: { shape: rectangle; width: 72; height: 72; label.near: outside-bottom-center; style: { stroke: "#c62828"; stroke-width: 3; stroke-dash: 5',
    );
    const legend = legendOf(text);
    expect(legend).toContain('added: "Added"');
    expect(legend).toContain('modified: "Modified"');
    expect(legend).toContain('removed: "Removed"');
  });

  it('leaves diff entries out of the legend when nothing changed', async () => {
    const legend = legendOf(await d2Text(await fixtureGraph('three-tier'), {}));
    expect(legend).not.toMatch(/Added|Removed|Modified/);
    expect(legend).toContain('from -> to: "routes"');
  });

  it('draws a legend entry per edge kind present, and none for absent kinds', async () => {
    const legend = legendOf(await d2Text(await fixtureGraph('three-tier'), {}));
    expect(legend).toContain('from -> to: "writes"');
    expect(legend).not.toContain('"consumes"');
  });

  it('rejects bad options as a usage error', async () => {
    const graph = buildGraph([{ id: 'a', kind: 'service' }]);
    await expect(d2.generate(graph, { formats: ['pdf' as 'svg'] })).rejects.toThrow(UsageError);
    await expect(d2.generate(graph, { detail: 'huge' as 'full' })).rejects.toThrow(UsageError);
  });
});
