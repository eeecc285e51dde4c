output "app_dns_name" {
  description = "DNS name of the load balancer of ledger-alb (us-east-1)"
  value       = aws_lb.app.dns_name
}

output "main_address" {
  description = "database endpoint of ledger-db (us-east-1)"
  value       = aws_db_instance.main.address
}

output "main_name_servers" {
  description = "name servers to delegate to of ledger.example.org (us-east-1)"
  value       = aws_route53_zone.main.name_servers
}
