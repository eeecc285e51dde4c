output "http_api_endpoint" {
  description = "API endpoint of orders-api (us-east-1)"
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "main_name_servers" {
  description = "name servers to delegate to of example.com (us-east-1)"
  value       = aws_route53_zone.main.name_servers
}

output "orders_name" {
  description = "table name of orders (us-east-1)"
  value       = aws_dynamodb_table.orders.name
}

output "payments_dlq_url" {
  description = "queue URL of payments-dlq (us-east-1)"
  value       = aws_sqs_queue.payments_dlq.url
}

output "payments_url" {
  description = "queue URL of payments (us-east-1)"
  value       = aws_sqs_queue.payments.url
}

output "web_domain_name" {
  description = "CloudFront domain of web (us-east-1)"
  value       = aws_cloudfront_distribution.web.domain_name
}
