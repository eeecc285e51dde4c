# api.shop.example.com (aws_acm_certificate.api)
resource "aws_acm_certificate" "api" {
  provider = aws.eu_west_1

  domain_name       = "api.shop.example.com"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# assets.shop.example.com (aws_acm_certificate.cdn)
resource "aws_acm_certificate" "cdn" {
  provider = aws.us_east_1

  domain_name       = "assets.shop.example.com"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# assets (aws_cloudfront_distribution.assets)
# Changed by the design: CloudFront origin failover: on 5xx from aws_s3_bucket.assets it retries the eu-central-1 copy
resource "aws_cloudfront_distribution" "assets" {
  provider = aws.eu_west_1

  enabled     = true
  comment     = "assets"
  price_class = "PriceClass_100"

  origin {
    origin_id   = "assets"
    domain_name = aws_s3_bucket.assets.bucket_regional_domain_name
    # TODO(archmap): attach an origin access control so only CloudFront reads the bucket.
  }

  origin {
    origin_id   = "assets_euc1"
    domain_name = aws_s3_bucket.assets_euc1.bucket_regional_domain_name
    # TODO(archmap): attach an origin access control so only CloudFront reads the bucket.
  }

  origin_group {
    origin_id = "assets_failover"

    failover_criteria {
      status_codes = [500, 502, 503, 504]
    }

    member {
      origin_id = "assets"
    }

    member {
      origin_id = "assets_euc1"
    }
  }

  default_cache_behavior {
    target_origin_id       = "assets_failover"
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

# shop-prod-assets (aws_cloudfront_origin_access_control.assets)
resource "aws_cloudfront_origin_access_control" "assets" {
  provider = aws.eu_west_1

  name                              = "shop-prod-assets"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# shop-prod-web (aws_lb.web)
resource "aws_lb" "web" {
  provider = aws.eu_west_1

  name                       = "shop-prod-web"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.alb.id]
  subnets                    = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

# shop-prod-web (eu-central-1) (aws_lb.web_euc1)
# Added by the design: aws_lb.web in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_lb" "web_euc1" {
  provider = aws.eu_central_1

  name               = "shop-prod-web-eu-central-1"
  load_balancer_type = "application"
  internal           = false
  # TODO(archmap): attach the security groups that admit only the callers of aws_lb.web_euc1.
  subnets                    = var.public_subnet_ids_eu_central_1
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

# https (aws_lb_listener.https)
resource "aws_lb_listener" "https" {
  provider = aws.eu_west_1

  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.api.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

# https (eu-central-1) (aws_lb_listener.https_euc1)
# Added by the design: aws_lb_listener.https in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_lb_listener" "https_euc1" {
  provider = aws.eu_central_1

  load_balancer_arn = aws_lb.web_euc1.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  # TODO(archmap): the ACM certificate for this listener.
  certificate_arn = var.https_euc1_certificate_arn_eu_central_1

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api_euc1.arn
  }
}

# shop-prod-api (aws_lb_target_group.api)
resource "aws_lb_target_group" "api" {
  provider = aws.eu_west_1

  name        = "shop-prod-api"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# shop-prod-api (eu-central-1) (aws_lb_target_group.api_euc1)
# Added by the design: aws_lb_target_group.api in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_lb_target_group" "api_euc1" {
  provider = aws.eu_central_1

  name        = "shop-prod-api-eu-central-1"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main_euc1.id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# api_euc1 (aws_route53_health_check.api_euc1)
# Added by the design: health check on the eu-central-1 endpoint
resource "aws_route53_health_check" "api_euc1" {
  provider = aws.eu_west_1

  type              = "HTTPS"
  fqdn              = aws_lb.web_euc1.dns_name
  port              = 443
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 10
}

# api_euw1 (aws_route53_health_check.api_euw1)
# Added by the design: Route53 health check on the eu-west-1 endpoint (10 s interval, 3 failures → unhealthy in ~30 s)
resource "aws_route53_health_check" "api_euw1" {
  provider = aws.eu_west_1

  type              = "HTTPS"
  fqdn              = aws_lb.web.dns_name
  port              = 443
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 10
}

# api.shop.example.com (aws_route53_record.api)
# Changed by the design: failover routing: the primary answers while its health check passes
resource "aws_route53_record" "api" {
  provider = aws.eu_west_1

  zone_id         = aws_route53_zone.main.zone_id
  name            = "api.shop.example.com"
  type            = "A"
  set_identifier  = "eu-west-1"
  health_check_id = aws_route53_health_check.api_euw1.id

  failover_routing_policy {
    type = "PRIMARY"
  }

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}

# api_euc1 (aws_route53_record.api_euc1)
# Added by the design: secondary failover record: Route53 answers with eu-central-1 when the primary health check fails
resource "aws_route53_record" "api_euc1" {
  provider = aws.eu_west_1

  zone_id         = aws_route53_zone.main.zone_id
  name            = "api.shop.example.com"
  type            = "A"
  set_identifier  = "eu-central-1"
  health_check_id = aws_route53_health_check.api_euc1.id

  failover_routing_policy {
    type = "SECONDARY"
  }

  alias {
    name                   = aws_lb.web_euc1.dns_name
    zone_id                = aws_lb.web_euc1.zone_id
    evaluate_target_health = true
  }
}

# assets.shop.example.com (aws_route53_record.assets)
resource "aws_route53_record" "assets" {
  provider = aws.eu_west_1

  zone_id = aws_route53_zone.main.zone_id
  name    = "assets.shop.example.com"
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.assets.domain_name
    zone_id                = aws_cloudfront_distribution.assets.hosted_zone_id
    evaluate_target_health = false
  }
}

# shop.example.com (aws_route53_zone.main)
resource "aws_route53_zone" "main" {
  provider = aws.eu_west_1

  name = "shop.example.com"
}
