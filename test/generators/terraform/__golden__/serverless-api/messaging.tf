# order-events (aws_sns_topic.order_events)
resource "aws_sns_topic" "order_events" {
  provider = aws.us_east_1

  name              = "orders-api-order-events"
  kms_master_key_id = "alias/aws/sns"
}

# receipts (aws_sns_topic_subscription.receipts)
resource "aws_sns_topic_subscription" "receipts" {
  provider = aws.us_east_1

  topic_arn = aws_sns_topic.order_events.arn
  protocol  = "lambda"
  # TODO(archmap): the subscriber.
  endpoint = var.receipts_endpoint
}

# payments (aws_sqs_queue.payments)
resource "aws_sqs_queue" "payments" {
  provider = aws.us_east_1

  name                       = "orders-api-payments"
  visibility_timeout_seconds = 180
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.payments_dlq.arn
    maxReceiveCount     = 5
  })
}

# payments-dlq (aws_sqs_queue.payments_dlq)
resource "aws_sqs_queue" "payments_dlq" {
  provider = aws.us_east_1

  name                      = "orders-api-payments-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}
