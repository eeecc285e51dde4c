# legacy_events (aws_sqs_queue.legacy_events)
resource "aws_sqs_queue" "legacy_events" {
  provider = aws.eu_west_1

  name                       = "shop-prod-legacy-events"
  visibility_timeout_seconds = 30
  sqs_managed_sse_enabled    = true
  # TODO(archmap): add a dead-letter queue (redrive_policy) so poison messages do not loop forever.
}

# shop-prod-orders (aws_sqs_queue.orders)
resource "aws_sqs_queue" "orders" {
  provider = aws.eu_west_1

  name                       = "shop-prod-orders"
  visibility_timeout_seconds = 180
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}

# shop-prod-orders-dlq (aws_sqs_queue.orders_dlq)
resource "aws_sqs_queue" "orders_dlq" {
  provider = aws.eu_west_1

  name                      = "shop-prod-orders-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}
