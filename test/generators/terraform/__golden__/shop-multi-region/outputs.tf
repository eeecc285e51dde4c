output "assets_domain_name" {
  description = "CloudFront domain of assets (eu-west-1)"
  value       = aws_cloudfront_distribution.assets.domain_name
}

output "cache_euc1_primary_endpoint_address" {
  description = "cache endpoint of cache_euc1 (eu-central-1)"
  value       = aws_elasticache_replication_group.cache_euc1.primary_endpoint_address
}

output "cache_primary_endpoint_address" {
  description = "cache endpoint of shop-prod-cache (eu-west-1)"
  value       = aws_elasticache_replication_group.cache.primary_endpoint_address
}

output "legacy_events_euc1_url" {
  description = "queue URL of legacy_events (eu-central-1) (eu-central-1)"
  value       = aws_sqs_queue.legacy_events_euc1.url
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

output "orders_dlq_euc1_url" {
  description = "queue URL of shop-prod-orders-dlq (eu-central-1) (eu-central-1)"
  value       = aws_sqs_queue.orders_dlq_euc1.url
}

output "orders_dlq_url" {
  description = "queue URL of shop-prod-orders-dlq (eu-west-1)"
  value       = aws_sqs_queue.orders_dlq.url
}

output "orders_euc1_address" {
  description = "database endpoint of orders_euc1 (eu-central-1)"
  value       = aws_db_instance.orders_euc1.address
}

output "orders_euc1_url" {
  description = "queue URL of shop-prod-orders (eu-central-1) (eu-central-1)"
  value       = aws_sqs_queue.orders_euc1.url
}

output "orders_name" {
  description = "table name of shop-prod-orders (eu-west-1)"
  value       = aws_dynamodb_table.orders.name
}

output "orders_url" {
  description = "queue URL of shop-prod-orders (eu-west-1)"
  value       = aws_sqs_queue.orders.url
}

output "web_dns_name" {
  description = "DNS name of the load balancer of shop-prod-web (eu-west-1)"
  value       = aws_lb.web.dns_name
}

output "web_euc1_dns_name" {
  description = "DNS name of the load balancer of shop-prod-web (eu-central-1) (eu-central-1)"
  value       = aws_lb.web_euc1.dns_name
}
