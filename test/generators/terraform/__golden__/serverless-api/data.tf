# orders (aws_dynamodb_table.orders)
resource "aws_dynamodb_table" "orders" {
  provider = aws.us_east_1

  name                        = "orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# orders-api-receipts (aws_s3_bucket.receipts)
resource "aws_s3_bucket" "receipts" {
  provider = aws.us_east_1

  bucket        = "orders-api-receipts"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "receipts" {
  provider = aws.us_east_1

  bucket                  = aws_s3_bucket.receipts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "receipts" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.receipts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "receipts" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.receipts.id

  versioning_configuration {
    status = "Enabled"
  }
}

# orders-api-web (aws_s3_bucket.web)
resource "aws_s3_bucket" "web" {
  provider = aws.us_east_1

  bucket        = "orders-api-web"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "web" {
  provider = aws.us_east_1

  bucket                  = aws_s3_bucket.web.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.web.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "web" {
  provider = aws.us_east_1

  bucket = aws_s3_bucket.web.id

  versioning_configuration {
    status = "Enabled"
  }
}

# payment-provider (aws_secretsmanager_secret.payment_provider)
resource "aws_secretsmanager_secret" "payment_provider" {
  provider = aws.us_east_1

  name                    = "orders-api/payment-provider"
  recovery_window_in_days = 30
  # The secret value is never written by archmap: set it outside Terraform state.
}

resource "aws_apigatewayv2_integration" "http_create_order" {
  provider = aws.us_east_1

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.create_order.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http_post_orders" {
  provider = aws.us_east_1

  api_id    = aws_apigatewayv2_api.http.id
  route_key = "POST /orders"
  target    = "integrations/${aws_apigatewayv2_integration.http_create_order.id}"
}

resource "aws_apigatewayv2_integration" "http_get_order" {
  provider = aws.us_east_1

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.get_order.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http_get_orders_id" {
  provider = aws.us_east_1

  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /orders/{id}"
  target    = "integrations/${aws_apigatewayv2_integration.http_get_order.id}"
}

resource "aws_apigatewayv2_integration" "http_list_orders" {
  provider = aws.us_east_1

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.list_orders.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http_get_orders" {
  provider = aws.us_east_1

  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /orders"
  target    = "integrations/${aws_apigatewayv2_integration.http_list_orders.id}"
}
