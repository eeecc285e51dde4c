# shop-prod-nat (aws_eip.nat)
resource "aws_eip" "nat" {
  provider = aws.eu_west_1

  domain = "vpc"
}

# shop-prod (aws_internet_gateway.main)
resource "aws_internet_gateway" "main" {
  provider = aws.eu_west_1

  vpc_id = aws_vpc.main.id
}

# shop-prod (aws_nat_gateway.main)
resource "aws_nat_gateway" "main" {
  provider = aws.eu_west_1

  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public_a.id
}

# private (aws_route_table.private)
resource "aws_route_table" "private" {
  provider = aws.eu_west_1

  vpc_id = aws_vpc.main.id
  # TODO(archmap): add the routes (internet or NAT gateway).
}

# public (aws_route_table.public)
resource "aws_route_table" "public" {
  provider = aws.eu_west_1

  vpc_id = aws_vpc.main.id
  # TODO(archmap): add the routes (internet or NAT gateway).
}

# private_a (aws_route_table_association.private_a)
resource "aws_route_table_association" "private_a" {
  provider = aws.eu_west_1

  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

# private_b (aws_route_table_association.private_b)
resource "aws_route_table_association" "private_b" {
  provider = aws.eu_west_1

  subnet_id      = aws_subnet.private_b.id
  route_table_id = aws_route_table.private.id
}

# public_a (aws_route_table_association.public_a)
resource "aws_route_table_association" "public_a" {
  provider = aws.eu_west_1

  subnet_id      = aws_subnet.public_a.id
  route_table_id = aws_route_table.public.id
}

# public_b (aws_route_table_association.public_b)
resource "aws_route_table_association" "public_b" {
  provider = aws.eu_west_1

  subnet_id      = aws_subnet.public_b.id
  route_table_id = aws_route_table.public.id
}

# shop-prod-alb (aws_security_group.alb)
resource "aws_security_group" "alb" {
  provider = aws.eu_west_1

  name        = "shop-prod-alb"
  description = "Public HTTPS into the load balancer"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# shop-prod-api (aws_security_group.api)
resource "aws_security_group" "api" {
  provider = aws.eu_west_1

  name        = "shop-prod-api"
  description = "API tasks"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# shop-prod-cache (module.cache.aws_security_group.this)
resource "aws_security_group" "cache" {
  provider = aws.eu_west_1

  name        = "shop-prod-cache"
  description = "Redis for shop-prod-cache"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# shop-prod-db (aws_security_group.db)
resource "aws_security_group" "db" {
  provider = aws.eu_west_1

  name        = "shop-prod-db"
  description = "Orders database"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# shop-prod-worker (aws_security_group.worker)
resource "aws_security_group" "worker" {
  provider = aws.eu_west_1

  name        = "shop-prod-worker"
  description = "Order worker Lambda"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# db_from_api (aws_security_group_rule.db_from_api)
# resource "aws_security_group_rule" "db_from_api" {
#   provider = aws.eu_west_1
#
#   # TODO(archmap): archmap has no template for aws_security_group_rule: fill in its required arguments.
#   description = "API to Postgres"
#   from_port   = 5432
#   protocol    = "tcp"
#   self        = false
#   to_port     = 5432
#   type        = "ingress"
# }

# shop-prod-private-a (aws_subnet.private_a)
resource "aws_subnet" "private_a" {
  provider = aws.eu_west_1

  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.10.0/24"
  availability_zone = "eu-west-1a"

  tags = {
    Name = "${var.project}-private-a"
    Tier = "private"
  }
}

# shop-prod-private-b (aws_subnet.private_b)
resource "aws_subnet" "private_b" {
  provider = aws.eu_west_1

  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.11.0/24"
  availability_zone = "eu-west-1b"

  tags = {
    Name = "${var.project}-private-b"
    Tier = "private"
  }
}

# shop-prod-public-a (aws_subnet.public_a)
resource "aws_subnet" "public_a" {
  provider = aws.eu_west_1

  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.0.0/24"
  availability_zone       = "eu-west-1a"
  map_public_ip_on_launch = true

  tags = {
    Name = "${var.project}-public-a"
    Tier = "public"
  }
}

# shop-prod-public-b (aws_subnet.public_b)
resource "aws_subnet" "public_b" {
  provider = aws.eu_west_1

  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.1.0/24"
  availability_zone       = "eu-west-1b"
  map_public_ip_on_launch = true

  tags = {
    Name = "${var.project}-public-b"
    Tier = "public"
  }
}

# shop-prod (aws_vpc.main)
resource "aws_vpc" "main" {
  provider = aws.eu_west_1

  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name = "${var.project}-main"
  }
}

# alb_all (aws_vpc_security_group_egress_rule.alb_all)
resource "aws_vpc_security_group_egress_rule" "alb_all" {
  provider = aws.eu_west_1

  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# api_all (aws_vpc_security_group_egress_rule.api_all)
resource "aws_vpc_security_group_egress_rule" "api_all" {
  provider = aws.eu_west_1

  security_group_id = aws_security_group.api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# worker_all (aws_vpc_security_group_egress_rule.worker_all)
resource "aws_vpc_security_group_egress_rule" "worker_all" {
  provider = aws.eu_west_1

  security_group_id = aws_security_group.worker.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# alb_https (aws_vpc_security_group_ingress_rule.alb_https)
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  provider = aws.eu_west_1

  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

# api_from_alb (aws_vpc_security_group_ingress_rule.api_from_alb)
resource "aws_vpc_security_group_ingress_rule" "api_from_alb" {
  provider = aws.eu_west_1

  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.alb.id
  from_port                    = 8080
  to_port                      = 8080
  ip_protocol                  = "tcp"
}

# clients[0] (module.cache.aws_vpc_security_group_ingress_rule.clients[0])
resource "aws_vpc_security_group_ingress_rule" "cache_clients" {
  count    = 1
  provider = aws.eu_west_1

  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.api.id
  from_port                    = 6379
  to_port                      = 6379
  ip_protocol                  = "tcp"
}
