# ledger-alb (aws_lb.app)
resource "aws_lb" "app" {
  provider = aws.us_east_1

  name                       = "${var.project}-app"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.alb.id]
  subnets                    = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

# https (aws_lb_listener.https)
resource "aws_lb_listener" "https" {
  provider = aws.us_east_1

  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  # TODO(archmap): the ACM certificate for this listener.
  certificate_arn = var.https_certificate_arn_us_east_1

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

# ledger-web (aws_lb_target_group.web)
resource "aws_lb_target_group" "web" {
  provider = aws.us_east_1

  name        = "${var.project}-web"
  port        = 8080
  protocol    = "HTTP"
  target_type = "instance"
  vpc_id      = aws_vpc.main.id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# web[0] (aws_lb_target_group_attachment.web[0])
resource "aws_lb_target_group_attachment" "web" {
  count    = 2
  provider = aws.us_east_1

  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.web[0].id
  port             = 8080
}

# app.ledger.example.org (aws_route53_record.app)
resource "aws_route53_record" "app" {
  provider = aws.us_east_1

  zone_id = aws_route53_zone.main.zone_id
  name    = "app.ledger.example.org"
  type    = "A"

  alias {
    name                   = aws_lb.app.dns_name
    zone_id                = aws_lb.app.zone_id
    evaluate_target_health = true
  }
}

# ledger.example.org (aws_route53_zone.main)
resource "aws_route53_zone" "main" {
  provider = aws.us_east_1

  name = "ledger.example.org"
}
