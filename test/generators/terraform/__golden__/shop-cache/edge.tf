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

  default_cache_behavior {
    target_origin_id       = "assets"
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

# api.shop.example.com (aws_route53_record.api)
resource "aws_route53_record" "api" {
  provider = aws.eu_west_1

  zone_id = aws_route53_zone.main.zone_id
  name    = "api.shop.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
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
