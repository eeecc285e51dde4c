# nat (aws_eip.nat)
resource "aws_eip" "nat" {
  provider = aws.us_east_1

  domain = "vpc"
}

# ledger-igw (aws_internet_gateway.main)
resource "aws_internet_gateway" "main" {
  provider = aws.us_east_1

  vpc_id = aws_vpc.main.id
}

# ledger-nat (aws_nat_gateway.main)
resource "aws_nat_gateway" "main" {
  provider = aws.us_east_1

  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public_a.id
}

# ledger-private (aws_route_table.private)
resource "aws_route_table" "private" {
  provider = aws.us_east_1

  vpc_id = aws_vpc.main.id
  # TODO(archmap): add the routes (internet or NAT gateway).
}

# ledger-public (aws_route_table.public)
resource "aws_route_table" "public" {
  provider = aws.us_east_1

  vpc_id = aws_vpc.main.id
  # TODO(archmap): add the routes (internet or NAT gateway).
}

# ledger-alb (aws_security_group.alb)
resource "aws_security_group" "alb" {
  provider = aws.us_east_1

  name        = "ledger-alb"
  description = "Managed by Terraform: ledger-alb"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# ledger-cache (aws_security_group.cache)
resource "aws_security_group" "cache" {
  provider = aws.us_east_1

  name        = "ledger-cache"
  description = "Managed by Terraform: ledger-cache"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# ledger-db (aws_security_group.db)
resource "aws_security_group" "db" {
  provider = aws.us_east_1

  name        = "ledger-db"
  description = "Managed by Terraform: ledger-db"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# ledger-web (aws_security_group.web)
resource "aws_security_group" "web" {
  provider = aws.us_east_1

  name        = "ledger-web"
  description = "Managed by Terraform: ledger-web"
  vpc_id      = aws_vpc.main.id
  # TODO(archmap): add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).
}

# ledger-private-a (aws_subnet.private_a)
resource "aws_subnet" "private_a" {
  provider = aws.us_east_1

  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.10.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name = "${var.project}-private-a"
    Tier = "private"
  }
}

# ledger-private-b (aws_subnet.private_b)
resource "aws_subnet" "private_b" {
  provider = aws.us_east_1

  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.11.0/24"
  availability_zone = "us-east-1b"

  tags = {
    Name = "${var.project}-private-b"
    Tier = "private"
  }
}

# ledger-public-a (aws_subnet.public_a)
resource "aws_subnet" "public_a" {
  provider = aws.us_east_1

  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.0.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true

  tags = {
    Name = "${var.project}-public-a"
    Tier = "public"
  }
}

# ledger-public-b (aws_subnet.public_b)
resource "aws_subnet" "public_b" {
  provider = aws.us_east_1

  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.1.0/24"
  availability_zone       = "us-east-1b"
  map_public_ip_on_launch = true

  tags = {
    Name = "${var.project}-public-b"
    Tier = "public"
  }
}

# ledger-vpc (aws_vpc.main)
resource "aws_vpc" "main" {
  provider = aws.us_east_1

  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name = "${var.project}-main"
  }
}
