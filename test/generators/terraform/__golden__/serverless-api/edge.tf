# orders-api (aws_apigatewayv2_api.http)
resource "aws_apigatewayv2_api" "http" {
  provider = aws.us_east_1

  name          = "orders-api"
  protocol_type = "HTTP"
}

# cognito-jwt (aws_apigatewayv2_authorizer.cognito)
resource "aws_apigatewayv2_authorizer" "cognito" {
  provider = aws.us_east_1

  api_id           = aws_apigatewayv2_api.http.id
  name             = "${var.project}-cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    audience = [aws_cognito_user_pool_client.web.id]
    issuer   = "https://${aws_cognito_user_pool.customers.endpoint}"
  }
}

# $default (aws_apigatewayv2_stage.default)
resource "aws_apigatewayv2_stage" "default" {
  provider = aws.us_east_1

  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = 2000
    throttling_rate_limit  = 1000
  }
}

# web (aws_cloudfront_distribution.web)
resource "aws_cloudfront_distribution" "web" {
  provider = aws.us_east_1

  enabled     = true
  comment     = "web"
  price_class = "PriceClass_100"

  origin {
    origin_id   = "web"
    domain_name = aws_s3_bucket.web.bucket_regional_domain_name
    # TODO(archmap): attach an origin access control so only CloudFront reads the bucket.
  }

  default_cache_behavior {
    target_origin_id       = "web"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    # Managed-CachingOptimized
    cache_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # TODO(archmap): use an ACM certificate in us-east-1 for a custom domain.
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# orders-customers (aws_cognito_user_pool.customers)
resource "aws_cognito_user_pool" "customers" {
  provider = aws.us_east_1

  name                = "orders-customers"
  mfa_configuration   = "OPTIONAL"
  deletion_protection = "ACTIVE"

  password_policy {
    minimum_length = 12
  }

  software_token_mfa_configuration {
    enabled = true
  }
}

# web (aws_cognito_user_pool_client.web)
resource "aws_cognito_user_pool_client" "web" {
  provider = aws.us_east_1

  name            = "web"
  user_pool_id    = aws_cognito_user_pool.customers.id
  generate_secret = false
}

# api.example.com (aws_route53_record.api)
resource "aws_route53_record" "api" {
  provider = aws.us_east_1

  zone_id = aws_route53_zone.main.zone_id
  name    = "api.example.com"
  type    = "A"

  alias {
    name                   = aws_apigatewayv2_domain_name.http.domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.http.domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = true
  }
}

resource "aws_apigatewayv2_domain_name" "http" {
  provider = aws.us_east_1

  domain_name = "api.example.com"

  domain_name_configuration {
    certificate_arn = var.certificate_arn_us_east_1
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "http" {
  provider = aws.us_east_1

  api_id      = aws_apigatewayv2_api.http.id
  domain_name = aws_apigatewayv2_domain_name.http.id
  stage       = "$default"
}

# www.example.com (aws_route53_record.www)
resource "aws_route53_record" "www" {
  provider = aws.us_east_1

  zone_id = aws_route53_zone.main.zone_id
  name    = "www.example.com"
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.web.domain_name
    zone_id                = aws_cloudfront_distribution.web.hosted_zone_id
    evaluate_target_health = false
  }
}

# example.com (aws_route53_zone.main)
resource "aws_route53_zone" "main" {
  provider = aws.us_east_1

  name = "example.com"
}
