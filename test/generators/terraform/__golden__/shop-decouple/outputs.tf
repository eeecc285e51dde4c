output "assets_domain_name" {
  description = "CloudFront domain of assets (eu-west-1)"
  value       = aws_cloudfront_distribution.assets.domain_name
}

output "cache_primary_endpoint_address" {
  description = "cache endpoint of shop-prod-cache (eu-west-1)"
  value       = aws_elasticache_replication_group.cache.primary_endpoint_address
}

output "legacy_events_url" {
  description = "queue URL of legacy_events (eu-west-1)"
  value       = aws_sqs_queue.legacy_events.url
}

output "main_name_servers" {
  description = "name servers to delegate to of shop.example.com (eu-west-1)"
  value       = aws_route53_zone.main.name_servers
}

output "orders_address" {
  description = "database endpoint of shop-prod-orders (eu-west-1)"
  value       = aws_db_instance.orders.address
}

output "orders_dlq_url" {
  description = "queue URL of shop-prod-orders-dlq (eu-west-1)"
  value       = aws_sqs_queue.orders_dlq.url
}

output "orders_name" {
  description = "table name of shop-prod-orders (eu-west-1)"
  value       = aws_dynamodb_table.orders.name
}

output "orders_url" {
  description = "queue URL of shop-prod-orders (eu-west-1)"
  value       = aws_sqs_queue.orders.url
}

output "orders_writes_dlq_url" {
  description = "queue URL of orders_writes_dlq (eu-west-1)"
  value       = aws_sqs_queue.orders_writes_dlq.url
}

output "orders_writes_url" {
  description = "queue URL of orders_writes (eu-west-1)"
  value       = aws_sqs_queue.orders_writes.url
}

output "web_dns_name" {
  description = "DNS name of the load balancer of shop-prod-web (eu-west-1)"
  value       = aws_lb.web.dns_name
}
