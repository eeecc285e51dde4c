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

# orders_euc1 (aws_db_instance.orders_euc1)
# Added by the design: cross-region read replica of aws_db_instance.orders in eu-central-1: asynchronous, seconds of lag; promoted to primary on failover
resource "aws_db_instance" "orders_euc1" {
  provider = aws.eu_central_1

  identifier           = "${var.project}-orders-euc1"
  replicate_source_db  = aws_db_instance.orders.arn
  db_subnet_group_name = aws_db_subnet_group.orders_euc1.name
  instance_class       = "db.t4g.medium"
  storage_encrypted    = true
  multi_az             = false
  # TODO(archmap): attach the security groups that admit only the callers of aws_db_instance.orders_euc1.
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.project}-orders-euc1-final"
  performance_insights_enabled = true
  backup_retention_period      = 0
}

resource "aws_db_subnet_group" "orders_euc1" {
  provider = aws.eu_central_1

  name       = "${var.project}-orders-euc1"
  subnet_ids = var.private_subnet_ids_eu_central_1
}

# shop-prod-orders (aws_db_subnet_group.orders)
resource "aws_db_subnet_group" "orders" {
  provider = aws.eu_west_1

  name       = "shop-prod-orders"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# shop-prod-orders (aws_dynamodb_table.orders)
# Changed by the design: global tables replicate through the table stream
resource "aws_dynamodb_table" "orders" {
  provider = aws.eu_west_1

  name                        = "shop-prod-orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "orderId"
  deletion_protection_enabled = true
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"

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

# orders_euc1 (aws_dynamodb_table_replica.orders_euc1)
# Added by the design: DynamoDB global table replica in eu-central-1: multi-writer, last-writer-wins, typically < 1 s
resource "aws_dynamodb_table_replica" "orders_euc1" {
  provider = aws.eu_central_1

  global_table_arn            = aws_dynamodb_table.orders.arn
  point_in_time_recovery      = true
  deletion_protection_enabled = true
}

# cache (aws_elasticache_global_replication_group.cache)
# Added by the design: ElastiCache Global Datastore for module.cache.aws_elasticache_replication_group.this: warm cache in the other region (read-only until promoted)
resource "aws_elasticache_global_replication_group" "cache" {
  provider = aws.eu_west_1

  global_replication_group_id_suffix = "cache"
  primary_replication_group_id       = aws_elasticache_replication_group.cache.id
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

# cache_euc1 (aws_elasticache_replication_group.cache_euc1)
# Added by the design: secondary cache in eu-central-1, replicated with < 1 s lag
resource "aws_elasticache_replication_group" "cache_euc1" {
  provider = aws.eu_central_1

  replication_group_id        = "${var.project}-cache-euc1"
  description                 = "Cache for cache_euc1"
  global_replication_group_id = aws_elasticache_global_replication_group.cache.global_replication_group_id
  num_cache_clusters          = 2
  automatic_failover_enabled  = true
  multi_az_enabled            = true
  subnet_group_name           = aws_elasticache_subnet_group.cache_euc1.name
  # TODO(archmap): attach the security groups that admit only the callers of aws_elasticache_replication_group.cache_euc1.
}

resource "aws_elasticache_subnet_group" "cache_euc1" {
  provider = aws.eu_central_1

  name       = "${var.project}-cache-euc1"
  subnet_ids = var.private_subnet_ids_eu_central_1
}

# shop-prod-cache (module.cache.aws_elasticache_subnet_group.this)
resource "aws_elasticache_subnet_group" "cache" {
  provider = aws.eu_west_1

  name       = "shop-prod-cache"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# shop-prod-assets (aws_s3_bucket.assets)
# Changed by the design: S3 replication needs versioning on both buckets
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

resource "aws_s3_bucket_replication_configuration" "assets" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.assets.id
  role   = aws_iam_role.assets_replication.arn

  rule {
    id     = "to-eu-central-1"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    destination {
      bucket = aws_s3_bucket.assets_euc1.arn
    }
  }
}

# assets_euc1 (aws_s3_bucket.assets_euc1)
# Added by the design: replica bucket in eu-central-1 (S3 Cross-Region Replication; RTC gives a 15-minute SLA)
resource "aws_s3_bucket" "assets_euc1" {
  provider = aws.eu_central_1

  bucket        = "shop-prod-assets-eu-central-1"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "assets_euc1" {
  provider = aws.eu_central_1

  bucket                  = aws_s3_bucket.assets_euc1.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets_euc1" {
  provider = aws.eu_central_1

  bucket = aws_s3_bucket.assets_euc1.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "assets_euc1" {
  provider = aws.eu_central_1

  bucket = aws_s3_bucket.assets_euc1.id

  versioning_configuration {
    status = "Enabled"
  }
}

# shop-prod-receipts (aws_s3_bucket.receipts)
# Changed by the design: S3 replication needs versioning on both buckets
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

resource "aws_s3_bucket_replication_configuration" "receipts" {
  provider = aws.eu_west_1

  bucket = aws_s3_bucket.receipts.id
  role   = aws_iam_role.receipts_replication.arn

  rule {
    id     = "to-eu-central-1"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    destination {
      bucket = aws_s3_bucket.receipts_euc1.arn
    }
  }
}

# receipts_euc1 (aws_s3_bucket.receipts_euc1)
# Added by the design: replica bucket in eu-central-1 (S3 Cross-Region Replication; RTC gives a 15-minute SLA)
resource "aws_s3_bucket" "receipts_euc1" {
  provider = aws.eu_central_1

  bucket        = "shop-prod-receipts-eu-central-1"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "receipts_euc1" {
  provider = aws.eu_central_1

  bucket                  = aws_s3_bucket.receipts_euc1.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "receipts_euc1" {
  provider = aws.eu_central_1

  bucket = aws_s3_bucket.receipts_euc1.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "receipts_euc1" {
  provider = aws.eu_central_1

  bucket = aws_s3_bucket.receipts_euc1.id

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
# Changed by the design: Secrets Manager replicates the secret to eu-central-1; the value is never copied by hand
resource "aws_secretsmanager_secret" "db_password" {
  provider = aws.eu_west_1

  name                    = "shop-prod/orders-db/password"
  recovery_window_in_days = 30
  # The secret value is never written by archmap: set it outside Terraform state.

  replica {
    region = "eu-central-1"
  }
}

# db_password (aws_secretsmanager_secret_version.db_password)
resource "aws_secretsmanager_secret_version" "db_password" {
  provider = aws.eu_west_1

  secret_id = aws_secretsmanager_secret.db_password.id
  # TODO(archmap): set the secret value outside Terraform (console, CLI or a rotation Lambda); archmap never writes it.
  secret_string = var.db_password_secret_value
}
