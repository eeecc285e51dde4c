# ledger-db (aws_db_instance.main)
resource "aws_db_instance" "main" {
  provider = aws.us_east_1

  identifier                   = "ledger-db"
  engine                       = "mysql"
  engine_version               = "8.0.35"
  allocated_storage            = 200
  storage_type                 = "gp3"
  username                     = "app"
  manage_master_user_password  = true
  db_subnet_group_name         = aws_db_subnet_group.main.name
  instance_class               = "db.m6g.large"
  storage_encrypted            = true
  multi_az                     = false
  vpc_security_group_ids       = [aws_security_group.db.id]
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.project}-main-final"
  performance_insights_enabled = true
  backup_retention_period      = 7
}

# ledger-db (aws_db_subnet_group.main)
resource "aws_db_subnet_group" "main" {
  provider = aws.us_east_1

  name       = "${var.project}-main"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# ledger-sessions (aws_elasticache_cluster.sessions)
resource "aws_elasticache_cluster" "sessions" {
  provider = aws.us_east_1

  cluster_id        = "ledger-sessions"
  engine            = "redis"
  node_type         = "cache.t4g.medium"
  num_cache_nodes   = 1
  subnet_group_name = aws_elasticache_subnet_group.main.name
}

# ledger-cache (aws_elasticache_subnet_group.main)
resource "aws_elasticache_subnet_group" "main" {
  provider = aws.us_east_1

  name       = "${var.project}-main"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# ledger-backups (aws_s3_bucket.backups)
resource "aws_s3_bucket" "backups" {
  provider = aws.us_east_1

  bucket        = "ledger-backups-111122223333"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "backups" {
  provider = aws.us_east_1

  bucket                  = aws_s3_bucket.backups.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.backups.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "backups" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.backups.id

  versioning_configuration {
    status = "Enabled"
  }
}
