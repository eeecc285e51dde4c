# shop-prod-orders (aws_db_instance.orders)
resource "aws_db_instance" "orders" {
  provider = aws.eu_west_1

  identifier                   = "shop-prod-orders"
  engine                       = "postgres"
  engine_version               = "16.3"
  allocated_storage            = 100
  storage_type                 = "gp3"
  db_name                      = "orders"
  username                     = "shop"
  manage_master_user_password  = true
  db_subnet_group_name         = aws_db_subnet_group.orders.name
  instance_class               = "db.t4g.medium"
  storage_encrypted            = true
  multi_az                     = false
  vpc_security_group_ids       = [aws_security_group.db.id]
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.project}-orders-final"
  performance_insights_enabled = true
  backup_retention_period      = 7
}

# shop-prod-orders (aws_db_subnet_group.orders)
resource "aws_db_subnet_group" "orders" {
  provider = aws.eu_west_1

  name       = "shop-prod-orders"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# shop-prod-orders (aws_dynamodb_table.orders)
resource "aws_dynamodb_table" "orders" {
  provider = aws.eu_west_1

  name                        = "shop-prod-orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "orderId"
  deletion_protection_enabled = true

  attribute {
    name = "orderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# shop-prod-cache (module.cache.aws_elasticache_replication_group.this)
resource "aws_elasticache_replication_group" "cache" {
  provider = aws.eu_west_1

  replication_group_id       = "shop-prod-cache"
  description                = "Session and catalog cache"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.r7g.large"
  at_rest_encryption_enabled = "true"
  transit_encryption_enabled = true
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  security_group_ids         = [aws_security_group.cache.id]
}

# shop-prod-cache (module.cache.aws_elasticache_subnet_group.this)
resource "aws_elasticache_subnet_group" "cache" {
  provider = aws.eu_west_1

  name       = "shop-prod-cache"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# shop-prod-assets (aws_s3_bucket.assets)
resource "aws_s3_bucket" "assets" {
  provider = aws.eu_west_1

  bucket        = "shop-prod-assets"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "assets" {
  provider = aws.eu_west_1

  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "assets" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.assets.id

  versioning_configuration {
    status = "Enabled"
  }
}

# shop-prod-receipts (aws_s3_bucket.receipts)
resource "aws_s3_bucket" "receipts" {
  provider = aws.eu_west_1

  bucket        = "shop-prod-receipts"
  force_destroy = false
}

resource "aws_s3_bucket_server_side_encryption_configuration" "receipts" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.receipts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "receipts" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.receipts.id

  versioning_configuration {
    status = "Enabled"
  }
}

# assets (aws_s3_bucket_policy.assets)
resource "aws_s3_bucket_policy" "assets" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.assets.bucket
  # TODO(archmap): the bucket policy (for a CloudFront origin: allow s3:GetObject to cloudfront.amazonaws.com for this distribution only).
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = []
  })
}

# receipts (aws_s3_bucket_public_access_block.receipts)
resource "aws_s3_bucket_public_access_block" "receipts" {
  provider = aws.eu_west_1

  bucket                  = aws_s3_bucket.receipts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# shop-prod/orders-db/password (aws_secretsmanager_secret.db_password)
resource "aws_secretsmanager_secret" "db_password" {
  provider = aws.eu_west_1

  name                    = "shop-prod/orders-db/password"
  recovery_window_in_days = 30
  # The secret value is never written by archmap: set it outside Terraform state.
}

# db_password (aws_secretsmanager_secret_version.db_password)
resource "aws_secretsmanager_secret_version" "db_password" {
  provider = aws.eu_west_1

  secret_id = aws_secretsmanager_secret.db_password.id
  # TODO(archmap): set the secret value outside Terraform (console, CLI or a rotation Lambda); archmap never writes it.
  secret_string = var.db_password_secret_value
}
