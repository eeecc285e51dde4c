// Generates a Terraform estate of N resources spread over local modules, like a real service fleet:
// a root with the network and one module per team, each module holding services built from the same parts
// (security group + rule, queue + DLQ, table, bucket, role + policy, Lambda in the VPC, event source mapping).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Resources per service: see `service()`. */
export const RESOURCES_PER_SERVICE = 10;
const SERVICES_PER_MODULE = 5;
const ROOT_RESOURCES = 5;

export interface Corpus {
  dir: string;
  resources: number;
  files: number;
  modules: number;
}

function service(i: number, upstream: string | undefined): string {
  const s = `svc${i}`;
  return `
resource "aws_security_group" "${s}" {
  name        = "\${var.name}-${s}"
  description = "Service ${s} of \${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Service = "${s}" })
}

resource "aws_vpc_security_group_egress_rule" "${s}" {
  security_group_id = aws_security_group.${s}.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_sqs_queue" "${s}_dlq" {
  name                      = "\${var.name}-${s}-dlq"
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "${s}" {
  name                       = "\${var.name}-${s}"
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.${s}_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_dynamodb_table" "${s}" {
  name         = "\${var.name}-${s}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}

resource "aws_s3_bucket" "${s}" {
  bucket = "\${var.name}-${s}-\${var.environment}"
}

resource "aws_iam_role" "${s}" {
  name = "\${var.name}-${s}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "${s}" {
  name = "${s}-data"
  role = aws_iam_role.${s}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource = aws_sqs_queue.${s}.arn },
      { Effect = "Allow", Action = ["dynamodb:PutItem", "dynamodb:GetItem"], Resource = aws_dynamodb_table.${s}.arn },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = "\${aws_s3_bucket.${s}.arn}/*" },
    ]
  })
}

resource "aws_lambda_function" "${s}" {
  function_name = "\${var.name}-${s}"
  role          = aws_iam_role.${s}.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "\${path.module}/dist/${s}.zip"
  memory_size   = ${128 * (1 + (i % 4))}
  timeout       = 30

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.${s}.id]
  }

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.${s}.name
      BUCKET     = aws_s3_bucket.${s}.bucket
      STAGE      = upper(var.environment)${upstream ? `\n      UPSTREAM_QUEUE_URL = ${upstream}` : ''}
    }
  }
}

resource "aws_lambda_event_source_mapping" "${s}" {
  event_source_arn = aws_sqs_queue.${s}.arn
  function_name    = aws_lambda_function.${s}.arn
  batch_size       = 10
}
`;
}

const moduleVariables = `variable "name" {
  type = string
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "upstream_queue_url" {
  type    = string
  default = null
}
`;

function moduleOutputs(services: number): string {
  const parts = [];
  for (let i = 0; i < services; i++) {
    parts.push(`output "svc${i}_queue_url" {\n  value = aws_sqs_queue.svc${i}.url\n}\n`);
    parts.push(`output "svc${i}_function_arn" {\n  value = aws_lambda_function.svc${i}.arn\n}\n`);
  }
  return parts.join('\n');
}

const rootNetwork = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  name = "fleet-\${var.environment}"
  tags = { Project = "fleet", Environment = var.environment }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = merge(local.tags, { Name = local.name })
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 4, 0)
  availability_zone = "\${var.region}a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 4, 1)
  availability_zone = "\${var.region}b"
}

resource "aws_sns_topic" "events" {
  name = "\${local.name}-events"
}

resource "aws_cloudwatch_log_group" "fleet" {
  name              = "/fleet/\${var.environment}"
  retention_in_days = 14
}
`;

/**
 * Writes a corpus of at least `resources` resources (rounded up to whole services) into `dir`, replacing it.
 * @example
 * const corpus = await generateCorpus('bench/.corpus/terraform-1000', 1000);
 */
export async function generateCorpus(dir: string, resources: number): Promise<Corpus> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'modules'), { recursive: true });
  const totalServices = Math.max(1, Math.ceil((resources - ROOT_RESOURCES) / RESOURCES_PER_SERVICE));
  const modules = Math.ceil(totalServices / SERVICES_PER_MODULE);
  let files = 1;
  const calls: string[] = [];
  let left = totalServices;
  for (let m = 0; m < modules; m++) {
    const count = Math.min(SERVICES_PER_MODULE, left);
    left -= count;
    const name = `team${String(m).padStart(4, '0')}`;
    const mdir = join(dir, 'modules', name);
    await mkdir(mdir, { recursive: true });
    const half = Math.ceil(count / 2);
    const body = (from: number, to: number) => {
      const parts = [];
      for (let i = from; i < to; i++) {
        parts.push(service(i, i === 0 ? 'var.upstream_queue_url' : `aws_sqs_queue.svc${i - 1}.url`));
      }
      return parts.join('');
    };
    await writeFile(join(mdir, 'main.tf'), body(0, half).trimStart());
    await writeFile(join(mdir, 'services.tf'), body(half, count).trimStart());
    await writeFile(join(mdir, 'variables.tf'), moduleVariables);
    await writeFile(join(mdir, 'outputs.tf'), moduleOutputs(count));
    files += 4;
    const upstream =
      m > 0 ? `\n  upstream_queue_url = module.team${String(m - 1).padStart(4, '0')}.svc0_queue_url` : '';
    calls.push(`module "${name}" {
  source      = "./modules/${name}"
  name        = "\${local.name}-${name}"
  environment = var.environment
  vpc_id      = aws_vpc.main.id
  subnet_ids  = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  tags        = local.tags${upstream}
}
`);
  }
  await writeFile(join(dir, 'main.tf'), rootNetwork);
  await writeFile(join(dir, 'modules.tf'), calls.join('\n'));
  files += 1;
  return { dir, resources: ROOT_RESOURCES + totalServices * RESOURCES_PER_SERVICE, files, modules };
}

/**
 * Writes a tfstate v4 of `resources` queues and functions (each function consumes its queue, each queue has
 * the previous one as DLQ), pretty-printed as Terraform writes it.
 * @example
 * await generateState('bench/.corpus/terraform-1000.tfstate', 1000);
 */
export async function generateState(file: string, resources: number): Promise<void> {
  const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
  const account = '123456789012';
  const out = [];
  for (let i = 0; i < resources; i++) {
    const q = `arn:aws:sqs:eu-west-1:${account}:q${i >> 1}`;
    if (i % 2 === 0) {
      out.push({
        mode: 'managed',
        type: 'aws_sqs_queue',
        name: `q${i >> 1}`,
        provider,
        instances: [
          {
            schema_version: 0,
            attributes: {
              arn: q,
              id: `https://sqs.eu-west-1.amazonaws.com/${account}/q${i >> 1}`,
              name: `q${i >> 1}`,
              redrive_policy: i
                ? JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${account}:q${(i >> 1) - 1}` })
                : '',
              tags: { Team: 'fleet' },
              tags_all: { Team: 'fleet', ManagedBy: 'terraform' },
              visibility_timeout_seconds: 60,
            },
            sensitive_attributes: [],
            private: 'eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==',
            dependencies: i ? [`aws_sqs_queue.q${(i >> 1) - 1}`] : [],
          },
        ],
      });
    } else {
      const fn = `arn:aws:lambda:eu-west-1:${account}:function:f${i >> 1}`;
      out.push({
        mode: 'managed',
        type: 'aws_lambda_function',
        name: `f${i >> 1}`,
        provider,
        instances: [
          {
            schema_version: 0,
            attributes: {
              arn: fn,
              function_name: `f${i >> 1}`,
              id: `f${i >> 1}`,
              environment: [
                {
                  variables: {
                    QUEUE_URL: `https://sqs.eu-west-1.amazonaws.com/${account}/q${i >> 1}`,
                    DB_PASSWORD: 'x',
                  },
                },
              ],
              memory_size: 256,
              runtime: 'nodejs20.x',
            },
            sensitive_attributes: [[{ type: 'get_attr', value: 'environment' }]],
            private: 'eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==',
            dependencies: [`aws_sqs_queue.q${i >> 1}`],
          },
        ],
      });
    }
  }
  const state = {
    version: 4,
    terraform_version: '1.9.5',
    serial: 1,
    lineage: 'bench',
    outputs: {},
    resources: out,
  };
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}
