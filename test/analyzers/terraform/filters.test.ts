import { describe, expect, it } from 'vitest';
import { analyzeTerraform } from '../../../analyzers/terraform/index.js';
import { silentProgress } from '../../../src/model/plugin.js';
import { writeTree } from './support.js';

const scan = (dir: string) => analyzeTerraform({ dir }, { root: dir, progress: silentProgress });

const SUBNETS = `
locals {
  plan = {
    "app-a"  = { cidr = "10.0.0.0/24", tier = "app" }
    "app-b"  = { cidr = "10.0.1.0/24", tier = "app" }
    "data-a" = { cidr = "10.0.2.0/24", tier = "data" }
    "data-b" = { cidr = "10.0.3.0/24", tier = "data" }
  }
  by_tier = {
    for tier in ["app", "data"] : tier => [for k, s in aws_subnet.this : s.id if s.tags.Tier == tier]
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "this" {
  for_each   = local.plan
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value.cidr
  tags       = { Tier = each.value.tier }
}
`;

describe('comprehension filters over resources', () => {
  it('gives a database only the subnets its filter keeps', async () => {
    const dir = await writeTree({
      'main.tf': `${SUBNETS}
resource "aws_db_subnet_group" "data" {
  subnet_ids = [for k, s in aws_subnet.this : s.id if contains(["data"], s.tags.Tier)]
}

resource "aws_db_instance" "orders" {
  engine               = "postgres"
  db_subnet_group_name = aws_db_subnet_group.data.name
}
`,
    });
    const g = await scan(dir);
    const db = g.nodes.find((n) => n.id === 'aws_db_instance.orders');
    expect(db?.props.subnets).toEqual(['aws_subnet.this["data-a"]', 'aws_subnet.this["data-b"]']);
  });

  it('reads only the part of a local map that is indexed', async () => {
    const dir = await writeTree({
      'main.tf': `${SUBNETS}
resource "aws_autoscaling_group" "app" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = local.by_tier["app"]
}
`,
    });
    const g = await scan(dir);
    const asg = g.nodes.find((n) => n.id === 'aws_autoscaling_group.app');
    expect(asg?.props.subnets).toEqual(['aws_subnet.this["app-a"]', 'aws_subnet.this["app-b"]']);
    expect(g.edges.filter((e) => e.from === 'aws_autoscaling_group.app' && e.to.includes('data-'))).toEqual(
      [],
    );
  });

  it('keeps security-group rules built with setproduct() apart, one pair per rule', async () => {
    const dir = await writeTree({
      'main.tf': `
locals {
  rules = { for p in setproduct(["db"], ["app"]) : "\${p[1]}-\${p[0]}" => { from = p[1], to = p[0] } }
}
resource "aws_security_group" "g" {
  for_each = toset(["app", "db", "cache"])
  name     = each.key
}
resource "aws_vpc_security_group_ingress_rule" "r" {
  for_each                     = local.rules
  security_group_id            = aws_security_group.g[each.value.to].id
  referenced_security_group_id = aws_security_group.g[each.value.from].id
  from_port                    = 5432
  to_port                      = 5432
  ip_protocol                  = "tcp"
}
resource "aws_instance" "app" {
  vpc_security_group_ids = [aws_security_group.g["app"].id]
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  vpc_security_group_ids = [aws_security_group.g["db"].id]
}
resource "aws_elasticache_cluster" "cache" {
  engine             = "redis"
  security_group_ids = [aws_security_group.g["cache"].id]
}
`,
    });
    const g = await scan(dir);
    expect(g.edges.filter((e) => e.kind === 'calls').map((e) => e.id)).toEqual([
      'aws_instance.app -> aws_db_instance.db (calls:5432)',
    ]);
  });
});
