// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL interpolations are written as ${…} on purpose
import { beforeAll, describe, expect, it } from 'vitest';
import { Unknown } from '../../../analyzers/terraform/values.js';
import { moduleOf } from './support.js';

const MAIN = `
variable "env" {
  default = "prod"
}

variable "azs" {
  default = ["eu-west-1a", "eu-west-1b"]
}

variable "sizes" {
  default = { small = 1, large = 4 }
}

variable "unset" {
  type = string
}

variable "token" {
  default   = "s3cr3t"
  sensitive = true
}

locals {
  name     = "shop-\${var.env}"
  queue    = "\${aws_sqs_queue.orders.url}?x=1"
  arn_list = [aws_sqs_queue.orders.arn, aws_sns_topic.events.arn]
  loop     = local.loop
  servers  = [{ name = "a", port = 80 }, { name = "b", port = 443 }]
}

resource "aws_sqs_queue" "orders" {
  name = local.name
}

resource "aws_sns_topic" "events" {
  name = "events"
}

resource "aws_instance" "web" {
  count = 2
  ami   = "ami-1"
}
`;

let m: Awaited<ReturnType<typeof moduleOf>>;
const plain = async (expr: string) => (await m.evaluate(expr)).plain;

describe('HCL evaluator', () => {
  beforeAll(async () => {
    m = await moduleOf(MAIN, {
      'policy.json': '{"Version":"2012-10-17"}',
      'greeting.tftpl': 'Hello ${name}%{ for s in list } [${s}]%{ endfor }',
    });
  });

  it('evaluates variables, locals and string templates', async () => {
    expect(await plain('local.name')).toBe('shop-prod');
    expect(await plain('"${upper(var.env)}-${length(var.azs)}"')).toBe('PROD-2');
    expect(await plain('var.sizes["large"] * 2 + 1')).toBe(9);
  });

  it('evaluates conditionals, comparisons and logic', async () => {
    expect(await plain('var.env == "prod" ? 3 : 1')).toBe(3);
    expect(await plain('!(1 < 2) || 5 >= 5')).toBe(true);
    expect(await plain('-2 + 3')).toBe(1);
  });

  it('evaluates for expressions, with filters and grouping', async () => {
    expect(await plain('[for az in var.azs : upper(az)]')).toEqual(['EU-WEST-1A', 'EU-WEST-1B']);
    expect(await plain('{ for k, v in var.sizes : k => v * 10 if v > 1 }')).toEqual({ large: 40 });
    expect(await plain('{ for s in local.servers : s.port > 100 ? "tls" : "plain" => s.name... }')).toEqual({
      plain: ['a'],
      tls: ['b'],
    });
  });

  it('evaluates splats and indexes', async () => {
    expect(await plain('local.servers[*].port')).toEqual([80, 443]);
    expect(await plain('local.servers[1].name')).toBe('b');
    expect(await plain('var.azs[0]')).toBe('eu-west-1a');
  });

  it.each([
    ['format("%s-%03d", "web", 7)', 'web-007'],
    ['join(",", ["a", "b"])', 'a,b'],
    ['split("/", "a/b/c")', ['a', 'b', 'c']],
    ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
    ['lookup({ a = 1 }, "b", 2)', 2],
    ['merge({ a = 1, b = 1 }, { b = 2 })', { a: 1, b: 2 }],
    ['length("héllo")', 5],
    ['element(["a", "b"], 3)', 'b'],
    ['lower("ABC")', 'abc'],
    ['replace("a-b-c", "-", "_")', 'a_b_c'],
    ['replace("v1.2.3", "/v(\\\\d+).*/", "$1")', '1'],
    ['coalesce("", null, "x")', 'x'],
    ['try(var.sizes.huge, "fallback")', 'fallback'],
    ['cidrsubnet("10.20.0.0/16", 8, 11)', '10.20.11.0/24'],
    ['cidrsubnet("10.0.0.0/8", 4, 15)', '10.240.0.0/12'],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['tolist(toset(["x"]))', ['x']],
    ['tomap({ a = "1" })', { a: '1' }],
    ['keys({ b = 1, a = 2 })', ['a', 'b']],
    ['values({ b = 1, a = 2 })', [2, 1]],
    ['jsonencode({ b = 1, a = [true, null] })', '{"a":[true,null],"b":1}'],
    ['jsondecode("{\\"a\\": [1, 2]}").a[1]', 2],
    ['jsondecode(file("${path.module}/policy.json")).Version', '2012-10-17'],
    ['templatefile("greeting.tftpl", { name = "Ann", list = ["x", "y"] })', 'Hello Ann [x] [y]'],
  ])('%s', async (expr, expected) => {
    expect(await plain(expr)).toEqual(expected);
  });

  it('keeps heredoc text and strips the indent of <<- heredocs', async () => {
    expect(await plain('<<-EOT\n    hello ${var.env}\n      world\n    EOT\n')).toBe('hello prod\n  world\n');
  });

  it('keeps unknown values symbolic, with the resources they come from', async () => {
    const r = await m.evaluate('local.queue');
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.plain).toBe('${aws_sqs_queue.orders.url}?x=1');
    expect(r.refs).toEqual(['aws_sqs_queue.orders']);
  });

  it('tracks references through function calls and conditionals', async () => {
    expect((await m.evaluate('join(",", local.arn_list)')).refs).toEqual([
      'aws_sns_topic.events',
      'aws_sqs_queue.orders',
    ]);
    const u = await m.evaluate('upper(var.unset)');
    expect(u.value).toBeInstanceOf(Unknown);
    expect(u.plain).toBe('${upper(var.unset)}');
  });

  it('references a counted resource instance by index, or all of them', async () => {
    expect((await m.evaluate('aws_instance.web[1].id')).refs).toEqual(['aws_instance.web[1]']);
    expect((await m.evaluate('aws_instance.web[*].id')).refs).toEqual([
      'aws_instance.web[0]',
      'aws_instance.web[1]',
    ]);
    expect(await plain('length(aws_instance.web)')).toBe(2);
  });

  it('never reveals a sensitive variable', async () => {
    expect(await plain('var.token')).toBe('${var.token}');
  });

  it('turns errors and self-references into unknowns instead of crashing', async () => {
    expect((await m.evaluate('local.loop')).value).toBeInstanceOf(Unknown);
    expect((await m.evaluate('var.azs[10]')).value).toBeInstanceOf(Unknown);
    expect((await m.evaluate('no_such_function(1)')).value).toBeInstanceOf(Unknown);
    expect((await m.evaluate('var.nope')).value).toBeInstanceOf(Unknown);
  });

  it('refuses files outside the repository', async () => {
    expect((await m.evaluate('file("../../../etc/passwd")')).value).toBeInstanceOf(Unknown);
  });
});
